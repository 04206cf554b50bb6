import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../../core/contract/console';
import { makePack, TEST_DRIVE_ROOT } from '../support/packs';
import { addLearner, doSteps, statsCore, STATS_MANIFEST, STATS_PACK } from '../support/stats-fixture';
import { call, importThroughApi, staffToken } from '../support/test-core';

/**
 * A small history counted by hand. Mid-week middays, so the kiosk's time zone cannot move an
 * event into another week. 2026-03-04 is a Wednesday of ISO week 10.
 *   W10  Aida (female, 1990 → 30-44) completes L1 (starts Basics); Bakyt (male, 2010 → under-18) does half of L3 (starts Safety)
 *   W11  Aida completes L2 → Basics completed; Chyngyz (no profile) completes L1 (starts Basics)
 *   W12  Bakyt finishes L3 → Safety completed; a guest completes L1 (starts Basics) and leaves
 *   W13  nothing
 */
async function history() {
  const { core, clock } = await statsCore('2026-03-04T12:00:00Z');
  const aida = await addLearner(core, { name: 'Aida', gender: 'female', birthYear: 1990 });
  const bakyt = await addLearner(core, { name: 'Bakyt', gender: 'male', birthYear: 2010 });
  const chyngyz = await addLearner(core, { name: 'Chyngyz' });
  await doSteps(core, aida, 'l1');
  await doSteps(core, bakyt, 'l3', ['l3-a']);

  clock.now = new Date('2026-03-11T12:00:00Z');
  await doSteps(core, aida, 'l2');
  await doSteps(core, chyngyz, 'l1');

  clock.now = new Date('2026-03-18T12:00:00Z');
  await doSteps(core, bakyt, 'l3', ['l3-b']);
  const guest = await addLearner(core, { name: '', guest: true });
  await doSteps(core, guest, 'l1');
  await call(core, 'session.logout', {}, guest.token);

  return { core, clock, aida, bakyt, chyngyz, staff: await staffToken(core, 'facilitator') };
}

const zero = { learnersActive: 0, lessonsStarted: 0, lessonsCompleted: 0, coursesStarted: 0, coursesCompleted: 0 };

