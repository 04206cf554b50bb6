import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../core';
import type { SyncBatch } from '../../core/contract';
import { compareRows } from '../../core/stats/release';
import { startTestCollector, type TestCollector } from '../support/collector';
import { makePack } from '../support/packs';
import { setUpKiosk, TEST_ADMIN } from '../support/set-up';
import { STATS_MANIFEST, STATS_PACK, STEPS } from '../support/stats-fixture';
import { subtractionAttacks, type ReceivedBatch } from '../support/subtraction-attacks';
import { shippedKeysDir } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

/**
 * Issue 11, item 4: figures leave only as releases no subtraction can cut below k people.
 *
 * Random event streams go through a real kiosk (the core, its API, its sync loop's attempts) into a
 * real collector (SQLite, loopback HTTP): single learners, tiny villages, guests, erased learners,
 * clocks put back (late counts for weeks already released) or far off, syncs, status looks and
 * statistics exports at random moments. Then, from everything the collector stored (every batch,
 * in the order received, with its receipt time), every subtraction of one state from another and
 * of released breakdown cells from totals is computed (test/support/subtraction-attacks.ts): none
 * may give a count between 1 and k − 1. Totals must be exact over time: once every week has ended,
 * each course's measure at the collector lacks fewer than k of the kiosk's count; after k more
 * people, none.
 *
 * RUNS runs of 4 to 24 actions each (each run starts its own kiosk): about 1.3 s a run on an idle
 * two-core machine, up to 4 s inside the full suite on a shared one, so 12 runs stay well under a
 * minute. A failure prints fast-check's seed and the failing scenario (not shrunk: each try is a
 * kiosk); more runs for a deeper look: change RUNS (100 runs took 4 minutes).
 */
const RUNS = 12;

const HOUR = 3600_000;
const WEEK = 7 * 24 * HOUR;
const LESSONS = Object.keys(STEPS) as Array<keyof typeof STEPS & string>;
type Gender = 'female' | 'male' | 'other' | 'undisclosed';
/** One new learner: a profile (or none), the lessons they do, and whether they come as a guest. */
interface Person {
  gender: Gender | null;
  birthYear: number | null;
  lessons: string[];
  guest: boolean;
}

type Action =
  | { kind: 'learn'; people: Person[] }
  | { kind: 'again'; who: number; lesson: string }
  | { kind: 'erase'; who: number }
  | { kind: 'wait'; hours: number }
  | { kind: 'clock'; weeks: number }
  | { kind: 'sync' }
  | { kind: 'status' }
  | { kind: 'export' };

const person: fc.Arbitrary<Person> = fc.record({
  gender: fc.constantFrom<Gender | null>('female', 'female', 'male', 'other', 'undisclosed', null),
  // Two likely age bands, so that some cells reach k and some stay small.
  birthYear: fc.oneof(fc.constantFrom(1990, 1960), fc.option(fc.integer({ min: 1940, max: 2014 }))),
  lessons: fc.subarray(LESSONS, { minLength: 1 }),
  guest: fc.constantFrom(false, false, false, true),
});
const action: fc.Arbitrary<Action> = fc.oneof(
  // One person alone, or a few at once (a class).
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('learn' as const), people: fc.array(person, { minLength: 1, maxLength: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('again' as const), who: fc.nat(), lesson: fc.constantFrom(...LESSONS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), who: fc.nat() }) },
  // An hour to ten days: within a week, or across one or two.
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 240 }) }) },
  // The PC's clock put back or ahead by weeks, now and then by decades (2001, 2099).
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('clock' as const), weeks: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(-1300, 3800)) }),
  },
  { weight: 4, arbitrary: fc.constant({ kind: 'sync' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'status' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'export' as const }) },
);
const scenario = fc.record({ k: fc.constantFrom(2, 3, 5), actions: fc.array(action, { minLength: 4, maxLength: 24, size: 'max' }) });

let collector: TestCollector;
let bundled: string;
/** The true time, which the collector keeps; a kiosk's clock is it plus its own error. */
let trueNow = 0;

beforeAll(async () => {
  collector = await startTestCollector({ backend: 'sqlite', now: () => new Date(trueNow) });
  bundled = shippedKeysDir();
  await makePack({ manifest: STATS_MANIFEST, dir: bundled });
});
afterAll(async () => {
  await collector?.close();
});

let runs = 0;

