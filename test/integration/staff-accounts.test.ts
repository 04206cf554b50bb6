import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STAFF_IDLE_SECONDS } from '../../core/kiosk/settings';
import { generatePublisherKey } from '../../core/packs/signing';
import { testKey } from '../support/packs';
import { TEST_PASSPHRASE } from '../support/set-up';
import { TEST_ADMIN, call, startTestCore } from '../support/test-core';

async function admin(core: Awaited<ReturnType<typeof startTestCore>>) {
  return (await call<{ token: string }>(core, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;
}

describe('staff accounts', () => {
  it('are created, listed and removed by an administrator; names are unique ignoring case in any script', async () => {
    const core = await startTestCore();
    const token = await admin(core);
    const created = await call(core, 'staff.create', { name: '  Гүлмира ', role: 'facilitator', password: 'Тоо арасы китеп 7', yourPassword: TEST_ADMIN.password }, token);
    expect(created).toMatchObject({ name: 'Гүлмира', role: 'facilitator', createdAt: expect.any(String) });
    expect(await core.dispatch('staff.create', { name: 'ГҮЛМИРА', role: 'admin', password: 'other password', yourPassword: TEST_ADMIN.password }, token)).toEqual({
      ok: false,
      error: { code: 'staff.name_taken', params: { name: 'ГҮЛМИРА' } },
    });
    expect((await call<any[]>(core, 'staff.list', {}, token)).map((s) => [s.name, s.role])).toEqual([
      ['Test Admin', 'admin'],
      ['Гүлмира', 'facilitator'],
    ]);
    expect(JSON.stringify(await call(core, 'staff.list', {}, token))).not.toMatch(/scrypt|китеп/);

    const facilitator = (await call(core, 'staff.login', { name: 'гүлмира', password: 'Тоо арасы китеп 7' })).token;
    expect(await call(core, 'staff.me', {}, facilitator)).toEqual({ id: created.id, name: 'Гүлмира', role: 'facilitator' });
    await call(core, 'staff.remove', { staffId: created.id }, token);
    // Removing an account ends its sessions at once.
    expect(await core.dispatch('staff.me', {}, facilitator)).toMatchObject({ ok: false, error: { code: 'auth.session_expired' } });
    expect(await core.dispatch('staff.login', { name: 'гүлмира', password: 'Тоо арасы китеп 7' }, null)).toMatchObject({ ok: false, error: { code: 'staff.login_failed' } });
    expect(await core.dispatch('staff.remove', { staffId: created.id }, token)).toMatchObject({ ok: false, error: { code: 'staff.not_found' } });
  });

  it('never removes the last administrator', async () => {
    const core = await startTestCore();
    const token = await admin(core);
    const me = await call(core, 'staff.me', {}, token);
    expect(await core.dispatch('staff.remove', { staffId: me.id }, token)).toEqual({ ok: false, error: { code: 'staff.last_admin', params: {} } });
    const second = await call(core, 'staff.create', { name: 'Second admin', role: 'admin', password: 'second password', yourPassword: TEST_ADMIN.password }, token);
    await call(core, 'staff.remove', { staffId: me.id }, token);
    const secondToken = (await call(core, 'staff.login', { name: 'Second admin', password: 'second password' })).token;
    expect(await core.dispatch('staff.remove', { staffId: second.id }, secondToken)).toMatchObject({ ok: false, error: { code: 'staff.last_admin' } });
    expect(await call<any[]>(core, 'staff.list', {}, secondToken)).toHaveLength(1);
  });

  it('get a new password from an administrator; the old one stops working and its sessions end', async () => {
    const core = await startTestCore();
    const token = await admin(core);
    const { id } = await call(core, 'staff.create', { name: 'Nurbek', role: 'facilitator', password: 'first password', yourPassword: TEST_ADMIN.password }, token);
    const nurbek = (await call(core, 'staff.login', { name: 'Nurbek', password: 'first password' })).token;
    await call(core, 'staff.setPassword', { staffId: id, password: 'second password', yourPassword: TEST_ADMIN.password }, token);
    expect(await core.dispatch('staff.me', {}, nurbek)).toMatchObject({ ok: false, error: { code: 'auth.session_expired' } });
    expect(await core.dispatch('staff.login', { name: 'Nurbek', password: 'first password' }, null)).toMatchObject({ ok: false, error: { code: 'staff.login_failed' } });
    expect(await call(core, 'staff.login', { name: 'Nurbek', password: 'second password' })).toMatchObject({ role: 'facilitator' });
    expect(await core.dispatch('staff.setPassword', { staffId: 9999, password: 'whatever the weather 12', yourPassword: TEST_ADMIN.password }, token)).toMatchObject({ ok: false, error: { code: 'staff.not_found' } });
  });

  it('re-enter their password before a backup: a wrong one is refused and nothing is written', async () => {
    const core = await startTestCore();
    const token = await admin(core);
    const exports = path.join(core.dataDir, 'exports');
    expect(await core.dispatch('backup.create', { password: 'not it', passphrase: TEST_PASSPHRASE, target: { kind: 'folder' } }, token)).toEqual({
      ok: false,
      error: { code: 'staff.password_wrong', params: {} },
    });
    expect(fs.existsSync(exports) ? fs.readdirSync(exports) : []).toEqual([]);
    expect(await core.dispatch('backup.restore', { password: 'not it', passphrase: TEST_PASSPHRASE, file: path.join(exports, 'x.ayilbackup') }, token)).toMatchObject({
      ok: false,
      error: { code: 'staff.password_wrong' },
    });
  });

  it('time out after the site’s staff idle time plus a minute, whatever the learners’ idle time', async () => {
    const clock = { now: new Date('2026-03-02T09:00:00Z') };
    const core = await startTestCore({ now: () => clock.now });
    const token = await admin(core);
    const learner = await call(core, 'learners.create', { displayName: 'Асан', avatar: 'sun', language: 'ky' });
    const tick = (seconds: number) => (clock.now = new Date(clock.now.getTime() + seconds * 1000));
    const site = await call<{ staffIdleTimeoutSeconds: number }>(core, 'settings.get', {}, token);
    expect(site.staffIdleTimeoutSeconds).toBe(DEFAULT_STAFF_IDLE_SECONDS);
    expect(await call(core, 'kiosk.state', {})).toMatchObject({ idleTimeoutSeconds: 300, staffIdleTimeoutSeconds: DEFAULT_STAFF_IDLE_SECONDS });

    // The screen signs staff out after the staff idle time; the server a minute later.
    const grace = DEFAULT_STAFF_IDLE_SECONDS + 60;
    tick(grace - 1);
    expect(await core.dispatch('staff.me', {}, token)).toMatchObject({ ok: true }); // use resets the clock
    tick(grace - 1);
    expect(await core.dispatch('staff.me', {}, token)).toMatchObject({ ok: true });
    tick(grace + 1);
    expect(await core.dispatch('staff.me', {}, token)).toMatchObject({ ok: false, error: { code: 'auth.session_expired' } });

    // A short learner time (1 minute) and a longer staff time (20): each session keeps its own.
    const fresh = await admin(core);
    await call(core, 'settings.update', { ...(await call(core, 'settings.get', {}, fresh)), idleTimeoutSeconds: 60, staffIdleTimeoutSeconds: 1200 }, fresh);
    const learnerToken = (await call(core, 'learners.choose', { learnerId: learner.learner.id })).token;
    tick(60 + 61);
    expect(await core.dispatch('learner.me', {}, learnerToken)).toMatchObject({ ok: false, error: { code: 'auth.session_expired' } });
    expect(await core.dispatch('staff.me', {}, fresh)).toMatchObject({ ok: true });
    tick(1200 + 59);
    expect(await core.dispatch('staff.me', {}, fresh)).toMatchObject({ ok: true });
    tick(1200 + 61);
    expect(await core.dispatch('staff.me', {}, fresh)).toMatchObject({ ok: false, error: { code: 'auth.session_expired' } });

    // A learner keeps the site's idle time plus a minute, whatever the staff time.
    const later = await admin(core);
    await call(core, 'settings.update', { ...(await call(core, 'settings.get', {}, later)), idleTimeoutSeconds: 1800, staffIdleTimeoutSeconds: 600 }, later);
    const learnerAgain = (await call(core, 'learners.choose', { learnerId: learner.learner.id })).token;
    tick(1800 + 59);
    expect(await core.dispatch('learner.me', {}, learnerAgain)).toMatchObject({ ok: true });
    expect(await core.dispatch('staff.me', {}, later)).toMatchObject({ ok: false, error: { code: 'auth.session_expired' } });
  });
});

describe('site settings and keys', () => {
  it('are read and changed by an administrator; the learner screen follows the languages and idle time', async () => {
    const core = await startTestCore();
    const token = await admin(core);
    const site = await call(core, 'settings.get', {}, token);
    const changed = { ...site, siteName: 'Ак-Суу библиотекасы', languages: ['ru'], idleTimeoutSeconds: 600, k: 10 };
    await call(core, 'settings.update', changed, token);
    expect(await call(core, 'settings.get', {}, token)).toEqual(changed);
    expect(await call(core, 'kiosk.state', {})).toMatchObject({ siteName: 'Ак-Суу библиотекасы', languages: ['ru'], idleTimeoutSeconds: 600 });
    expect(await core.dispatch('settings.update', { ...changed, languages: [], k: 1 }, token)).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await call(core, 'settings.get', {}, token)).toEqual(changed);
  });

  it('lets an administrator remove a key they added, never a shipped one', async () => {
    const core = await startTestCore();
    const token = await admin(core);
    const added = generatePublisherKey('Other publisher').publicKey;
    await call(core, 'keys.trust', { ...added, password: TEST_ADMIN.password }, token);
    expect((await call<any[]>(core, 'keys.list', {}, token)).map((k) => [k.keyId, k.shipped])).toEqual([
      [testKey.publicKey.keyId, true],
      [added.keyId, false],
    ]);
    expect(await core.dispatch('keys.remove', { keyId: testKey.publicKey.keyId }, token)).toMatchObject({ ok: false, error: { code: 'key.shipped' } });
    await call(core, 'keys.remove', { keyId: added.keyId }, token);
    expect((await call<any[]>(core, 'keys.list', {}, token)).map((k) => k.keyId)).toEqual([testKey.publicKey.keyId]);
    expect(await core.dispatch('keys.remove', { keyId: added.keyId }, token)).toMatchObject({ ok: false, error: { code: 'key.not_found' } });
  });
});
