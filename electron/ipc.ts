import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL, type Result } from '../core/contract';
import { KIOSK_SCREEN_CALLER, type Dispatch } from '../core';

/** The only origin whose top frame may call the API over IPC. */
export const APP_ORIGIN = 'app://ayil';

/**
 * Serves the API table on one IPC channel, answering only the app's own top-level frame
 * (never a frame or page that a pack or a stray navigation could bring in).
 */
export function serveApiOverIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch): void {
  ipcMain.handle(IPC_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown, token: unknown) => {
    if (!isAppTopFrame(event)) return forbidden;
    if (typeof method !== 'string' || (token !== null && typeof token !== 'string')) return badRequest;
    // The app's own window is the kiosk's screen: its sign-in limits count as one place, 'local'.
    return dispatch(method, input, token, KIOSK_SCREEN_CALLER);
  });
}

const forbidden: Result<never> = { ok: false, error: { code: 'auth.forbidden', params: {} } };
const badRequest: Result<never> = { ok: false, error: { code: 'api.bad_request', params: {} } };

/** The sender check of every channel: the app's own top-level frame on app://ayil, nothing else. */
export function isAppTopFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame !== event.sender.mainFrame) return false;
  // Node's URL gives custom schemes an opaque ("null") origin, so compare scheme and host instead.
  const url = new URL(frame.url);
  return `${url.protocol}//${url.host}` === APP_ORIGIN;
}