describe('sync privacy (property)', () => {
  it('lets no subtraction of what the collector stored isolate fewer than k people, and keeps totals exact over time', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ k, actions }) => {
        const kiosk = await startKiosk(`PROP-${++runs}`, k);
        try {
          for (const step of actions) await kiosk.play(step);
          await kiosk.settle();
          const received = receivedBatches(kiosk.siteCode);
          expect(subtractionAttacks(received, k).slice(0, 5)).toEqual([]);

          // Every week has ended and had its round: each stream lacks fewer than k of its count.
          const before = lacking(kiosk, received);
          for (const [stream, missing] of before) expect(missing, stream).toBeGreaterThanOrEqual(0);
          for (const [stream, missing] of before) expect(missing, stream).toBeLessThan(k);

          // The file and sync are one aggregation: the statistics file holds exactly what was sent.
          expect(await kiosk.fileRows()).toEqual(sentRows(received));

          // k more people do everything: every carried count goes, and the totals are exact.
          await kiosk.flush();
          const after = receivedBatches(kiosk.siteCode);
          expect(subtractionAttacks(after, k).slice(0, 5)).toEqual([]);
          expect([...lacking(kiosk, after)].filter(([, missing]) => missing !== 0)).toEqual([]);
        } finally {
          await kiosk.close();
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 300_000);
});

interface TestLearnerRef {
  id: number;
  token: string;
  guest: boolean;
  erased: boolean;
}

