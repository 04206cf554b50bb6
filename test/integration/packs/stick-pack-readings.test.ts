import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePublisherKey } from '../../../core/packs/signing';
import { makePack } from '../../support/packs';
import { call, importThroughApi, STAFF_PASSWORD, staffToken, startTestCore } from '../../support/test-core';
import { tempDir } from '../../support/temp-dir';

/**
 * The Packs screen lists a stick's packs every second or two, and what a pack file is (manifest,
 * signature) is remembered between listings. What is remembered must never be stale: a new key,
 * a changed file or a new install shows at the next listing.
 */
describe('listing packs on a stick again and again', () => {
  it('shows a trusted key, a rewritten file and an install at the next listing', async () => {
    const root = tempDir('ayil-media-');
    const stick = path.join(root, 'stick');
    fs.mkdirSync(stick);
    const other = generatePublisherKey('Another publisher');
    const file = await makePack({ key: other, dir: stick });
    const core = await startTestCore({ driveRoots: [root], drivePollMs: 50 });
    const admin = await staffToken(core, 'admin');
    const list = async () => {
      for (let i = 0; i < 100; i++) {
        const [drive] = await call<any[]>(core, 'drives.list', {}, admin);
        if (drive) return (await call<any[]>(core, 'drives.packs', { driveId: drive.id }, admin))[0];
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the stick never appeared');
    };

    expect(await list()).toMatchObject({ status: 'untrusted' });
    expect(await list()).toMatchObject({ status: 'untrusted' });

    await call(core, 'keys.trust', { ...other.publicKey, password: STAFF_PASSWORD }, admin);
    expect(await list()).toMatchObject({ status: 'new' });

    // Same name, different bytes: the remembered reading no longer applies.
    fs.writeFileSync(file, 'not a pack any more');
    expect(await list()).toMatchObject({ status: 'invalid', error: { code: 'pack.truncated' } });

    await makePack({ key: other, dir: stick });
    expect(await list()).toMatchObject({ status: 'new' });
    expect((await importThroughApi(core, admin, file)).state).toBe('done');
    expect(await list()).toMatchObject({ status: 'installed' });
  });
});
