import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, methods } from '../../core/contract';
import { callHttp } from '../support/api';
import { startInProcessHost } from '../support/in-process-host';
import { KIOSK_SCREEN } from '../support/set-up';
import { TEST_ADMIN, TEST_SITE, call, startTestCore } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

const SETUP = { ...TEST_SITE, languages: ['ky', 'ru'], adminName: 'Айжан', adminPassword: 'тоо-суу-2026' };

describe('first-run set-up', () => {
  it('until it is done, refuses every method the table does not mark for it, learners’ included', async () => {
    const core = await startTestCore({ setUp: false });
    expect(await call(core, 'kiosk.state', {})).toMatchObject({ setUp: false, languages: ['ky', 'ru', 'en'] });
    await call(core, 'kiosk.setLanguage', { language: 'ru' });
    const refused = METHOD_NAMES.filter((name) => !('beforeSetup' in methods[name]));
    expect(refused).toEqual(expect.arrayContaining(['learners.list', 'learners.create', 'learners.guest', 'staff.login', 'courses.list']));
    for (const name of refused) {
      expect(await core.dispatch(name, {}, null), name).toEqual({ ok: false, error: { code: 'kiosk.not_set_up', params: { method: name } } });
    }
  });

  it('answers "not set up" over HTTP with 409', async () => {
    const { url } = await startInProcessHost(tempDir(), { setUp: false });
    const { status, body } = await callHttp(url, 'learners.create', { displayName: 'Асел', avatar: 'sun', language: 'ky' });
    expect(status).toBe(409);
    expect(body).toMatchObject({ ok: false, error: { code: 'kiosk.not_set_up' } });
  });

  it('stores the site and the first administrator, answers with their session, refuses a second time, and survives a restart', async () => {
    const dataDir = tempDir();
    const core = await startTestCore({ dataDir, setUp: false });
    expect(await core.dispatch('setup.complete', { ...SETUP, adminPassword: 'short' }, null)).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await call(core, 'kiosk.state', {})).toMatchObject({ setUp: false });

    const done = await core.dispatch('setup.complete', SETUP, null, KIOSK_SCREEN);
    expect(done).toMatchObject({ ok: true, value: { role: 'admin' } });
    const { token } = (done as { value: { token: string } }).value;
    expect(await call(core, 'staff.me', {}, token)).toMatchObject({ name: 'Айжан', role: 'admin' });
    expect(await call(core, 'kiosk.state', {})).toMatchObject({ setUp: true, siteName: TEST_SITE.siteName, languages: ['ky', 'ru'], idleTimeoutSeconds: 300 });
    expect(await call(core, 'settings.get', {}, token)).toEqual({
      siteName: TEST_SITE.siteName,
      siteCode: TEST_SITE.siteCode,
      district: TEST_SITE.district,
      region: TEST_SITE.region,
      languages: ['ky', 'ru'],
      idleTimeoutSeconds: 300,
      staffIdleTimeoutSeconds: 900,
      k: 5,
      keyboardLayout: 'windows',
      fullScreen: false,
    });
    expect(await call(core, 'learners.list', {})).toEqual([]);

    expect(await core.dispatch('setup.complete', { ...SETUP, siteName: 'Other', adminName: 'Intruder' }, null)).toEqual({
      ok: false,
      error: { code: 'setup.already_done', params: {} },
    });
    expect((await call<any[]>(core, 'staff.list', {}, token)).map((s) => s.name)).toEqual(['Айжан']);
    await core.close();

    const again = await startTestCore({ dataDir, setUp: false });
    expect(await call(again, 'kiosk.state', {})).toMatchObject({ setUp: true, siteName: TEST_SITE.siteName, languages: ['ky', 'ru'] });
    const login = await call(again, 'staff.login', { name: 'айжан', password: 'тоо-суу-2026' });
    expect(login.role).toBe('admin');
    expect(await call(again, 'settings.get', {}, login.token)).toMatchObject({ siteCode: TEST_SITE.siteCode });
  });

  it('lets exactly one of two simultaneous set-ups through (one transaction, checked inside it)', async () => {
    const core = await startTestCore({ setUp: false });
    const answers = await Promise.all([
      core.dispatch('setup.complete', { ...SETUP, adminName: 'First' }, null, KIOSK_SCREEN),
      core.dispatch('setup.complete', { ...SETUP, siteName: 'Second site', adminName: 'Second' }, null, KIOSK_SCREEN),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok)).toEqual([{ ok: false, error: { code: 'setup.already_done', params: {} } }]);
    const token = (answers.find((a) => a.ok) as { value: { token: string } }).value.token;
    expect(await call<any[]>(core, 'staff.list', {}, token)).toHaveLength(1);
  });

  it('is what the test support does by default, with TEST_ADMIN as the administrator', async () => {
    const core = await startTestCore();
    expect(await call(core, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).toMatchObject({ role: 'admin' });
  });
});