async function startKiosk(siteCode: string, k: number) {
  trueNow = Date.parse('2026-03-04T12:00:00Z'); // a Wednesday
  let clockError = 0;
  let latest = trueNow;
  const now = () => new Date(trueNow + clockError);
  const core: Core = await startCore({ dataDir: tempDir('ayil-prop-'), bundledPacksDir: bundled, driveRoots: [tempDir()], drivePollMs: 60_000, now, log: () => {} });
  let admin = await setUpKiosk(core.dispatch, { siteCode });
  let adminAt = now().getTime();
  const learners: TestLearnerRef[] = [];

  const call = async <T = any>(method: string, input: unknown, token: string | null = null): Promise<T> => {
    const result = await core.dispatch(method, input, token);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${JSON.stringify(result.error.params)}`);
    return result.value as T;
  };
  /** The administrator's session, signed in again when the clock has moved past its idle limit. */
  const asAdmin = async <T = any>(method: string, input: unknown): Promise<T> => {
    if (Math.abs(now().getTime() - adminAt) > 10 * 60_000) admin = (await call<{ token: string }>('staff.login', TEST_ADMIN)).token;
    adminAt = now().getTime();
    return call<T>(method, input, admin);
  };
  const doLesson = async (learner: TestLearnerRef, lesson: string) => {
    if (!learner.guest) learner.token = (await call<{ token: string }>('learners.choose', { learnerId: learner.id })).token;
    for (const stepId of STEPS[lesson]!) await call('progress.submitStep', { packId: STATS_PACK, lessonId: lesson, stepId }, learner.token);
  };
  const readDb = <T>(read: (db: Database.Database) => T): T => {
    const db = new Database(core.databaseFile, { readonly: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  };
  const outboxRows = () => readDb((db) => db.prepare('SELECT (SELECT count(*) FROM sync_batches) + (SELECT count(*) FROM release_rounds)').pluck().get());

  const site = await asAdmin<Record<string, unknown>>('settings.get', {});
  await asAdmin('settings.update', { ...site, k });
  await asAdmin('sync.enrol', { collectorUrl: collector.url, code: await collector.createCode(siteCode), allowPlainHttp: true, password: TEST_ADMIN.password });

  const kiosk = {
    siteCode,
    async play(step: Action) {
      switch (step.kind) {
        case 'learn':
          for (const person of step.people) {
            const grant = person.guest
              ? await call('learners.guest', { language: 'en' })
              : await call('learners.create', { displayName: `Learner ${learners.length}`, avatar: 'sun', language: 'en' });
            const learner = { id: grant.learner.id, token: grant.token, guest: person.guest, erased: false };
            if (person.gender) await call('learner.setProfile', { gender: person.gender, birthYear: person.birthYear }, learner.token);
            for (const lesson of person.lessons) await doLesson(learner, lesson);
            // A guest's session ends when they leave: their profile and progress go, their counts stay.
            if (person.guest) await call('session.logout', {}, learner.token);
            else learners.push(learner);
          }
          break;
        case 'again': {
          const present = learners.filter((l) => !l.erased);
          if (present.length > 0) await doLesson(present[step.who % present.length]!, step.lesson);
          break;
        }
        case 'erase': {
          const present = learners.filter((l) => !l.erased);
          if (present.length === 0) break;
          const learner = present[step.who % present.length]!;
          await asAdmin('learners.erase', { learnerId: learner.id });
          learner.erased = true;
          break;
        }
        case 'wait':
          trueNow += step.hours * HOUR;
          break;
        case 'clock':
          clockError += step.weeks * WEEK;
          break;
        case 'sync':
          await asAdmin('sync.now', {});
          break;
        case 'status': {
          // Looking makes nothing: no round, no batch.
          const before = outboxRows();
          await asAdmin('sync.status', {});
          expect(outboxRows()).toBe(before);
          break;
        }
        case 'export':
          await asAdmin('stats.export', { from: '0001-01-01', to: '9999-12-31', password: TEST_ADMIN.password, format: 'json', target: { kind: 'folder' } });
          break;
      }
      latest = Math.max(latest, now().getTime());
    },
    /** The clock set right, well after every week anything was counted in, and a last sync. */
    async settle() {
      trueNow = latest + 2 * WEEK;
      clockError = 0;
      latest = trueNow;
      await asAdmin('sync.now', {});
    },
    /** k new learners do every lesson (every stream gets at least k more), then their week ends. */
    async flush() {
      for (let i = 0; i < k; i++) {
        const grant = await call('learners.create', { displayName: `Flush ${i}`, avatar: 'moon', language: 'en' });
        const learner = { id: grant.learner.id, token: grant.token, guest: false, erased: false };
        for (const lesson of LESSONS) await doLesson(learner, lesson);
      }
      trueNow += WEEK;
      await asAdmin('sync.now', {});
    },
    /** The kiosk's own count per stream (course and measure), all weeks. */
    totals(): Map<string, number> {
      return readDb(
        (db) =>
          new Map(
            db
              .prepare<[], { stream: string; n: number }>(
                "SELECT CASE WHEN pack_id = '' THEN '' ELSE pack_id || '/' || course_id END || '|' || metric AS stream, sum(count) AS n FROM stats_weekly GROUP BY pack_id, course_id, metric",
              )
              .all()
              .map((r) => [r.stream, r.n]),
          ),
      );
    },
    /** The statistics file over every week there could be, as the kiosk writes it. */
    async fileRows() {
      const file = await asAdmin<{ rows: SyncBatch['rows'] }>('stats.preview', { from: '0001-01-01', to: '9999-12-31' });
      return file.rows;
    },
    close: () => core.close(),
  };
  return kiosk;
}

/** What the collector stored from a site: each batch as received, in order, with how it was placed. */
function receivedBatches(siteCode: string): ReceivedBatch[] {
  const db = new Database(path.join(collector.dataDir, 'collector.db'), { readonly: true });
  try {
    return db
      .prepare<[string], { body: string; received_at: string; skew_flagged: number; week_shift: number }>(
        'SELECT b.body, b.received_at, b.skew_flagged, b.week_shift FROM batches b JOIN sites s ON s.id = b.site_id WHERE s.code = ? ORDER BY b.rowid',
      )
      .all(siteCode)
      .map((row) => ({
        batch: JSON.parse(row.body) as SyncBatch,
        meta: { receivedAt: row.received_at, clockSkewFlagged: row.skew_flagged === 1, weekShift: row.week_shift },
      }));
  } finally {
    db.close();
  }
}

/** Per stream, how much of the kiosk's count the collector does not have. */
function lacking(kiosk: { totals(): Map<string, number> }, received: ReceivedBatch[]): Map<string, number> {
  const missing = kiosk.totals();
  for (const { batch } of received) {
    for (const row of batch.rows) {
      if (row.dimension !== 'total') continue;
      const stream = `${row.course}|${row.metric}`;
      missing.set(stream, (missing.get(stream) ?? 0) - row.count);
    }
  }
  return missing;
}

/** The batches' rows summed per cell, in the statistics file's order (week, course, measure, …). */
function sentRows(received: ReceivedBatch[]): SyncBatch['rows'] {
  const sums = new Map<string, SyncBatch['rows'][number]>();
  for (const { batch } of received) {
    for (const row of batch.rows) {
      const key = [row.week, row.course, row.metric, row.dimension, row.value].join('|');
      const sum = sums.get(key);
      if (sum) sum.count += row.count;
      else sums.set(key, { ...row });
    }
  }
  return [...sums.values()].sort(compareRows);
}
