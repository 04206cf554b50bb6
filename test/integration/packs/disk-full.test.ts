import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/db/open';
import { PackAssets } from '../../../core/packs/assets';
import { PackInstaller } from '../../../core/packs/installer';
import { TrustStore } from '../../../core/packs/trust';
import { PACK_ID, makePack, noise, testKey } from '../../support/packs';
import { call, importThroughApi, staffToken, startTestCore } from '../../support/test-core';
import { tempDir } from '../../support/temp-dir';

const mounted: string[] = [];
afterEach(() => {
  for (const dir of mounted.splice(0)) execFileSync('umount', ['-l', dir]);
});

/** A real small file system (tmpfs) as the kiosk's data folder: it fills up for real. */
function smallDisk(megabytes: number): string {
  const dir = tempDir('ayil-tmpfs-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir]);
  mounted.push(dir);
  return dir;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

describe('a disk that is full (a small tmpfs as the data folder)', () => {
  it('refuses an import that cannot fit before writing anything, and the old version stays', async () => {
    const dataDir = smallDisk(24);
    const core = await startTestCore({ dataDir });
    const token = await staffToken(core, 'facilitator');
    await importThroughApi(core, token, await makePack({ version: '1.0.0', files: { 'a.txt': 'old' } }));
    const job = await importThroughApi(core, token, await makePack({ version: '2.0.0', files: { 'big.bin': noise(30 * 1024 * 1024) } }));
    expect(job).toMatchObject({ state: 'failed', error: { code: 'pack.disk_full' } });
    expect((await call<any[]>(core, 'packs.installed', {}, token))[0].version).toBe('1.0.0');
    expect(fs.readdirSync(path.join(dataDir, 'packs')).filter((f) => f.startsWith('.staging'))).toEqual([]);
  });

  it('fails cleanly when the disk fills up during the copy: old version installed and served, nothing left behind', async () => {
    const dataDir = smallDisk(40);
    const db = openDatabase(path.join(dataDir, 'ayil.db'));
    const installer = new PackInstaller(db, path.join(dataDir, 'packs'), new TrustStore(db, [testKey.publicKey], () => new Date()), () => new Date());
    const assets = new PackAssets(installer);
    await installer.install(await makePack({ version: '1.0.0', files: { 'a.txt': 'old' } }));
    const newPack = await makePack({ version: '2.0.0', files: { 'big.bin': noise(20 * 1024 * 1024) } });

    // Something else on the PC takes the space once the copy has started.
    const filler = path.join(dataDir, 'filler.bin');
    const failure = await installer
      .install(newPack, {
        onProgress: (p) => {
          if (p.phase !== 'copying' || fs.existsSync(filler)) return;
          const free = fs.statfsSync(dataDir);
          fs.writeFileSync(filler, Buffer.alloc(free.bavail * free.bsize - 16 * 1024));
        },
      })
      .catch((error: unknown) => error);
    expect(fs.existsSync(filler)).toBe(true);
    expect(failure).toMatchObject({ code: 'pack.disk_full' });
    expect(installer.list().map((r) => r.version)).toEqual(['1.0.0']);
    expect(fs.readdirSync(path.join(dataDir, 'packs')).filter((f) => f.startsWith('.staging'))).toEqual([]);
    expect(await readAll((await assets.read(PACK_ID, 'a.txt')).stream)).toBe('old');

    // Space back: the same import now succeeds.
    fs.rmSync(filler);
    expect((await installer.install(newPack)).version).toBe('2.0.0');
    assets.closeAll();
    db.close();
  });
});
