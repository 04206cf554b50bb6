import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore } from '../../core';
import { buildHttpHost } from '../../http-host/http';
import { callHttpOk } from '../support/api';
import { makePack } from '../support/packs';
import { RENDERER_DIR } from '../support/paths';
import { setUpKiosk, TEST_ADMIN } from '../support/set-up';
import { addLearner, doSteps, STATS_MANIFEST } from '../support/stats-fixture';
import { shippedKeysDir } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

/**
 * Issue 11, item 4: "the status poll of the console even makes batches (a read that writes, and
 * locks the site code)". Reading never writes: not the sync status, not the statistics preview.
 */
const closing: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

/** The database's bytes (the file and its write-ahead log) as a fingerprint. */
function fingerprint(databaseFile: string): string {
  const hash = createHash('sha256');
  for (const file of [databaseFile, `${databaseFile}-wal`]) hash.update(fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0));
  return hash.digest('hex');
}

describe('reading sync status', () => {
  it('over HTTP on a never-enrolled kiosk writes nothing, locks no site code and makes no batch, though figures could leave', async () => {
    const clock = { now: new Date('2026-03-04T12:00:00Z') };
    const bundled = shippedKeysDir();
    await makePack({ manifest: STATS_MANIFEST, dir: bundled });
    const core = await startCore({ dataDir: tempDir(), bundledPacksDir: bundled, driveRoots: [tempDir()], now: () => clock.now, log: () => {} });
    const app = buildHttpHost(core, { rendererDir: RENDERER_DIR });
    await app.listen({ host: '127.0.0.1', port: 0 });
    closing.push(() => core.close(), () => app.close());
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
    await setUpKiosk(core.dispatch);

    // Six people finish a lesson; their week ends: this week's release round is due, and would
    // release them (as the loop would, were the kiosk enrolled).
    for (let i = 0; i < 6; i++) await doSteps(core, await addLearner(core, { name: `Reader ${i}`, gender: 'female', birthYear: 1990 }), 'l1');
    clock.now = new Date('2026-03-09T09:00:00Z');
    const admin = (await callHttpOk<{ token: string }>(url, 'staff.login', TEST_ADMIN)).token;
    const before = fingerprint(core.databaseFile);

    for (let look = 0; look < 3; look++) {
      const status = await callHttpOk(url, 'sync.status', {}, admin);
      // It says what would go, without making it.
      expect(status).toMatchObject({ enrolled: false, pendingBatches: 1, lastAttemptAt: null });
      const preview = await callHttpOk(url, 'stats.preview', { from: '2026-03-02', to: '2026-03-08' }, admin);
      expect(preview.rows.length).toBeGreaterThan(0);
    }

    expect(fingerprint(core.databaseFile)).toBe(before);
    const db = new Database(core.databaseFile, { readonly: true });
    expect(db.prepare('SELECT (SELECT count(*) FROM sync_batches) + (SELECT count(*) FROM release_rounds) + (SELECT count(*) FROM stats_released)').pluck().get()).toBe(0);
    db.close();
    // The site code may still change: nothing has left under it.
    const site = await callHttpOk(url, 'settings.get', {}, admin);
    await callHttpOk(url, 'settings.update', { ...site, siteCode: 'RENAMED-01' }, admin);
    expect((await callHttpOk(url, 'settings.get', {}, admin)).siteCode).toBe('RENAMED-01');
  });
});
