import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { DESKTOP_CHANNELS, type AyilDesktopBridge, type StickChoice } from '../core/contract';
import { isAppTopFrame } from './ipc';

/** What the main process does for each of the desktop bridge's calls (`call` aside, see ipc.ts). */
export interface DesktopServices {
  systemIdleSeconds(): number;
  printCertificate(sender: WebContents): Promise<boolean>;
  sticks(): StickChoice[];
  saveCertificatePdf(sender: WebContents, stickId: unknown, code: unknown): ReturnType<AyilDesktopBridge['saveCertificatePdf']>;
}

/** Thrown into the page's promise: only the app's own top frame may use the desktop's channels. */
export class ForbiddenSender extends Error {
  constructor() {
    super('Only the app’s own window may call this.');
  }
}

/** Serves the desktop bridge's channels, each behind the same sender check as the API's. */
export function serveDesktopOverIpc(ipcMain: Pick<IpcMain, 'handle'>, services: DesktopServices): void {
  const guarded =
    <A extends unknown[], R>(handler: (event: IpcMainInvokeEvent, ...args: A) => R) =>
    (event: IpcMainInvokeEvent, ...args: A): R => {
      if (!isAppTopFrame(event)) throw new ForbiddenSender();
      return handler(event, ...args);
    };
  ipcMain.handle(DESKTOP_CHANNELS.systemIdleSeconds, guarded(() => services.systemIdleSeconds()));
  ipcMain.handle(DESKTOP_CHANNELS.printCertificate, guarded((event) => services.printCertificate(event.sender)));
  ipcMain.handle(DESKTOP_CHANNELS.sticks, guarded(() => services.sticks()));
  ipcMain.handle(
    DESKTOP_CHANNELS.saveCertificatePdf,
    guarded((event, stickId: unknown, code: unknown) => services.saveCertificatePdf(event.sender, stickId, code)),
  );
}
