import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL } from '../../core/contract';
import { startCore } from '../../core';
import { serveApiOverIpc } from '../../electron/ipc';
import { BUNDLED_PACKS_DIR } from '../support/paths';
import { setUpKiosk } from '../support/set-up';
import { tempDir } from '../support/temp-dir';

// Electron itself cannot run here (its binary cannot be downloaded), so ipcMain and the sender
// frame are stand-ins; everything behind them is the real core on a real database.
type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  return { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler), handlers };
}

function eventFrom(url: string, topFrame = true): IpcMainInvokeEvent {
  const frame = { url };
  const mainFrame = topFrame ? frame : { url: 'app://ayil/index.html' };
  return { senderFrame: frame, sender: { mainFrame } } as unknown as IpcMainInvokeEvent;
}

describe('the Electron IPC host (Electron mocked: its binary cannot run here)', () => {
  it('serves the same API table on one channel', async () => {
    const ipc = fakeIpc();
    const core = await startCore({ dataDir: tempDir(), bundledPacksDir: BUNDLED_PACKS_DIR, log: () => {} });
    await setUpKiosk(core.dispatch);
    serveApiOverIpc(ipc, core.dispatch);
    expect([...ipc.handlers.keys()]).toEqual([IPC_CHANNEL]);
    const call = ipc.handlers.get(IPC_CHANNEL)!;

    const created = (await call(eventFrom('app://ayil/index.html'), 'learners.create', { displayName: 'Асел', avatar: 'star', language: 'ky' }, null)) as {
      ok: boolean;
      value: { token: string };
    };
    expect(created.ok).toBe(true);
    expect(await call(eventFrom('app://ayil/index.html'), 'packs.installed', {}, created.value.token)).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden' },
    });
    expect(await call(eventFrom('app://ayil/index.html'), 'learners.create', { displayName: '' }, null)).toMatchObject({
      ok: false,
      error: { code: 'input.invalid' },
    });
    await core.close();
  });

  it('answers only the app’s own top frame', async () => {
    const ipc = fakeIpc();
    const core = await startCore({ dataDir: tempDir(), bundledPacksDir: BUNDLED_PACKS_DIR, log: () => {} });
    await setUpKiosk(core.dispatch);
    serveApiOverIpc(ipc, core.dispatch);
    const call = ipc.handlers.get(IPC_CHANNEL)!;
    expect(await call(eventFrom('https://evil.example/'), 'learners.list', {}, null)).toMatchObject({ error: { code: 'auth.forbidden' } });
    expect(await call(eventFrom('app://ayil/frame.html', false), 'learners.list', {}, null)).toMatchObject({ error: { code: 'auth.forbidden' } });
    expect(await call(eventFrom('app://ayil/index.html'), 'learners.list', {}, null)).toEqual({ ok: true, value: [] });
    await core.close();
  });
});
