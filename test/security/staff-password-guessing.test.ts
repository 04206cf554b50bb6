import Database from 'better-sqlite3';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, PASSWORD_WEAK_REASONS } from '../../core/contract';
import { catalogues } from '../../renderer/src/i18n/catalogues';
import { callHttp, callHttpOk } from '../support/api';
import { startInProcessHost } from '../support/in-process-host';
import { TEST_ADMIN, TEST_SITE } from '../support/set-up';
import { tempDir } from '../support/temp-dir';
import { callHttpFrom, fakeClock, ipcHost, tally } from './transports';

/*
 * Issue 11, item 2: "staff sign-in has no limit at all", and weak passwords were accepted if they
 * were 8 characters long. Each test makes the attack against the real host and shows it failing.
 */
const login = (url: string, password: string, name: string = TEST_ADMIN.name) => callHttp(url, 'staff.login', { name, password });
const wrongPasswords = (count: number) => Array.from({ length: count }, (_, i) => `guess number ${i}`);

function recordedTries(databaseFile: string, scope: string): number {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM sign_in_tries WHERE scope = ?').get(scope) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('guessing a staff password (issue 11, item 2)', () => {
  it('over HTTP: of 200 guesses sent at once, with the right password last, only five are checked; another computer can still sign in', async () => {
    const clock = fakeClock();
    const { url, core } = await startInProcessHost(undefined, { now: clock.now });
    const answers = await Promise.all([...wrongPasswords(199), TEST_ADMIN.password].map((p) => login(url, p)));

    const bodies = answers.map((a) => a.body);
    expect(tally(bodies)).toEqual({ 'staff.login_failed': 4, 'staff.locked': 196 });
    expect(bodies.filter((b) => b.error?.params.justLocked === true)).toEqual([{ ok: false, error: { code: 'staff.locked', params: { minutes: 1, count: 1, seconds: 60, justLocked: true } } }]);
    expect(answers.filter((a) => a.status === 423)).toHaveLength(196);
    expect(recordedTries(core.databaseFile, 'staff-at-address')).toBe(5);

    // The guesser's computer is locked out of this account; the librarian at another one is not.
    expect((await login(url, TEST_ADMIN.password)).body).toMatchObject({ error: { code: 'staff.locked' } });
    expect((await callHttpFrom('127.0.0.2', url, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).body).toMatchObject({ ok: true });
    clock.tick(1);
    expect((await login(url, TEST_ADMIN.password)).body).toMatchObject({ ok: true, value: { role: 'admin' } });
  }, 90_000);

  it('through the IPC dispatch (the kiosk’s own screen): 200 guesses at once get five checks as well', async () => {
    const { core } = await startInProcessHost();
    const ipc = ipcHost(core.dispatch);
    const answers = await Promise.all([...wrongPasswords(199), TEST_ADMIN.password].map((password) => ipc('staff.login', { name: TEST_ADMIN.name, password })));
    expect(tally(answers)).toEqual({ 'staff.login_failed': 4, 'staff.locked': 196 });
    expect(recordedTries(core.databaseFile, 'staff-at-address')).toBe(5);
  }, 90_000);

  it('locks for longer after each lock (1, 5, 15, 60 minutes, then 60 again), never for good', async () => {
    const clock = fakeClock();
    const { url } = await startInProcessHost(undefined, { now: clock.now });
    let round = 0;
    for (const minutes of [1, 5, 15, 60, 60]) {
      round++;
      for (let i = 0; i < 4; i++) expect((await login(url, `wrong ${round}.${i}`)).body).toMatchObject({ error: { code: 'staff.login_failed' } });
      expect((await login(url, `wrong ${round}.4`)).body).toMatchObject({ error: { code: 'staff.locked', params: { minutes, justLocked: true } } });
      // The answer to every try while locked says how long is left, the right password's too.
      clock.tick(minutes - 1);
      expect((await login(url, TEST_ADMIN.password)).body).toMatchObject({ error: { code: 'staff.locked', params: { minutes: 1, justLocked: false } } });
      clock.tick(1);
    }
    expect((await login(url, TEST_ADMIN.password)).body).toMatchObject({ ok: true });
  }, 90_000);

  it('counts an unknown name like an account (locks tell nothing), and slows down a computer that tries many names', async () => {
    const clock = fakeClock();
    const { url } = await startInProcessHost(undefined, { now: clock.now });
    for (let i = 0; i < 4; i++) expect((await login(url, 'guess', 'Nobody')).body).toMatchObject({ error: { code: 'staff.login_failed' } });
    expect((await login(url, 'guess', 'Nobody')).body).toMatchObject({ error: { code: 'staff.locked', params: { minutes: 1, justLocked: true } } });

    for (let i = 0; i < 4; i++) expect((await login(url, 'guess', `Name ${i}`)).body).toMatchObject({ error: { code: 'staff.login_failed' } });
    const tenth = await login(url, 'guess', 'Name 4');
    expect(tenth.status).toBe(429);
    expect(tenth.body).toMatchObject({ error: { code: 'auth.too_many_tries', params: { minutes: 1, justLocked: true } } });
    // Refused before any check, the right password of a real account too.
    expect((await login(url, TEST_ADMIN.password)).body).toMatchObject({ error: { code: 'auth.too_many_tries', params: { justLocked: false } } });
    expect((await callHttpFrom('127.0.0.2', url, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).body).toMatchObject({ ok: true });
  }, 90_000);

  it('locks the account everywhere once many computers together made 20 wrong tries', async () => {
    const { url } = await startInProcessHost();
    for (let computer = 1; computer <= 4; computer++) {
      for (let i = 0; i < 5; i++) await callHttpFrom(`127.0.2.${computer}`, url, 'staff.login', { name: TEST_ADMIN.name, password: `wrong ${computer}.${i}` });
    }
    expect((await callHttpFrom('127.0.2.9', url, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).body).toMatchObject({
      ok: false,
      error: { code: 'staff.locked', params: { minutes: 1, justLocked: false } },
    });
  }, 90_000);

  it('refuses passwords that are easy to guess, with the same reason in set-up, new accounts and new passwords', async () => {
    const { url } = await startInProcessHost(tempDir(), { setUp: false });
    const weak = { 'password1': 'common', 'qwertyuiop': 'common', 'aaaaaaaaaaaa': 'repeat', 'abcdefghij': 'sequence', 'Test Library 2026': 'personal', 'пароль1234': 'guessable' } as const;
    const site = { ...TEST_SITE, adminName: TEST_ADMIN.name };
    for (const [password, reason] of Object.entries(weak)) {
      const refused = await callHttp(url, 'setup.complete', { ...site, adminPassword: password });
      expect(refused.status, password).toBe(400);
      expect(refused.body, password).toEqual({ ok: false, error: { code: 'staff.password_weak', params: { reason } } });
    }
    expect((await callHttp(url, 'kiosk.state', {})).body.value.setUp).toBe(false);

    const admin = (await callHttpOk(url, 'setup.complete', { ...site, adminPassword: TEST_ADMIN.password })).token;
    const facilitator = await callHttpOk(url, 'staff.create', { name: 'Гүлмира', role: 'facilitator', password: 'Тоо арасы китеп 7', yourPassword: TEST_ADMIN.password }, admin);
    for (const [password, reason] of Object.entries(weak)) {
      const create = await callHttp(url, 'staff.create', { name: 'Second', role: 'admin', password, yourPassword: TEST_ADMIN.password }, admin);
      expect(create.body, password).toEqual({ ok: false, error: { code: 'staff.password_weak', params: { reason } } });
      const change = await callHttp(url, 'staff.setPassword', { staffId: facilitator.id, password, yourPassword: TEST_ADMIN.password }, admin);
      expect(change.body, password).toEqual({ ok: false, error: { code: 'staff.password_weak', params: { reason } } });
    }
    expect((await callHttpOk<any[]>(url, 'staff.list', {}, admin)).map((s) => s.name)).toEqual(['Test Admin', 'Гүлмира']);
    expect((await login(url, 'Тоо арасы китеп 7', 'Гүлмира')).body).toMatchObject({ ok: true });
    // The account's own name is personal too.
    expect((await callHttp(url, 'staff.setPassword', { staffId: facilitator.id, password: 'Гүлмира1990', yourPassword: TEST_ADMIN.password }, admin)).body).toMatchObject({
      error: { code: 'staff.password_weak', params: { reason: 'personal' } },
    });
  }, 90_000);

  it('says why in ky, ru and en, and how many minutes a locked account waits', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: catalogues[l] }])), interpolation: { escapeValue: false } });
    for (const lng of LANGUAGES) {
      const t = i18n.getFixedT(lng);
      const reasons = new Set<string>();
      for (const reason of PASSWORD_WEAK_REASONS) {
        const text = t('errors.staff.password_weak', { reason });
        expect(text, `${lng} ${reason}`).not.toMatch(/\$t\(|\{\{|passwordWeak/);
        reasons.add(text);
      }
      expect(reasons.size, lng).toBe(PASSWORD_WEAK_REASONS.length);
      expect(t('errors.staff.locked', { minutes: 15, count: 15 }), lng).toContain('15');
    }
    expect(i18n.getFixedT('ru')('errors.staff.locked', { minutes: 5, count: 5 })).toContain('5 минут');
  }, 90_000);
});
