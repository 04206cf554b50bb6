import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncFileSchema, SyncFilePayloadSchema } from '../../core/contract';
import { startTestCollector, type TestCollector } from '../support/collector';
import { makePack } from '../support/packs';
import { addLearner, doSteps, STATS_MANIFEST } from '../support/stats-fixture';
import { collectorFigures, kioskFigures } from '../support/sync-figures';
import { call, setUpKiosk, shippedKeysDir, startTestCore, TEST_ADMIN } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

/**
 * Acceptance 5 of the sync issue: a kiosk that never had a network saves its figures to a stick;
 * the programme uploads the file to the collector, and the totals match the kiosk's. Uploading the
 * same file again, by the dashboard's endpoint or by the command line, changes nothing.
 */
let collector: TestCollector | undefined;
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

describe('figures carried on a stick (acceptance 5)', () => {
  it('uploads once, then only finds duplicates, and the totals match the kiosk’s', async () => {
    const drives = tempDir('ayil-drives-');
    fs.mkdirSync(path.join(drives, 'stick'));
    const bundled = shippedKeysDir();
    await makePack({ manifest: STATS_MANIFEST, dir: bundled });
    const clock = { now: new Date('2026-03-04T12:00:00Z') };
    const core = await startTestCore({ setUp: false, bundledPacksDir: bundled, driveRoots: [drives], now: () => clock.now });
    await setUpKiosk(core.dispatch, { siteCode: 'OFFLINE-7', siteName: 'Library far away' });

    for (let i = 0; i < 12; i++) {
      const learner = await addLearner(core, { name: `Offline learner ${i}`, gender: i % 3 ? 'female' : 'male', birthYear: 1980 + i });
      for (const lesson of i % 2 ? ['l1', 'l2', 'l3'] : ['l1']) await doSteps(core, learner, lesson);
    }

    // The week ends. No collector was ever configured: the figures leave on the stick only.
    clock.now = new Date('2026-03-09T08:00:00Z');
    const { token: admin } = await call<{ token: string }>(core, 'staff.login', TEST_ADMIN);
    const [stick] = await call<Array<{ id: string; path: string }>>(core, 'drives.list', {}, admin);
    const saved = await call<{ file: string; batches: number }>(core, 'sync.saveToStick', { target: { kind: 'drive', driveId: stick!.id } }, admin);
    expect(path.dirname(saved.file)).toBe(stick!.path);
    const text = fs.readFileSync(saved.file, 'utf8');
    const payload = SyncFilePayloadSchema.parse(JSON.parse(SyncFileSchema.parse(JSON.parse(text)).payload));
    expect(payload.batches).toHaveLength(saved.batches);
    expect(text).not.toContain('Offline learner');

    collector = await startTestCollector({ backend: 'sqlite', now: () => clock.now });
    const cookie = await collector.adminCookie();
    const upload = () =>
      fetch(new URL('/api/v1/admin/stick-files', collector!.url), { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: text });

    const first = await upload();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ batches: saved.batches, stored: saved.batches, duplicates: 0 });

    const kiosk = kioskFigures(core.databaseFile);
    const received = collectorFigures(await collector.store.cells(), 'OFFLINE-7');
    // Every total of that week reached k: the collector has the kiosk's totals exactly, and the
    // breakdown cells the kiosk released.
    expect(received.totals).toEqual(kiosk.totals);
    expect(received.cells).toEqual(kiosk.released.cells);
    expect(received.cells.size).toBeGreaterThan(0);
    const before = await collector.store.counts();

    const again = await upload();
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: saved.batches });
    expect(await collector.store.counts()).toEqual(before);
    expect(collectorFigures(await collector.store.cells(), 'OFFLINE-7')).toEqual(received);

    // The command line takes the same file the same way.
    const output = await collector.cli(['import-file', saved.file]);
    expect(output).toMatch(new RegExp(`\\b0\\b[^\\n]*stored|stored[^\\n]*\\b0\\b`, 'i'));
    expect(await collector.store.counts()).toEqual(before);
  });
});
