import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SyncBatchSchema, type StatsRow, type SyncBatch } from '../../core/contract';
import { Release } from '../../core/stats';
import { Outbox } from '../../core/sync';
import { addLearner, doSteps, statsCore, STATS_PACK, type TestLearner } from '../support/stats-fixture';
import { call, staffToken } from '../support/test-core';

/**
 * What may leave, against a real kiosk: learners work through the API, release rounds run and
 * batches are made the way the loop makes them (a second connection to the same database file, as
 * the loop's is another statement on it), and the test reads what each batch would send.
 */
const K = 5;
const SITE_CODE = 'TEST-01';
const BASICS = `${STATS_PACK}/basics`;
const WEEK = 7 * 24 * 3600_000;

function outboxOf(databaseFile: string, clock: { now: Date }) {
  const db = new Database(databaseFile);
  db.pragma('busy_timeout = 5000');
  const outbox = new Outbox(db);
  const release = new Release(db, () => clock.now);
  /** What the loop does at each attempt: this week's round (once), then batches of what it released. */
  const make = (k = K) => {
    const before = outbox.unacked().length;
    release.run(k);
    outbox.makeBatches(SITE_CODE);
    return outbox.unacked().slice(before);
  };
  return { db, outbox, release, make };
}

const cellKey = (r: Pick<StatsRow, 'week' | 'course' | 'metric' | 'dimension' | 'value'>) => `${r.week}|${r.course}|${r.metric}|${r.dimension}|${r.value}`;

/** The rows a batch sends for the basics course's lesson completions. */
const basicsCompletions = (batch: SyncBatch | undefined) =>
  (batch?.rows ?? []).filter((r) => r.course === BASICS && r.metric === 'lessons_completed').map(({ week, dimension, value, count }) => ({ week, dimension, value, count }));

async function learners(core: Awaited<ReturnType<typeof statsCore>>['core'], count: number, gender: 'female' | 'male', tag: string, pin?: string) {
  const made: Array<TestLearner & { name: string }> = [];
  for (let i = 0; i < count; i++) {
    const name = `${tag} ${i} Айжаркын`;
    const learner = await addLearner(core, { name, gender, birthYear: 1990, pin });
    await doSteps(core, learner, 'l1');
    made.push({ ...learner, name });
  }
  return made;
}

