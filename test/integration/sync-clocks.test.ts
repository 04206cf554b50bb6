import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../core';
import { startTestCollector, type TestCollector } from '../support/collector';
import { makePack } from '../support/packs';
import { addLearner, doSteps, STATS_MANIFEST } from '../support/stats-fixture';
import { call, setUpKiosk, shippedKeysDir, startTestCore, TEST_ADMIN } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

/**
 * Acceptance 4 of the sync issue: two kiosks whose clocks say 2001 and 2099 record and sync; the
 * collector places their figures in the weeks they really happened (by receipt time), keeps the
 * order of their batches, and flags the skew, on its dashboard as well. A week's figures leave once
 * it has ended on the kiosk's clock, so every clock moves on a week before the kiosks sync.
 */
let collector: TestCollector | undefined;
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

const DAY = 24 * 3600 * 1000;

async function kioskWithClock(start: string, siteCode: string) {
  const clock = { now: new Date(start) };
  const bundled = shippedKeysDir();
  await makePack({ manifest: STATS_MANIFEST, dir: bundled });
  const core = await startTestCore({ setUp: false, bundledPacksDir: bundled, now: () => clock.now, driveRoots: [tempDir()] });
  const admin = await setUpKiosk(core.dispatch, { siteCode, siteName: `Library ${siteCode}` });
  return { core, clock, admin };
}

async function syncUntilSent(core: Core, admin: string) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const status = await call(core, 'sync.now', {}, admin);
    if (status.pendingBatches === 0 && status.lastError === null) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('batches still pending');
}

/** Three learners finish both courses (the course and lesson counts reach k = 5 only in totals). */
async function busyWeek(core: Core, tag: string) {
  for (let i = 0; i < 6; i++) {
    const learner = await addLearner(core, { name: `${tag} learner ${i}`, gender: i % 2 ? 'male' : 'female', birthYear: 1990 });
    for (const lesson of ['l1', 'l2', 'l3']) await doSteps(core, learner, lesson);
  }
}

describe('kiosks with wrong clocks (acceptance 4)', () => {
  it('puts the figures of a 2001 and a 2099 kiosk in the real weeks, in order, and flags the skew', async () => {
    const real = { now: new Date('2026-11-23T12:00:00Z') }; // a Monday, ISO week 2026-W48
    collector = await startTestCollector({ backend: 'sqlite', now: () => real.now });
    const past = await kioskWithClock('2001-03-05T10:00:00Z', 'PAST-2001');
    const future = await kioskWithClock('2099-06-10T10:00:00Z', 'FUTURE-2099');

    for (const kiosk of [past, future]) {
      await call(kiosk.core, 'sync.enrol', { collectorUrl: collector.url, code: await collector.createCode(), allowPlainHttp: true, password: TEST_ADMIN.password }, kiosk.admin);
      await busyWeek(kiosk.core, 'first');
    }
    // The week ends on every clock (and a week idle ends the staff sessions).
    const weekLater = async (...kiosks: Array<typeof past>) => {
      real.now = new Date(real.now.getTime() + 7 * DAY);
      for (const kiosk of kiosks) {
        kiosk.clock.now = new Date(kiosk.clock.now.getTime() + 7 * DAY);
        kiosk.admin = (await call<{ token: string }>(kiosk.core, 'staff.login', TEST_ADMIN)).token;
      }
    };
    await weekLater(past, future);
    for (const kiosk of [past, future]) {
      const status = await syncUntilSent(kiosk.core, kiosk.admin);
      // The kiosk learns from the collector's answer how far off its clock is.
      const expected = Math.round((real.now.getTime() - kiosk.clock.now.getTime()) / 1000);
      expect(Math.abs(status.clockSkewSeconds - expected)).toBeLessThan(120);
    }

    // The 2099 kiosk has another busy week and, once it has ended, syncs again.
    await busyWeek(future.core, 'second');
    await weekLater(future);
    await syncUntilSent(future.core, future.admin);

    const cells = await collector.store.cells();
    const completions = (site: string) =>
      Object.fromEntries(
        ['2026-W48', '2026-W49'].map((week) => [
          week,
          cells.filter((c) => c.siteCode === site && c.week === week && c.metric === 'courses_completed' && c.dimension === 'total').reduce((n, c) => n + c.count, 0),
        ]),
      );
    // Nothing stays in the kiosks' imaginary years.
    expect(cells.filter((c) => !c.week.startsWith('2026-'))).toEqual([]);
    expect(completions('PAST-2001')).toEqual({ '2026-W48': 12, '2026-W49': 0 });
    expect(completions('FUTURE-2099')).toEqual({ '2026-W48': 12, '2026-W49': 12 });

    const sites = await collector.store.sites();
    for (const code of ['PAST-2001', 'FUTURE-2099']) expect(sites.find((s) => s.code === code)?.clockSkewFlagged, code).toBe(true);
    expect(sites.find((s) => s.code === 'PAST-2001')!.clockSkewSeconds).toBeGreaterThan(20 * 365 * 86400);
    expect(sites.find((s) => s.code === 'FUTURE-2099')!.clockSkewSeconds).toBeLessThan(-70 * 365 * 86400);

    // The dashboard shows the same: figures by receipt week, and the two flagged sites.
    const cookie = await collector.adminCookie();
    const byWeek = await fetch(new URL('/api/v1/admin/aggregates?groupBy=week', collector.url), { headers: { cookie } });
    expect(byWeek.status).toBe(200);
    const weeks = JSON.stringify(await byWeek.json());
    expect(weeks).toContain('2026-W48');
    expect(weeks).not.toMatch(/20(01|99)-W/);
    const page = await (await fetch(new URL('/?lang=en', collector.url), { headers: { cookie } })).text();
    // Each site's own row (up to its </tr>) carries the flag.
    for (const code of ['PAST-2001', 'FUTURE-2099']) expect(page).toMatch(new RegExp(`${code}</td>(?:(?!</tr>)[\\s\\S])*data-skew-flagged="true"`));
  });
});
