import type { IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL, type Result } from '../../core/contract';
import type { Dispatch } from '../../core';
import { serveApiOverIpc } from '../../electron/ipc';

export type IpcCall = (method: string, input: unknown, token?: string | null) => Promise<Result<any>>;

/**
 * The Electron IPC host in front of a core, as the app's own window calls it. Electron cannot run
 * here: ipcMain and the sender frame are stand-ins, the rest is the real `serveApiOverIpc` and core.
 */
export function ipcHost(dispatch: Dispatch): IpcCall {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  serveApiOverIpc({ handle: (channel: string, handler: any) => void handlers.set(channel, handler) }, dispatch);
  const frame = { url: 'app://ayil/index.html' };
  const event = { senderFrame: frame, sender: { mainFrame: frame } } as unknown as IpcMainInvokeEvent;
  return (method, input, token = null) => handlers.get(IPC_CHANNEL)!(event, method, input, token) as Promise<Result<any>>;
}
