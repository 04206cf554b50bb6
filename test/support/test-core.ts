import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { startCore, type Core, type CoreOptions } from '../../core';
import type { PublicKeyEntry } from '../../core/packs/signing';
import { TEST_DRIVE_ROOT, testKey } from './packs';
import { setUpKiosk } from './set-up';
import { tempDir } from './temp-dir';

export { TEST_ADMIN, TEST_SITE, setUpKiosk } from './set-up';

const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

/** A bundled-packs folder holding only the shipped keys (the test publisher's by default). */
export function shippedKeysDir(keys: PublicKeyEntry[] = [testKey.publicKey]): string {
  const dir = tempDir('ayil-bundled-');
  fs.writeFileSync(path.join(dir, 'trusted-keys.json'), JSON.stringify(keys));
  return dir;
}

/**
 * A core on a fresh (or given) data folder, set up as after the first-run wizard (TEST_ADMIN is its
 * administrator) unless `setUp: false`; a data folder already set up is left as it is.
 */
export async function startTestCore(options: Partial<CoreOptions> & { setUp?: boolean } = {}): Promise<Core> {
  const { setUp = true, ...coreOptions } = options;
  const core = await startCore({ dataDir: tempDir(), bundledPacksDir: shippedKeysDir(), driveRoots: [TEST_DRIVE_ROOT], drivePollMs: 200, log: () => {}, ...coreOptions });
  open.push(core);
  if (setUp && core.problem === null && !(await call<{ setUp: boolean }>(core, 'kiosk.state', {})).setUp) await setUpKiosk(core.dispatch);
  return core;
}

/** Calls a method and returns its value, failing the test with the error code otherwise. */
export async function call<T = any>(core: Core, method: string, input: unknown, token: string | null = null): Promise<T> {
  const result = await core.dispatch(method, input, token);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${JSON.stringify(result.error.params)}`);
  return result.value as T;
}

/** The password of every account `staffToken` makes (strong enough for core's rule). */
export const STAFF_PASSWORD = 'correct horse';

export async function staffToken(core: Core, role: 'facilitator' | 'admin'): Promise<string> {
  const name = `${role}-${Math.random().toString(36).slice(2)}`;
  await core.createStaffAccount({ name, role, password: STAFF_PASSWORD });
  return (await call<{ token: string }>(core, 'staff.login', { name, password: STAFF_PASSWORD })).token;
}

/** Queues an import through the API and waits for it to finish; returns the final job. */
export async function importThroughApi(core: Core, token: string, file: string, extra: object = {}) {
  const job = await call<{ id: string }>(core, 'packs.import', { file, ...extra }, token);
  for (;;) {
    const jobs = await call<Array<{ id: string; state: string }>>(core, 'packs.jobs', {}, token);
    const current = jobs.find((j) => j.id === job.id)!;
    if (['done', 'failed', 'cancelled'].includes(current.state)) return current as any;
    await new Promise((r) => setTimeout(r, 20));
  }
}
