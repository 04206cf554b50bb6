import { EventEmitter } from 'node:events';
import type { App, IpcMainInvokeEvent, WebContents } from 'electron';
import { vi } from 'vitest';

// Electron's binary cannot run here, so its objects are stand-ins with the same methods and
// events; the policies under test are the real functions electron/main.ts wires.

/** A WebContents: events, the window-open handler, developer tools, the renderer's life. */
export function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const fake = Object.assign(emitter, {
    setWindowOpenHandler: vi.fn((handler: (details: { url: string }) => { action: string }) => void (openHandler = handler)),
    openWindow: (url: string) => openHandler?.({ url }),
    closeDevTools: vi.fn(),
    isDestroyed: vi.fn(() => false),
    forcefullyCrashRenderer: vi.fn(),
  });
  return fake as typeof fake & WebContents;
}

/** An event a handler may cancel; `prevented` says whether it did. */
export function cancellable() {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

/** The app object: events and the single-instance lock. */
export function fakeApp(lockAvailable = true) {
  const fake = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => lockAvailable),
    quit: vi.fn(),
  });
  return fake as typeof fake & App;
}

/** ipcMain: records handlers by channel so a test can invoke them as the page would. */
export function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  return {
    handle: (channel: string, handler: (event: IpcMainInvokeEvent, ...args: any[]) => unknown) => void handlers.set(channel, handler),
    handlers,
    invoke: async (channel: string, event: IpcMainInvokeEvent, ...args: unknown[]) => handlers.get(channel)!(event, ...args),
  };
}

/** An IPC event from a frame at `url`: the app's top frame unless `topFrame` is false. */
export function ipcEventFrom(url: string, options: { topFrame?: boolean; sender?: object } = {}): IpcMainInvokeEvent {
  const frame = { url };
  const mainFrame = options.topFrame === false ? { url: 'app://ayil/index.html' } : frame;
  return { senderFrame: frame, sender: { mainFrame, ...options.sender } } as unknown as IpcMainInvokeEvent;
}