describe('reports', () => {
  it('count each week, course, DigComp area, gender and age band as worked out by hand, empty weeks included', async () => {
    const { core, staff } = await history();
    const report = await call(core, 'reports.get', { from: '2026-03-04', to: '2026-03-25' }, staff);
    expect(ReportSchema.parse(report)).toEqual(report);
    expect(report).toEqual({
      from: '2026-03-04',
      to: '2026-03-25',
      // The guest left: they are still in every count, but no longer a distinct learner.
      learnersActive: 3,
      totals: { learnersActive: 6, lessonsStarted: 5, lessonsCompleted: 5, coursesStarted: 4, coursesCompleted: 2 },
      weeks: [
        { week: '2026-W10', learnersActive: 2, lessonsStarted: 2, lessonsCompleted: 1, coursesStarted: 2, coursesCompleted: 0 },
        { week: '2026-W11', learnersActive: 2, lessonsStarted: 2, lessonsCompleted: 2, coursesStarted: 1, coursesCompleted: 1 },
        { week: '2026-W12', learnersActive: 2, lessonsStarted: 1, lessonsCompleted: 2, coursesStarted: 1, coursesCompleted: 1 },
        { week: '2026-W13', ...zero },
      ],
      courses: [
        { packId: STATS_PACK, courseId: 'basics', title: { ky: 'Basics', ru: 'Basics', en: 'Basics' }, competenceAreas: [1, 2], started: 3, completed: 1 },
        { packId: STATS_PACK, courseId: 'safety', title: { ky: 'Safety', ru: 'Safety', en: 'Safety' }, competenceAreas: [4], started: 1, completed: 1 },
      ],
      areas: [
        { area: 1, started: 3, completed: 1 },
        { area: 2, started: 3, completed: 1 },
        { area: 3, started: 0, completed: 0 },
        { area: 4, started: 1, completed: 1 },
        { area: 5, started: 0, completed: 0 },
      ],
      completers: { total: 2, byGender: { female: 1, male: 1, other: 0, undisclosed: 0 }, womenShare: 0.5 },
      ageBands: [
        { band: 'under-18', completed: 1 },
        { band: '18-29', completed: 0 },
        { band: '30-44', completed: 1 },
        { band: '45-59', completed: 0 },
        { band: '60-plus', completed: 0 },
        { band: 'unknown', completed: 0 },
      ],
    });
  });

  it('cover the whole weeks holding the first and the last day', async () => {
    const { core, staff } = await history();
    const report = await call(core, 'reports.get', { from: '2026-03-12', to: '2026-03-16' }, staff);
    expect(report.weeks.map((w: { week: string }) => w.week)).toEqual(['2026-W11', '2026-W12']);
    expect(report.totals).toEqual({ learnersActive: 4, lessonsStarted: 3, lessonsCompleted: 4, coursesStarted: 2, coursesCompleted: 2 });

    const quiet = await call(core, 'reports.get', { from: '2025-12-29', to: '2026-01-04' }, staff);
    expect(quiet).toMatchObject({ learnersActive: 0, totals: zero, weeks: [{ week: '2026-W01', ...zero }], completers: { total: 0, womenShare: null } });
    // ISO weeks cross years: 2026-12-31 is in 2026-W53, 2027-01-04 starts 2027-W01.
    const turn = await call(core, 'reports.get', { from: '2026-12-31', to: '2027-01-04' }, staff);
    expect(turn.weeks.map((w: { week: string }) => w.week)).toEqual(['2026-W53', '2027-W01']);
  });

  it('refuse a period that ends before it starts, or a day that does not exist', async () => {
    const { core, staff } = await history();
    expect(await core.dispatch('reports.get', { from: '2026-03-10', to: '2026-03-01' }, staff)).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await core.dispatch('reports.get', { from: '2026-02-30', to: '2026-03-01' }, staff)).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  });

  it('count a lesson or course done again only as activity', async () => {
    const { core, clock, aida } = await history();
    clock.now = new Date('2026-03-25T12:00:00Z');
    await doSteps(core, aida, 'l1');
    await doSteps(core, aida, 'l2');
    const report = await call(core, 'reports.get', { from: '2026-03-23', to: '2026-03-29' }, await staffToken(core, 'facilitator'));
    expect(report.totals).toEqual({ ...zero, learnersActive: 1 });
  });

  it('count a course completed once even when a pack update adds a lesson that is then done', async () => {
    const { core } = await statsCore('2026-03-04T12:00:00Z', { driveRoots: [TEST_DRIVE_ROOT] });
    const aida = await addLearner(core, { name: 'Aida', gender: 'female', birthYear: 1990 });
    await doSteps(core, aida, 'l1');
    await doSteps(core, aida, 'l2');
    const [basics, safety] = STATS_MANIFEST.courses as Array<{ lessons: unknown[] }>;
    const l4 = { id: 'l4', title: { ky: 'L4', ru: 'L4', en: 'L4' }, competences: [], steps: [{ kind: 'text', id: 'l4-a', body: { ky: 'a', ru: 'a', en: 'a' } }] };
    const update = { ...STATS_MANIFEST, version: '1.1.0', courses: [{ ...basics, lessons: [...basics!.lessons, l4] }, safety] };
    const staff = await staffToken(core, 'facilitator');
    expect((await importThroughApi(core, staff, await makePack({ version: '1.1.0', manifest: update }))).state).toBe('done');
    await doSteps(core, aida, 'l4', ['l4-a']);
    const report = await call(core, 'reports.get', { from: '2026-03-02', to: '2026-03-08' }, staff);
    expect(report.totals).toMatchObject({ lessonsCompleted: 3, coursesStarted: 1, coursesCompleted: 1 });
  });

  it('keep the counts an erased learner was part of; only the distinct-learner figure loses them', async () => {
    const { core, aida, staff } = await history();
    const period = { from: '2026-03-04', to: '2026-03-25' };
    const before = await call(core, 'reports.get', period, staff);
    const aggregates = () => {
      const db = new Database(core.databaseFile, { readonly: true });
      try {
        return db.prepare('SELECT * FROM stats_weekly ORDER BY week, metric, pack_id, course_id, gender, age_band').all();
      } finally {
        db.close();
      }
    };
    const rows = aggregates();
    expect(rows.length).toBeGreaterThan(0);

    await call(core, 'learners.erase', { learnerId: aida.id }, staff);
    expect(aggregates()).toEqual(rows);
    const after = await call(core, 'reports.get', period, staff);
    expect(after).toEqual({ ...before, learnersActive: before.learnersActive - 1 });
  });
});
