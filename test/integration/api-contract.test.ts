import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, ROLES, methods, type Role } from '../../core/contract';
import { startCore } from '../../core';
import { BUNDLED_PACKS_DIR } from '../support/paths';
import { setUpKiosk } from '../support/set-up';
import { tempDir } from '../support/temp-dir';

describe('the API table', () => {
  it('gives every method a known role and zod input and output schemas', () => {
    for (const name of METHOD_NAMES) {
      const spec = methods[name];
      expect(ROLES, name).toContain(spec.role);
      expect(typeof spec.input.safeParse, name).toBe('function');
      expect(typeof spec.output.safeParse, name).toBe('function');
    }
  });

  it('refuses every method that needs a role to a caller without a session, before reading its input', async () => {
    const core = await startCore({ dataDir: tempDir(), bundledPacksDir: BUNDLED_PACKS_DIR, log: () => {} });
    await setUpKiosk(core.dispatch);
    const guarded = METHOD_NAMES.filter((name) => methods[name].role !== 'none');
    expect(guarded.length).toBeGreaterThan(0);
    for (const name of guarded) {
      const result = await core.dispatch(name, { anything: 'at all' }, null);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    }
    await core.close();
  });

  it('refuses every staff method to a learner session', async () => {
    const core = await startCore({ dataDir: tempDir(), bundledPacksDir: BUNDLED_PACKS_DIR, log: () => {} });
    await setUpKiosk(core.dispatch);
    const grant = await core.dispatch('learners.create', { displayName: 'Бакыт', avatar: 'sun', language: 'ru' }, null);
    if (!grant.ok) throw new Error(grant.error.code);
    const { token } = grant.value as { token: string };
    const roleOf = (name: (typeof METHOD_NAMES)[number]): Role => methods[name].role;
    const staff = METHOD_NAMES.filter((name) => roleOf(name) === 'facilitator' || roleOf(name) === 'admin');
    expect(staff.length).toBeGreaterThan(0);
    for (const name of staff) {
      const result = await core.dispatch(name, {}, token);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    }
    await core.close();
  });
});
