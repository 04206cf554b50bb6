import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL, METHOD_NAMES, methods, type MethodName } from '../../core/contract';
import { serveApiOverIpc } from '../../electron/ipc';
import { callHttp } from '../support/api';
import { startInProcessHost } from '../support/in-process-host';

// The whole table, read from the contract: a method added later is walked too, whatever its name.
const roleOf = (name: MethodName) => methods[name].role;
const GUARDED = METHOD_NAMES.filter((name) => roleOf(name) !== 'none');
const STAFF = METHOD_NAMES.filter((name) => roleOf(name) === 'facilitator' || roleOf(name) === 'admin');
const ADMIN = METHOD_NAMES.filter((name) => roleOf(name) === 'admin');

/** Electron cannot run here: ipcMain is a stand-in, the handler behind it is the real one. */
function ipcCall(dispatch: Parameters<typeof serveApiOverIpc>[1]) {
  let handler: ((event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>) | undefined;
  serveApiOverIpc({ handle: (_channel, h) => void (handler = h) }, dispatch);
  const frame = { url: 'app://ayil/index.html' };
  const event = { senderFrame: frame, sender: { mainFrame: frame } } as unknown as IpcMainInvokeEvent;
  return (method: string, input: unknown, token: string | null) => handler!(event, method, input, token);
}

async function kioskWithCallers() {
  const { url, core } = await startInProcessHost();
  const learner = await callHttp(url, 'learners.create', { displayName: 'Бакыт', avatar: 'sun', language: 'ru' });
  const learnerToken = learner.body.value.token as string;
  await core.createStaffAccount({ name: 'Facilitator', role: 'facilitator', password: 'river stone lamp 7' });
  const facilitator = await callHttp(url, 'staff.login', { name: 'Facilitator', password: 'river stone lamp 7' });
  return { url, core, learnerToken, facilitatorToken: facilitator.body.value.token as string, ipc: ipcCall(core.dispatch) };
}

describe('every method enforces its role on both transports (the whole API table)', () => {
  it('has staff methods and admin methods to walk, and IPC is served on its one channel', () => {
    expect(STAFF.length).toBeGreaterThan(20);
    expect(ADMIN).toEqual(expect.arrayContaining(['backup.restore', 'stats.export', 'staff.create', 'settings.update']));
    let channel = '';
    serveApiOverIpc({ handle: (c) => void (channel = c) }, async () => ({ ok: true, value: null }));
    expect(channel).toBe(IPC_CHANNEL);
  });

  it('refuses every method that needs a role to no session with 403, over HTTP and IPC', async () => {
    const { url, ipc } = await kioskWithCallers();
    for (const name of GUARDED) {
      const forbidden = { ok: false, error: { code: 'auth.forbidden', params: { method: name, role: roleOf(name) } } };
      const http = await callHttp(url, name, {});
      expect(http.status, name).toBe(403);
      expect(http.body, name).toEqual(forbidden);
      expect(await ipc(name, {}, null), name).toEqual(forbidden);
    }
  });

  it('refuses every staff method to a learner session with 403, over HTTP and IPC', async () => {
    const { url, ipc, learnerToken } = await kioskWithCallers();
    for (const name of STAFF) {
      const http = await callHttp(url, name, {}, learnerToken);
      expect(http.status, name).toBe(403);
      expect(http.body, name).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
      expect(await ipc(name, {}, learnerToken), name).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    }
    // The learner's session is still good: refusals do not end it.
    expect((await callHttp(url, 'learner.me', {}, learnerToken)).status).toBe(200);
  });

  it('refuses every administrator method to a facilitator with 403, over HTTP and IPC', async () => {
    const { url, ipc, facilitatorToken } = await kioskWithCallers();
    for (const name of ADMIN) {
      const http = await callHttp(url, name, {}, facilitatorToken);
      expect(http.status, name).toBe(403);
      expect(http.body, name).toEqual({ ok: false, error: { code: 'auth.forbidden', params: { method: name, role: 'admin' } } });
      expect(await ipc(name, {}, facilitatorToken), name).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    }
    expect((await callHttp(url, 'staff.me', {}, facilitatorToken)).body).toMatchObject({ ok: true, value: { name: 'Facilitator', role: 'facilitator' } });
  });

  it('refuses learner methods to staff sessions (a console session is not a learner)', async () => {
    const { url, facilitatorToken } = await kioskWithCallers();
    for (const name of METHOD_NAMES.filter((n) => roleOf(n) === 'learner')) {
      expect((await callHttp(url, name, {}, facilitatorToken)).status, name).toBe(403);
    }
  });
});