describe('the sync outbox', () => {
  it('releases only ended weeks, once a week, a course’s measure whole and at least k, carrying smaller counts into a later week', async () => {
    const { core, clock } = await statsCore('2026-03-04T12:00:00Z'); // Wednesday of 2026-W10
    const { db, make } = outboxOf(core.databaseFile, clock);

    // Three women finish lesson 1: their week has not ended, nothing leaves.
    await learners(core, 3, 'female', 'first');
    expect(make()).toEqual([]);
    const admin = await staffToken(core, 'admin');
    expect((await call(core, 'sync.status', {}, admin)).heldCells).toBeGreaterThan(0);

    // Next week: 2026-W10 has ended, but 3 is under k: it waits, and nothing leaves.
    clock.now = new Date(clock.now.getTime() + WEEK);
    expect(make()).toEqual([]);

    // Two women and two men in 2026-W11. In 2026-W12 the round carries W10's 3 into W11's 4: one
    // span of 7, labelled 2026-W11. Its gender breakdown (5 women, 2 men) would give the 2 away as
    // "total minus women": both are held. Everyone is 30-44: that cell is the whole total.
    await learners(core, 2, 'female', 'second');
    await learners(core, 2, 'male', 'third');
    clock.now = new Date(clock.now.getTime() + WEEK);
    const [released, ...more] = make();
    expect(more).toEqual([]);
    expect(basicsCompletions(released)).toEqual([
      { week: '2026-W11', dimension: 'total', value: '', count: 7 },
      { week: '2026-W11', dimension: 'age_band', value: '30-44', count: 7 },
    ]);
    expect(released!.rows.every((row) => row.count >= K)).toBe(true);
    expect(released!.rows.some((row) => row.week === '2026-W10')).toBe(false);

    // One round a week: looking again in the same week releases nothing more, even with new counts.
    await learners(core, 6, 'female', 'fourth');
    expect(make()).toEqual([]);

    // The clock is put back a week; one more woman finishes lesson 1 "in" 2026-W11, whose span has
    // left and never changes. Her count waits like any other and is carried into the next span:
    // in 2026-W13, with the six of 2026-W12, as 7 labelled 2026-W12.
    clock.now = new Date(clock.now.getTime() - WEEK);
    await learners(core, 1, 'female', 'late');
    clock.now = new Date(clock.now.getTime() + 2 * WEEK); // 2026-W13
    const [next] = make();
    expect(basicsCompletions(next)).toEqual([
      { week: '2026-W12', dimension: 'total', value: '', count: 7 },
      { week: '2026-W12', dimension: 'gender', value: 'female', count: 7 },
      { week: '2026-W12', dimension: 'age_band', value: '30-44', count: 7 },
    ]);
    expect(next!.rows.some((row) => row.week === '2026-W11')).toBe(false);
    expect(db.prepare("SELECT sum(pending) FROM sync_cells WHERE dimension = 'total' AND week <> '2026-W13'").pluck().get()).toBe(0);

    for (const batch of [released!, next!]) {
      expect(SyncBatchSchema.parse(batch)).toEqual(batch);
      expect(batch).toMatchObject({ siteCode: 'TEST-01', k: K, schemaVersion: 1 });
      for (const row of batch.rows) expect(row.count, JSON.stringify(row)).toBeGreaterThanOrEqual(K);
    }
    db.close();
  });

  it('accounts for every count: what went in batches, what suppression held back and what waits is exactly the kiosk’s statistics', async () => {
    const { core, clock } = await statsCore('2026-03-04T12:00:00Z');
    const { db, outbox, make } = outboxOf(core.databaseFile, clock);
    // Several weeks, both courses, all kinds of profile; rounds between bursts of work.
    const genders = ['female', 'male', 'other', 'undisclosed'] as const;
    for (let week = 0; week < 3; week++) {
      for (let i = 0; i < 7; i++) {
        const learner = await addLearner(core, { name: `W${week} learner ${i}`, gender: genders[(i + week) % 4], birthYear: 1950 + 9 * i });
        await doSteps(core, learner, 'l1');
        if (i % 2 === 0) await doSteps(core, learner, 'l3');
        if (i % 3 === 0 && week < 2) make();
      }
      clock.now = new Date(clock.now.getTime() + WEEK);
    }
    const earlier = outbox.unacked().length;
    new Release(db, () => clock.now).run(K);
    expect(outbox.makeBatches(SITE_CODE, 7)).toBeGreaterThan(1); // small batches: a big round is split, nothing lost between them

    const accounted = new Map<string, number>();
    const add = (key: string, n: number) => accounted.set(key, (accounted.get(key) ?? 0) + n);
    // A released row is labelled with the last week of its span; the counts it took are marked
    // released on their own weeks: account by what each cell has released and what waits.
    const sent = new Map<string, number>();
    for (const row of outbox.unacked().flatMap((b) => b.rows)) sent.set(cellKey(row), (sent.get(cellKey(row)) ?? 0) + row.count);
    const released = db.prepare<[], { key: string; n: number; held: number }>(
      "SELECT week || '|' || course || '|' || metric || '|' || dimension || '|' || value AS key, sum(count) AS n, held FROM stats_released GROUP BY 1, held",
    ).all();
    for (const { key, n, held } of released) if (!held) expect(sent.get(key), key).toBe(n);
    expect(sent.size).toBe(released.filter((r) => !r.held).length);
    for (const { key, released: out, pending } of db.prepare<[], { key: string; released: number; pending: number }>(
      "SELECT week || '|' || course || '|' || metric || '|' || dimension || '|' || value AS key, released, pending FROM sync_cells",
    ).all()) add(key, out + pending);

    const course = "CASE WHEN pack_id = '' THEN '' ELSE pack_id || '/' || course_id END";
    const stats = db
      .prepare<[], { key: string; n: number }>(
        `SELECT week || '|' || ${course} || '|' || metric || '|total|' AS key, sum(count) AS n FROM stats_weekly GROUP BY week, pack_id, course_id, metric
         UNION ALL SELECT week || '|' || ${course} || '|' || metric || '|gender|' || gender, sum(count) FROM stats_weekly GROUP BY week, pack_id, course_id, metric, gender
         UNION ALL SELECT week || '|' || ${course} || '|' || metric || '|age_band|' || age_band, sum(count) FROM stats_weekly GROUP BY week, pack_id, course_id, metric, age_band`,
      )
      .all();
    expect(stats.length).toBeGreaterThan(50);
    expect(accounted).toEqual(new Map(stats.map((s) => [s.key, s.n])));
    // What the rounds released (sent or held back) is exactly what the outbox marked released.
    const totalOf = (rows: Array<{ key: string; n: number }>) => rows.filter((r) => r.key.includes('|total|')).reduce((sum, r) => sum + r.n, 0);
    const releasedTotal = db.prepare<[], number>("SELECT coalesce(sum(released), 0) FROM sync_cells WHERE dimension = 'total'").pluck().get()!;
    expect(totalOf(released)).toBe(releasedTotal);
    for (const dimension of ['gender', 'age_band']) {
      const fromRounds = released.filter((r) => r.key.includes(`|${dimension}|`)).reduce((sum, r) => sum + r.n, 0);
      expect(fromRounds, dimension).toBe(db.prepare<[string], number>('SELECT coalesce(sum(released), 0) FROM sync_cells WHERE dimension = ?').pluck().get(dimension)!);
    }
    expect(totalOf(stats)).toBeGreaterThan(releasedTotal); // this week's counts wait
    expect(outbox.unacked().slice(earlier).every((b) => b.rows.length <= 7)).toBe(true);
    db.close();
  });

  it('puts nothing about a person in any batch or in the stick file', async () => {
    const { core, clock } = await statsCore('2026-03-04T12:00:00Z');
    const people = [...(await learners(core, 3, 'female', 'Жылдызкан Токтосунова', '7391')), ...(await learners(core, 5, 'male', 'Temirlan Kydyraliev'))];
    clock.now = new Date(clock.now.getTime() + WEEK); // the week has ended: its figures may leave
    const admin = await staffToken(core, 'admin');
    const saved = await call<{ file: string; batches: number }>(core, 'sync.saveToStick', { target: { kind: 'folder' } }, admin);
    const { db, outbox } = outboxOf(core.databaseFile, clock);
    const secrets = db.prepare<[], { secret_hash: string | null; created_at: string }>('SELECT secret_hash, created_at FROM learners').all();
    const hashes = secrets.flatMap((s) => (s.secret_hash ? [s.secret_hash, s.secret_hash.split('$').at(-1)!] : []));
    expect(hashes.length).toBeGreaterThan(0);
    const forbidden = [
      ...people.flatMap((p) => [p.name, ...p.name.split(' ').filter((w) => w.length > 3), p.token]),
      '7391',
      '1990',
      ...hashes,
      ...secrets.map((s) => s.created_at),
      'learnerId',
      'learner_id',
      'birth',
      'scrypt',
      'displayName',
    ];
    // Random keys are hex and could contain four digits by chance; they are checked for shape instead.
    const strip = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'KEY').replace(/"(signature|publicKey)":"[^"]*"/g, '');
    const bodies = [
      ...db.prepare<[], { body: string }>('SELECT body FROM sync_batches').all().map((b) => b.body),
      (await import('node:fs')).readFileSync(saved.file, 'utf8'),
    ];
    expect(outbox.unacked()).toHaveLength(saved.batches);
    for (const body of bodies) for (const word of forbidden) expect(strip(body).includes(word), word).toBe(false);
    db.close();
  });

  it('keeps the site code once figures have left under it (the programme knows the site by it)', async () => {
    const { core, clock } = await statsCore('2026-03-04T12:00:00Z');
    await learners(core, 5, 'female', 'Code');
    clock.now = new Date(clock.now.getTime() + WEEK);
    const admin = await staffToken(core, 'admin');
    const site = await call(core, 'settings.get', {}, admin);
    // Nothing has left yet: the code may still change.
    await call(core, 'settings.update', { ...site, siteCode: 'RENAMED-1' }, admin);
    await call(core, 'sync.saveToStick', { target: { kind: 'folder' } }, admin);

    const refused = await core.dispatch('settings.update', { ...site, siteCode: 'RENAMED-2' }, admin);
    expect(refused).toMatchObject({ ok: false, error: { code: 'settings.site_code_locked' } });
    expect((await call(core, 'settings.get', {}, admin)).siteCode).toBe('RENAMED-1');
    // Everything else about the site can still change.
    await call(core, 'settings.update', { ...site, siteCode: 'RENAMED-1', siteName: 'New name' }, admin);
    expect((await call(core, 'settings.get', {}, admin)).siteName).toBe('New name');
  });
});
