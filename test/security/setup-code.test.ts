import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore } from '../../core';
import { IPC_CHANNEL } from '../../core/contract';
import { serveApiOverIpc } from '../../electron/ipc';
import { callHttp } from '../support/api';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { BUNDLED_PACKS_DIR } from '../support/paths';
import { rawApiCall } from '../support/raw-http';
import { TEST_SITE } from '../support/set-up';
import { tempDir } from '../support/temp-dir';

/*
 * A new kiosk in classroom mode: whoever finishes set-up first becomes its administrator. From a
 * classroom PC that takes the one-time code the host printed on its console; the kiosk's own
 * screen (a browser on the host's PC over loopback, or the Electron window) needs none.
 */

let host: HostProcess | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
});

/** 127.0.0.2 stands for another PC of the classroom: the host sees a peer that is not 127.0.0.1. */
const CLASSROOM_PC = { localAddress: '127.0.0.2' };
const SETUP = { ...TEST_SITE, adminName: 'Айжан', adminPassword: 'тоо-суу-2026' };

/** The code the host printed on its console (it follows the address lines). */
async function printedCode(running: HostProcess): Promise<string> {
  for (let waited = 0; waited < 5_000; waited += 50) {
    const match = /set-up code: ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(running.output());
    if (match) return match[1]!;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no set-up code printed:\n${running.output()}`);
}

describe('set-up from a classroom PC', () => {
  it('is refused without the code the host printed and with a wrong one, and accepted with it', async () => {
    host = await startHostProcess(tempDir(), { setUp: false });
    const code = await printedCode(host);

    const state = await rawApiCall(host.url, 'kiosk.state', {}, CLASSROOM_PC);
    expect(state.body).toMatchObject({ ok: true, value: { setUp: false, setupCodeNeeded: true } });

    const without = await rawApiCall(host.url, 'setup.complete', SETUP, CLASSROOM_PC);
    expect(without).toMatchObject({ status: 403, body: { ok: false, error: { code: 'setup.code_required' } } });
    const wrong = await rawApiCall(host.url, 'setup.complete', { ...SETUP, setupCode: code === 'AAAA-AAAA' ? 'BBBB-BBBB' : 'AAAA-AAAA' }, CLASSROOM_PC);
    expect(wrong).toMatchObject({ status: 403, body: { ok: false, error: { code: 'setup.code_wrong' } } });
    // Nothing was stored: the kiosk still waits for its set-up.
    expect((await callHttp(host.url, 'kiosk.state', {})).body.value).toMatchObject({ setUp: false, setupCodeNeeded: false });

    // Typed as people type it: lower case, a space for the dash.
    const typed = code.toLowerCase().replace('-', ' ');
    const done = await rawApiCall(host.url, 'setup.complete', { ...SETUP, setupCode: typed }, CLASSROOM_PC);
    expect(done).toMatchObject({ status: 200, body: { ok: true, value: { role: 'admin' } } });
    expect((await rawApiCall(host.url, 'staff.me', {}, { ...CLASSROOM_PC, token: done.body!.value.token })).body).toMatchObject({ ok: true, value: { name: 'Айжан' } });
    // And set-up is closed for good, code or not.
    const again = await rawApiCall(host.url, 'setup.complete', { ...SETUP, adminName: 'Second', setupCode: code }, CLASSROOM_PC);
    expect(again.body).toMatchObject({ ok: false, error: { code: 'setup.already_done' } });
  });

  it('needs no code on the kiosk’s own screen: a browser on the host’s PC over loopback', async () => {
    host = await startHostProcess(tempDir(), { setUp: false });
    expect((await callHttp(host.url, 'kiosk.state', {})).body.value).toMatchObject({ setUp: false, setupCodeNeeded: false });
    const done = await callHttp(host.url, 'setup.complete', SETUP);
    expect(done).toMatchObject({ status: 200, body: { ok: true, value: { role: 'admin' } } });
  });

  it('needs no code in the Electron window (IPC from the app’s own top frame), and a stray frame gets nothing', async () => {
    const core = await startCore({ dataDir: tempDir(), bundledPacksDir: BUNDLED_PACKS_DIR, log: () => {} });
    try {
      const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
      serveApiOverIpc({ handle: (channel: string, handler: never) => void handlers.set(channel, handler) }, core.dispatch);
      const call = handlers.get(IPC_CHANNEL)!;
      const from = (url: string) => {
        const frame = { url };
        return { senderFrame: frame, sender: { mainFrame: frame } } as unknown as IpcMainInvokeEvent;
      };
      expect(await call(from('https://evil.example/'), 'setup.complete', SETUP, null)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
      expect(await call(from('app://ayil/index.html'), 'kiosk.state', {}, null)).toMatchObject({ ok: true, value: { setupCodeNeeded: false } });
      expect(await call(from('app://ayil/index.html'), 'setup.complete', SETUP, null)).toMatchObject({ ok: true, value: { role: 'admin' } });
    } finally {
      await core.close();
    }
  });

  it('is printed on the host’s console only while the kiosk is not set up', async () => {
    const dataDir = tempDir();
    host = await startHostProcess(dataDir);
    // Set up by the helper after start: the code printed at start is dead now.
    const code = await printedCode(host);
    expect((await rawApiCall(host.url, 'setup.complete', { ...SETUP, setupCode: code }, CLASSROOM_PC)).body?.error?.code).toBe('setup.already_done');
    await host.stop();
    host = await startHostProcess(dataDir);
    expect((await callHttp(host.url, 'kiosk.state', {})).body.value).toMatchObject({ setUp: true });
    expect(host.output()).toContain('Ayil is running');
    expect(host.output()).not.toMatch(/set-up code/);
  });
});
