import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL, type Result } from '../../core/contract';
import { serveApiOverIpc } from '../../electron/ipc';
import { callHttp } from '../support/api';
import { startInProcessHost } from '../support/in-process-host';

type Call = (method: string, input: unknown, token?: string) => Promise<Result<any>>;

/** The same API over both transports: HTTP (browser host) and the Electron IPC channel. */
async function transports(): Promise<Array<{ name: string; call: Call; databaseFile: string }>> {
  const http = await startInProcessHost();
  const ipcHost = await startInProcessHost();
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  serveApiOverIpc({ handle: (channel: string, handler: any) => void handlers.set(channel, handler) }, ipcHost.core.dispatch);
  const frame = { url: 'app://ayil/index.html' };
  const event = { senderFrame: frame, sender: { mainFrame: frame } } as unknown as IpcMainInvokeEvent;
  return [
    { name: 'HTTP', databaseFile: http.core.databaseFile, call: async (m, i, t) => (await callHttp(http.url, m, i, t)).body as Result<any> },
    { name: 'IPC (Electron mocked: its binary cannot run here)', databaseFile: ipcHost.core.databaseFile, call: (m, i, t) => handlers.get(IPC_CHANNEL)!(event, m, i, t ?? null) as Promise<Result<any>> },
  ];
}

describe('learner secrets, over both transports', () => {
  it('locks a PIN profile after five wrong tries for a minute, stores only an irreversible hash, and lets no one but staff reset it', async () => {
    for (const { name, call, databaseFile } of await transports()) {
      const created = await call('learners.create', { displayName: 'Асел', avatar: 'flower', language: 'ky', secret: { kind: 'pin', pin: '4821' } });
      expect(created.ok, name).toBe(true);
      const learnerId = (created as any).value.learner.id;
      expect((created as any).value.learner.secret).toBe('pin');

      expect(await call('learners.choose', { learnerId })).toMatchObject({ ok: false, error: { code: 'learner.secret_required', params: { kind: 'pin' } } });
      for (let attempt = 1; attempt <= 4; attempt++) {
        expect(await call('learners.choose', { learnerId, secret: { kind: 'pin', pin: '0000' } }), name).toMatchObject({
          ok: false,
          error: { code: 'learner.secret_wrong', params: { triesLeft: 5 - attempt } },
        });
      }
      // The fifth wrong try was checked, and it locked the profile: the answer says both.
      expect(await call('learners.choose', { learnerId, secret: { kind: 'pin', pin: '1111' } })).toMatchObject({
        ok: false,
        error: { code: 'learner.locked', params: { minutes: 1, seconds: 60, justLocked: true } },
      });
      // Locked: even the right PIN is refused until the minute is over.
      expect(await call('learners.choose', { learnerId, secret: { kind: 'pin', pin: '4821' } })).toMatchObject({ ok: false, error: { code: 'learner.locked', params: { minutes: 1, justLocked: false } } });
      expect((await call('learners.list', {})) as any).toMatchObject({ ok: true, value: [{ id: learnerId, lockedSeconds: expect.any(Number) }] });

      // The stored secret is a salted scrypt hash: reading the database does not give the PIN back.
      const db = new Database(databaseFile, { readonly: true });
      const row = db.prepare('SELECT secret_hash FROM learners WHERE id = ?').get(learnerId) as { secret_hash: string };
      db.close();
      expect(row.secret_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
      expect(row.secret_hash).not.toContain('4821');
      expect(fs.readFileSync(databaseFile).includes(Buffer.from('4821'))).toBe(false);

      expect(await call('learners.resetSecret', { learnerId })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    }
  });

  it('opens a picture-secret profile with the right three pictures in order only', async () => {
    for (const { name, call } of await transports()) {
      const created = (await call('learners.create', { displayName: 'Бакыт', avatar: 'sun', language: 'ru', secret: { kind: 'pictures', pictures: ['horse', 'yurt', 'apple'] } })) as any;
      const learnerId = created.value.learner.id;
      expect(await call('learners.choose', { learnerId, secret: { kind: 'pictures', pictures: ['yurt', 'horse', 'apple'] } }), name).toMatchObject({ error: { code: 'learner.secret_wrong' } });
      expect(await call('learners.choose', { learnerId, secret: { kind: 'pin', pin: '1234' } })).toMatchObject({ error: { code: 'learner.secret_wrong' } });
      const opened = (await call('learners.choose', { learnerId, secret: { kind: 'pictures', pictures: ['horse', 'yurt', 'apple'] } })) as any;
      // The owner is told about the two wrong tries, once.
      expect(opened).toMatchObject({ ok: true, value: { learner: { id: learnerId }, wrongTriesSinceLastVisit: 2 } });
      // A right answer does not give a guesser new tries: the two wrong ones still count today.
      expect(await call('learners.choose', { learnerId, secret: { kind: 'pin', pin: '0000' } })).toMatchObject({ error: { code: 'learner.secret_wrong', params: { triesLeft: 2 } } });
      expect(await call('learners.choose', { learnerId, secret: { kind: 'pictures', pictures: ['horse', 'yurt', 'apple'] } })).toMatchObject({ ok: true, value: { wrongTriesSinceLastVisit: 1 } });
      expect(await call('learners.choose', { learnerId, secret: { kind: 'pin', pin: '0000' } })).toMatchObject({ error: { code: 'learner.secret_wrong', params: { triesLeft: 1 } } });
    }
  });

  it('lets a facilitator reset a locked profile', async () => {
    const { url, core } = await startInProcessHost();
    await core.createStaffAccount({ name: 'Фасил', role: 'facilitator', password: 'Ысык-Көл жээги 9' });
    const staff = (await callHttp(url, 'staff.login', { name: 'Фасил', password: 'Ысык-Көл жээги 9' })).body.value.token;
    const learnerId = (await callHttp(url, 'learners.create', { displayName: 'Нур', avatar: 'moon', language: 'en', secret: { kind: 'pin', pin: '2580' } })).body.value.learner.id;
    for (let i = 0; i < 5; i++) await callHttp(url, 'learners.choose', { learnerId, secret: { kind: 'pin', pin: '9999' } });
    expect((await callHttp(url, 'learners.choose', { learnerId })).body).toMatchObject({ error: { code: 'learner.locked' } });
    expect((await callHttp(url, 'learners.resetSecret', { learnerId }, staff)).status).toBe(200);
    const opened = await callHttp(url, 'learners.choose', { learnerId });
    expect(opened.body).toMatchObject({ ok: true, value: { learner: { secret: 'none', lockedSeconds: 0, needsLibrarian: false }, wrongTriesSinceLastVisit: 5 } });
  });

  it('rejects malformed secrets with 400 before checking anything', async () => {
    const { url } = await startInProcessHost();
    for (const secret of [{ kind: 'pin', pin: '12a4' }, { kind: 'pin', pin: '12345' }, { kind: 'pictures', pictures: ['horse', 'yurt'] }, { kind: 'pictures', pictures: ['horse', 'yurt', 'dragon'] }]) {
      const answer = await callHttp(url, 'learners.create', { displayName: 'X', avatar: 'sun', language: 'ky', secret });
      expect(answer.status, JSON.stringify(secret)).toBe(400);
    }
  });
});
