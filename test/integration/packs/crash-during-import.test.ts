import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPack, verifyContent } from '../../../core/packs/pack-file';
import { PACK_ID, TEST_DRIVE_ROOT, makePack, noise } from '../../support/packs';
import { REPO_ROOT } from '../../support/paths';
import { call, shippedKeysDir, staffToken, startTestCore } from '../../support/test-core';
import { tempDir } from '../../support/temp-dir';

const WORKER = path.join(REPO_ROOT, 'test', 'support', 'import-worker.ts');

/** Runs the worker; resolves when it prints `ready` with a function to kill it, and its exit. */
function startWorker(dataDir: string, bundled: string, file: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dataDir, bundled, file, TEST_DRIVE_ROOT], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => output.includes('ready') && resolve());
    void exited.then(() => reject(new Error(`worker exited before ready:\n${output}`)));
  });
  return { ready, exited, kill: () => child.kill('SIGKILL'), output: () => output };
}

describe('a power cut (kill -9) during an import', () => {
  it('leaves exactly the old or the new version active, never a mix, and no staging file, over 20 random moments', async () => {
    const bundled = shippedKeysDir();
    const oldPack = await makePack({ version: '1.0.0', files: { 'media/a.bin': noise(2 * 1024 * 1024) } });
    const newPack = await makePack({ version: '2.0.0', files: { 'media/a.bin': noise(12 * 1024 * 1024), 'media/b.bin': noise(12 * 1024 * 1024) } });

    // Calibrate: how long a whole import takes here, so the kills spread over all of it.
    const calibration = tempDir();
    const warm = startWorker(calibration, bundled, newPack);
    await warm.ready;
    const start = Date.now();
    await warm.exited;
    const importMs = Date.now() - start;
    expect(warm.output()).toContain('done');

    const seen = { '1.0.0': 0, '2.0.0': 0 };
    for (let run = 0; run < 20; run++) {
      const dataDir = tempDir();
      const setup = await startTestCore({ dataDir, bundledPacksDir: bundled });
      const token = await staffToken(setup, 'facilitator');
      await call(setup, 'packs.import', { file: oldPack }, token);
      while ((await call<any[]>(setup, 'packs.installed', {}, token)).length === 0) await new Promise((r) => setTimeout(r, 10));
      await setup.close();

      const worker = startWorker(dataDir, bundled, newPack);
      await worker.ready;
      await new Promise((r) => setTimeout(r, Math.random() * importMs * 1.3));
      worker.kill();
      await worker.exited;

      const after = await startTestCore({ dataDir, bundledPacksDir: bundled });
      const installed = await call<any[]>(after, 'packs.installed', {}, await staffToken(after, 'admin'));
      expect(installed).toHaveLength(1);
      const version = installed[0].version as '1.0.0' | '2.0.0';
      expect(['1.0.0', '2.0.0']).toContain(version);
      seen[version]++;

      const files = fs.readdirSync(path.join(dataDir, 'packs'));
      expect(files.filter((f) => f.startsWith('.staging-'))).toEqual([]);
      expect(files).toHaveLength(1);
      const pack = await openPack(path.join(dataDir, 'packs', files[0]!));
      expect(pack.manifest).toMatchObject({ id: PACK_ID, version });
      await verifyContent(pack);
      pack.close();
      await after.close();
    }
    // The kills spread from before the copy to after the switch: both outcomes happen.
    expect(seen['1.0.0']).toBeGreaterThan(0);
    expect(seen['2.0.0']).toBeGreaterThan(0);
  }, 180_000);
});
