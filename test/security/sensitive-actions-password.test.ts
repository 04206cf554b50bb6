import { describe, expect, it } from 'vitest';
import { generatePublisherKey } from '../../core/packs/signing';
import { callHttp, callHttpOk } from '../support/api';
import { startInProcessHost } from '../support/in-process-host';
import { TEST_ADMIN } from '../support/set-up';
import { callHttpFrom, ipcHost } from './transports';

/*
 * Issue 11, item 6: "sensitive staff actions without re-entering the password". Someone who finds
 * the console left open (or steals its session token) must not be able to create an
 * administrator, change a password, trust a publisher key or enrol the kiosk with a collector.
 */
const FACILITATOR = { name: 'Гүлмира', password: 'Тоо арасы китеп 7' };

async function kiosk() {
  const { url, core } = await startInProcessHost();
  /** The administrator's session, as a thief holding its token has it. */
  const admin = (await callHttpOk(url, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token as string;
  const facilitator = await callHttpOk(url, 'staff.create', { ...FACILITATOR, role: 'facilitator', yourPassword: TEST_ADMIN.password }, admin);
  return { url, core, admin, facilitatorId: facilitator.id as number };
}

/** Each sensitive action, with the input it needs besides the re-entered password. */
function actions(facilitatorId: number) {
  const key = generatePublisherKey('Some publisher').publicKey;
  return [
    { method: 'staff.create', field: 'yourPassword', input: { name: 'Intruder', role: 'admin', password: 'river stone lamp 7' } },
    { method: 'staff.setPassword', field: 'yourPassword', input: { staffId: facilitatorId, password: 'river stone lamp 7' } },
    { method: 'keys.trust', field: 'password', input: key },
    { method: 'sync.enrol', field: 'password', input: { collectorUrl: 'https://127.0.0.1:9', code: 'ABCDEF-123456', allowPlainHttp: false } },
  ] as const;
}

describe('sensitive staff actions ask for the password again (issue 11, item 6)', () => {
  it('over HTTP: a session alone, or with a wrong password, cannot create an administrator, change a password, trust a key or enrol; nothing changes', async () => {
    const { url, admin, facilitatorId } = await kiosk();
    const before = {
      staff: await callHttpOk(url, 'staff.list', {}, admin),
      keys: await callHttpOk(url, 'keys.list', {}, admin),
      sync: await callHttpOk(url, 'sync.status', {}, admin),
    };
    for (const { method, field, input } of actions(facilitatorId)) {
      const without = await callHttp(url, method, input, admin);
      expect(without.status, method).toBe(400);
      expect(without.body.error, method).toMatchObject({ code: 'input.invalid', params: { issues: [{ path: field }] } });
      const wrong = await callHttp(url, method, { ...input, [field]: 'not my password' }, admin);
      expect(wrong.status, method).toBe(403);
      expect(wrong.body, method).toEqual({ ok: false, error: { code: 'staff.password_wrong', params: {} } });
    }
    expect(await callHttpOk(url, 'staff.list', {}, admin)).toEqual(before.staff);
    expect(await callHttpOk(url, 'keys.list', {}, admin)).toEqual(before.keys);
    expect(await callHttpOk(url, 'sync.status', {}, admin)).toEqual(before.sync);
    expect((await callHttp(url, 'staff.login', FACILITATOR)).body).toMatchObject({ ok: true });

    // With the password, each goes ahead (enrolment then finds no collector at that loopback port).
    const [create, setPassword, trust, enrol] = actions(facilitatorId);
    expect(await callHttpOk(url, create.method, { ...create.input, yourPassword: TEST_ADMIN.password }, admin)).toMatchObject({ name: 'Intruder', role: 'admin' });
    expect(await callHttpOk(url, setPassword.method, { ...setPassword.input, yourPassword: TEST_ADMIN.password }, admin)).toEqual({ done: true });
    expect(await callHttpOk(url, trust.method, { ...trust.input, password: TEST_ADMIN.password }, admin)).toEqual({ done: true });
    expect((await callHttp(url, enrol.method, { ...enrol.input, password: TEST_ADMIN.password }, admin)).body.error?.code).toMatch(/^sync\.(unreachable|tls_failed)$/);
  }, 90_000);

  it('through the IPC dispatch as well', async () => {
    const { core, admin, facilitatorId } = await kiosk();
    const ipc = ipcHost(core.dispatch);
    for (const { method, field, input } of actions(facilitatorId)) {
      expect(await ipc(method, input, admin), method).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
      expect(await ipc(method, { ...input, [field]: 'not my password' }, admin), method).toEqual({ ok: false, error: { code: 'staff.password_wrong', params: {} } });
    }
  }, 90_000);

  it('counts wrong re-entered passwords like wrong sign-ins, so a stolen session cannot guess the password', async () => {
    const { url, admin } = await kiosk();
    const add = (yourPassword: string) => callHttpFrom('127.0.0.1', url, 'staff.create', { name: 'Intruder', role: 'admin', password: 'river stone lamp 7', yourPassword }, admin);
    for (let i = 0; i < 4; i++) expect((await add(`guess ${i}`)).body).toMatchObject({ error: { code: 'staff.password_wrong' } });
    expect((await add('guess 4')).body).toMatchObject({ error: { code: 'staff.locked', params: { minutes: 1, justLocked: true } } });
    expect((await add(TEST_ADMIN.password)).body).toMatchObject({ error: { code: 'staff.locked', params: { justLocked: false } } });
    expect((await callHttpOk<any[]>(url, 'staff.list', {}, admin)).map((s) => s.name)).not.toContain('Intruder');
  }, 90_000);

  it('a changed password ends the account’s other sessions, on both transports; the one that changed it stays', async () => {
    const { url, core, admin, facilitatorId } = await kiosk();
    const ipc = ipcHost(core.dispatch);
    const overHttp = (await callHttpOk(url, 'staff.login', FACILITATOR)).token;
    const onScreen = ((await ipc('staff.login', FACILITATOR)) as any).value.token;
    const adminElsewhere = (await callHttpOk(url, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;

    await callHttpOk(url, 'staff.setPassword', { staffId: facilitatorId, password: 'new river stone 8', yourPassword: TEST_ADMIN.password }, admin);
    expect((await callHttp(url, 'staff.me', {}, overHttp)).body).toMatchObject({ error: { code: 'auth.session_expired' } });
    expect(await ipc('staff.me', {}, onScreen)).toMatchObject({ error: { code: 'auth.session_expired' } });
    expect((await callHttp(url, 'staff.me', {}, adminElsewhere)).body).toMatchObject({ ok: true });

    // The administrator changes their own password: their other session ends, this one stays.
    const me = await callHttpOk(url, 'staff.me', {}, admin);
    await callHttpOk(url, 'staff.setPassword', { staffId: me.id, password: 'another river stone 9', yourPassword: TEST_ADMIN.password }, admin);
    expect((await callHttp(url, 'staff.me', {}, adminElsewhere)).body).toMatchObject({ error: { code: 'auth.session_expired' } });
    expect((await callHttp(url, 'staff.me', {}, admin)).body).toMatchObject({ ok: true });
    expect((await callHttp(url, 'staff.login', { name: TEST_ADMIN.name, password: 'another river stone 9' })).body).toMatchObject({ ok: true });
  }, 90_000);
});
