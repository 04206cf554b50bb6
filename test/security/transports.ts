import http from 'node:http';
import type { IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL, type Result } from '../../core/contract';
import type { Dispatch } from '../../core';
import { serveApiOverIpc } from '../../electron/ipc';
import type { WireBody } from '../support/api';

/**
 * A bare HTTP call to the host's API sent from a chosen loopback address (127.0.0.2, …), so a
 * test can be two computers of a classroom at once. Linux routes all of 127.0.0.0/8 to loopback.
 */
export function callHttpFrom(localAddress: string, baseUrl: string, method: string, input: unknown, token?: string): Promise<{ status: number; body: WireBody }> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(`api/${method}`, baseUrl),
      {
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as WireBody }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

export type IpcCall = (method: string, input: unknown, token?: string | null) => Promise<Result<any>>;

/**
 * The Electron IPC host in front of a core, as the app's own window calls it. Electron cannot run
 * here (its binary cannot be downloaded): ipcMain and the sender frame are stand-ins, everything
 * behind them is the real `serveApiOverIpc` and the real core.
 */
export function ipcHost(dispatch: Dispatch): IpcCall {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  serveApiOverIpc({ handle: (channel: string, handler: any) => void handlers.set(channel, handler) }, dispatch);
  const frame = { url: 'app://ayil/index.html' };
  const event = { senderFrame: frame, sender: { mainFrame: frame } } as unknown as IpcMainInvokeEvent;
  return (method, input, token = null) => handlers.get(IPC_CHANNEL)!(event, method, input, token) as Promise<Result<any>>;
}

/** A clock the test moves by hand. */
export function fakeClock(start = '2026-03-02T09:00:00Z') {
  const clock = {
    at: new Date(start),
    now: () => clock.at,
    tick(minutes: number) {
      clock.at = new Date(clock.at.getTime() + minutes * 60_000);
    },
  };
  return clock;
}

/** How many answers carry each error code (and `ok`). */
export function tally(answers: Array<{ ok: boolean; error?: { code: string } }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = answer.ok ? 'ok' : answer.error!.code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
