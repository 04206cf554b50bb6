import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SyncBatchSchema, type StatsRow, type SyncBatch } from '../../core/contract';
import { Outbox } from '../../core/sync';
import { addLearner, doSteps, statsCore, STATS_PACK, type TestLearner } from '../support/stats-fixture';
import { call, staffToken } from '../support/test-core';

/**
 * The outbox's hold-back rule, against a real kiosk: learners work through the API, batches are
 * made the way the loop makes them (a second connection to the same database file, as the loop's
 * is another statement on it), and the test reads what each batch would send.
 */
const K = 5;
const SITE = { siteCode: 'TEST-01', k: K };
const BASICS = `${STATS_PACK}/basics`;

function outboxOf(databaseFile: string) {
  const db = new Database(databaseFile);
  db.pragma('busy_timeout = 5000');
  return { db, outbox: new Outbox(db) };
}

const cellKey = (r: Pick<StatsRow, 'week' | 'course' | 'metric' | 'dimension' | 'value'>) => `${r.week}|${r.course}|${r.metric}|${r.dimension}|${r.value}`;

/** What a batch sends for one cell of the basics course's lesson completions, 0 when nothing. */
const sent = (batch: SyncBatch | undefined, dimension: StatsRow['dimension'], value: string, metric: StatsRow['metric'] = 'lessons_completed') =>
  batch?.rows.find((r) => r.course === BASICS && r.metric === metric && r.dimension === dimension && r.value === value)?.count ?? 0;

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
  it('sends totals at once and holds a breakdown cell until its running count reaches k, then sends all of it', async () => {
    const { core } = await statsCore('2026-03-04T12:00:00Z');
    const admin = await staffToken(core, 'admin');
    const { db, outbox } = outboxOf(core.databaseFile);
    const make = () => {
      const before = outbox.unacked().length;
      outbox.makeBatches(SITE);
      return outbox.unacked().slice(before);
    };

    // Three women finish lesson 1: the total (3) leaves, the gender and age-band cells (3 < 5) wait.
    await learners(core, 3, 'female', 'first');
    const [first] = make();
    expect(sent(first, 'total', '')).toBe(3);
    expect(sent(first, 'gender', 'female')).toBe(0);
    expect(sent(first, 'age_band', '30-44')).toBe(0);
    expect((await call(core, 'sync.status', {}, admin)).heldCells).toBeGreaterThan(0);

    // Nothing new: no batch.
    expect(make()).toEqual([]);

    // Two more: the running count reaches 5, and all five go together with the new total.
    await learners(core, 2, 'female', 'second');
    const [second] = make();
    expect(sent(second, 'total', '')).toBe(2);
    expect(sent(second, 'gender', 'female')).toBe(5);
    expect(sent(second, 'age_band', '30-44')).toBe(5);

    // Once a cell has reached k, each later increase goes as it comes, even a single one.
    // Two men: their total goes, their gender cell waits; the age band (already past k) goes.
    await learners(core, 1, 'female', 'third');
    await learners(core, 2, 'male', 'fourth');
    const [third] = make();
    expect(sent(third, 'total', '')).toBe(3);
    expect(sent(third, 'gender', 'female')).toBe(1);
    expect(sent(third, 'gender', 'male')).toBe(0);
    expect(sent(third, 'age_band', '30-44')).toBe(3);

    const batches = outbox.unacked();
    expect(batches.map((b) => b.sequence)).toEqual([1, 2, 3]);
    expect(new Set(batches.map((b) => b.key)).size).toBe(3);
    for (const batch of batches) {
      expect(SyncBatchSchema.parse(batch)).toEqual(batch);
      expect(batch).toMatchObject({ siteCode: 'TEST-01', k: K, schemaVersion: 1 });
      // No breakdown cell's first appearance is under k.
    }
    const firstSent = new Map<string, number>();
    for (const row of batches.flatMap((b) => b.rows)) if (row.dimension !== 'total' && !firstSent.has(cellKey(row))) firstSent.set(cellKey(row), row.count);
    for (const [cell, count] of firstSent) expect(count, cell).toBeGreaterThanOrEqual(K);
    db.close();
  });

  it('accounts for every count: what went in batches plus what waits is exactly the kiosk’s statistics', async () => {
    const { core, clock } = await statsCore('2026-03-04T12:00:00Z');
    const { db, outbox } = outboxOf(core.databaseFile);
    // Several weeks, both courses, all kinds of profile; batches made between bursts of work.
    const genders = ['female', 'male', 'other', 'undisclosed'] as const;
    for (let week = 0; week < 3; week++) {
      for (let i = 0; i < 7; i++) {
        const learner = await addLearner(core, { name: `W${week} learner ${i}`, gender: genders[(i + week) % 4], birthYear: 1950 + 9 * i });
        await doSteps(core, learner, 'l1');
        if (i % 2 === 0) await doSteps(core, learner, 'l3');
        if (i % 3 === 0 && week < 2) outbox.makeBatches(SITE);
      }
      clock.now = new Date(clock.now.getTime() + 7 * 24 * 3600_000);
    }
    const earlier = outbox.unacked().length;
    expect(outbox.makeBatches(SITE, 7)).toBeGreaterThan(1); // small batches: a big backlog is split, nothing lost between them

    const fromBatches = new Map<string, number>();
    for (const row of outbox.unacked().flatMap((b) => b.rows)) fromBatches.set(cellKey(row), (fromBatches.get(cellKey(row)) ?? 0) + row.count);
    const waiting = db.prepare<[], { key: string; pending: number }>("SELECT week || '|' || course || '|' || metric || '|' || dimension || '|' || value AS key, pending FROM sync_cells WHERE pending > 0").all();
    const accounted = new Map(fromBatches);
    for (const { key, pending } of waiting) accounted.set(key, (accounted.get(key) ?? 0) + pending);

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
    // Totals never wait; some breakdown cells do (profiles spread over many small cells).
    expect(waiting.filter((w) => w.key.includes('|total|'))).toEqual([]);
    expect(waiting.length).toBeGreaterThan(0);
    expect(outbox.unacked().slice(earlier).every((b) => b.rows.length <= 7)).toBe(true);
    db.close();
  });

  it('puts nothing about a person in any batch or in the stick file', async () => {
    const { core } = await statsCore('2026-03-04T12:00:00Z');
    const admin = await staffToken(core, 'admin');
    const people = [...(await learners(core, 3, 'female', 'Жылдызкан Токтосунова', '7391')), ...(await learners(core, 5, 'male', 'Temirlan Kydyraliev'))];
    const saved = await call<{ file: string; batches: number }>(core, 'sync.saveToStick', { target: { kind: 'folder' } }, admin);
    const { db, outbox } = outboxOf(core.databaseFile);
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
    const { core } = await statsCore('2026-03-04T12:00:00Z');
    const admin = await staffToken(core, 'admin');
    await learners(core, 5, 'female', 'Code');
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
