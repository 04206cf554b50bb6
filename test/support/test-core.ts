import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { startCore, type Core, type CoreOptions } from '../../core';
import type { PublicKeyEntry } from '../../core/packs/signing';
import { TEST_DRIVE_ROOT, testKey } from './packs';
import { tempDir } from './temp-dir';

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

export async function startTestCore(options: Partial<CoreOptions> = {}): Promise<Core> {
  const core = await startCore({ dataDir: tempDir(), bundledPacksDir: shippedKeysDir(), driveRoots: [TEST_DRIVE_ROOT], drivePollMs: 200, log: () => {}, ...options });
  open.push(core);
  return core;
}

/** Calls a method and returns its value, failing the test with the error code otherwise. */
export async function call<T = any>(core: Core, method: string, input: unknown, token: string | null = null): Promise<T> {
  const result = await core.dispatch(method, input, token);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${JSON.stringify(result.error.params)}`);
  return result.value as T;
}

export async function staffToken(core: Core, role: 'facilitator' | 'admin'): Promise<string> {
  const name = `${role}-${Math.random().toString(36).slice(2)}`;
  await core.createStaffAccount({ name, role, password: 'correct horse' });
  return (await call<{ token: string }>(core, 'staff.login', { name, password: 'correct horse' })).token;
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
