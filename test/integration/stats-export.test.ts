import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StatsFileSchema, StatsPreviewSchema, type StatsRow } from '../../core/contract/console';
import { CSV_COLUMNS } from '../../core/stats/export';
import { TEST_SITE } from '../support/set-up';
import { addLearner, doSteps, statsCore, type TestLearner } from '../support/stats-fixture';
import { call, staffToken } from '../support/test-core';

/** Fourteen learners with names, PINs and birth years nobody could mistake for anything else in a file. */
const PEOPLE = [
  { name: 'Жылдызкан Токтосунова', gender: 'female', birthYear: 1987, pin: '7391', both: true },
  { name: 'Ырысгүл Бейшеналиева', gender: 'female', birthYear: 1987, pin: '8264', both: true },
  { name: 'Айпери Жумабаева', gender: 'female', birthYear: 1987, pin: '5178', both: true },
  { name: 'Zarina Qoraboyeva', gender: 'female', birthYear: 1987, pin: '9043', both: true },
  { name: 'Nazgul Osmonalieva', gender: 'female', birthYear: 1999, pin: '6612', both: false },
  { name: 'Гүлнара Сатыбалдиева', gender: 'female', birthYear: 1999, pin: '3927', both: false },
  { name: 'Бермет Асылбекова', gender: 'female', birthYear: 1999, pin: '4851', both: false },
  { name: 'Cholpon Abdykadyrova', gender: 'female', birthYear: 1999, pin: '2796', both: false },
  { name: 'Нурланбек Таштанов', gender: 'male', birthYear: 1987, pin: '8537', both: true },
  { name: 'Temirlan Kydyraliev', gender: 'male', birthYear: 1987, pin: '1649', both: true },
  { name: 'Эрмек Сагынбаев', gender: 'male', birthYear: 1999, pin: '7258', both: false },
  { name: 'Undisclosed Kanykeiuulu', gender: 'undisclosed', birthYear: 1960, pin: '3814', both: false },
  { name: 'Сүйүмкан Орозбаева', gender: 'undisclosed', birthYear: 1960, pin: '9475', both: false },
  { name: 'Other Beishekeev', gender: 'other', birthYear: null, pin: '6083', both: false },
] as const;

const PERIOD = { from: '2026-03-02', to: '2026-03-15' };

/**
 * The people above through the API, in 2026-W10; PINs (slow to hash, on purpose) only where the
 * test looks for them. Then the clock moves into 2026-W11: only a week that has ended leaves.
 */
async function seeded(withPins = false) {
  const { core, clock } = await statsCore('2026-03-04T12:00:00Z');
  const learners: Array<TestLearner & (typeof PEOPLE)[number]> = [];
  for (const person of PEOPLE) {
    const learner = await addLearner(core, withPins ? person : { ...person, pin: undefined });
    await doSteps(core, learner, 'l1');
    if (person.both) await doSteps(core, learner, 'l2');
    learners.push({ ...learner, ...person });
  }
  clock.now = new Date('2026-03-10T10:00:00Z');
  return { core, clock, learners, admin: await staffToken(core, 'admin') };
}

/** What the kiosk holds about people, to be looked for in the files' bytes. */
function secretsOf(databaseFile: string, learners: ReadonlyArray<TestLearner & (typeof PEOPLE)[number]>): string[] {
  const db = new Database(databaseFile, { readonly: true });
  const hashes = db.prepare<[], { secret_hash: string }>('SELECT secret_hash FROM learners WHERE secret_hash IS NOT NULL').all();
  const createdAt = db.prepare<[], { created_at: string }>('SELECT created_at FROM learners').all();
  db.close();
  expect(hashes).toHaveLength(learners.length);
  return [
    ...learners.flatMap((l) => [l.name, ...l.name.split(' '), l.pin, l.token, String(l.birthYear ?? 'null-year')]),
    ...hashes.flatMap((h) => [h.secret_hash, h.secret_hash.split('$').at(-1)!]),
    ...createdAt.map((c) => c.created_at),
    'scrypt',
    'learner_id',
    'learnerid',
    'name',
    'birth',
    'pin',
    'secret',
  ];
}

/** No count under k; every breakdown of a total hides either nothing, or at least k people in two or more cells. */
function checkSuppression(rows: StatsRow[], k: number) {
  const totals = new Map(rows.filter((r) => r.dimension === 'total').map((r) => [`${r.week}|${r.course}|${r.metric}`, r.count]));
  for (const total of totals.values()) expect(total).toBeGreaterThanOrEqual(k);
  const groups = new Map<string, StatsRow[]>();
  for (const row of rows) {
    if (row.dimension === 'total') continue;
    expect(row.count, JSON.stringify(row)).toBeGreaterThanOrEqual(k);
    const key = `${row.week}|${row.course}|${row.metric}`;
    expect(totals.has(key)).toBe(true);
    groups.set(`${key}|${row.dimension}`, [...(groups.get(`${key}|${row.dimension}`) ?? []), row]);
  }
  for (const [key, cells] of groups) {
    const total = totals.get(key.split('|').slice(0, 3).join('|'))!;
    const hidden = total - cells.reduce((sum, c) => sum + c.count, 0);
    expect(hidden === 0 || hidden >= k, `${key}: ${hidden} hidden`).toBe(true);
  }
}

describe('statistics export', () => {
  it('writes CSV and JSON holding only weeks, courses and counts: no name, id, PIN, hash, birth year or timestamp, no cell under k', async () => {
    const { core, learners, admin } = await seeded(true);
    const preview = StatsPreviewSchema.parse(await call(core, 'stats.preview', PERIOD, admin));
    expect(preview).toMatchObject({ schema: 'ayil.statistics', schemaVersion: 2, siteCode: TEST_SITE.siteCode, k: 5, fromWeek: '2026-W10', toWeek: '2026-W11' });
    expect(preview.suppressedCells).toBeGreaterThan(0);
    checkSuppression(preview.rows, 5);

    // Hand-checked cells: 14 completed L1 (8 women shown; 3 men, 2 undisclosed, 1 other hidden);
    // ages 30-44 ×6 shown, 18-29 ×5 hidden too (secondary: 60-plus ×2 and unknown ×1 alone would give away 3).
    const l1 = preview.rows.filter((r) => r.metric === 'lessons_completed' && r.course === 'kg.ayil.test-pack/basics');
    expect(l1).toEqual([
      { week: '2026-W10', course: 'kg.ayil.test-pack/basics', metric: 'lessons_completed', dimension: 'total', value: '', count: 20 },
      { week: '2026-W10', course: 'kg.ayil.test-pack/basics', metric: 'lessons_completed', dimension: 'gender', value: 'female', count: 12 },
      { week: '2026-W10', course: 'kg.ayil.test-pack/basics', metric: 'lessons_completed', dimension: 'age_band', value: '30-44', count: 12 },
    ]);
    const started = preview.rows.filter((r) => r.metric === 'courses_started');
    expect(started).toEqual([
      { week: '2026-W10', course: 'kg.ayil.test-pack/basics', metric: 'courses_started', dimension: 'total', value: '', count: 14 },
      { week: '2026-W10', course: 'kg.ayil.test-pack/basics', metric: 'courses_started', dimension: 'gender', value: 'female', count: 8 },
      { week: '2026-W10', course: 'kg.ayil.test-pack/basics', metric: 'courses_started', dimension: 'age_band', value: '30-44', count: 6 },
    ]);
    // 6 completed the course: 4 women and 2 men are both held back; all six are 30-44.
    expect(preview.rows.filter((r) => r.metric === 'courses_completed')).toEqual([
      { week: '2026-W10', course: 'kg.ayil.test-pack/basics', metric: 'courses_completed', dimension: 'total', value: '', count: 6 },
      { week: '2026-W10', course: 'kg.ayil.test-pack/basics', metric: 'courses_completed', dimension: 'age_band', value: '30-44', count: 6 },
    ]);

    const csv = await call(core, 'stats.export', { ...PERIOD, password: 'correct horse', format: 'csv', target: { kind: 'folder' } }, admin);
    const json = await call(core, 'stats.export', { ...PERIOD, password: 'correct horse', format: 'json', target: { kind: 'folder' } }, admin);
    const folder = path.join(core.dataDir, 'exports');
    expect(csv).toEqual({ file: path.join(folder, 'ayil-stats-TEST-01-2026-W10-2026-W11.csv'), rows: preview.rows.length });
    expect(json).toEqual({ file: path.join(folder, 'ayil-stats-TEST-01-2026-W10-2026-W11.json'), rows: preview.rows.length });
    expect(fs.readdirSync(folder).sort()).toEqual(['ayil-stats-TEST-01-2026-W10-2026-W11.csv', 'ayil-stats-TEST-01-2026-W10-2026-W11.json']);

    // The preview names each installed course for the screen; the file keeps the codes only.
    expect(preview.courseTitles).toEqual({ 'kg.ayil.test-pack/basics': { ky: 'Basics', ru: 'Basics', en: 'Basics' } });

    // JSON: exactly the schema, exactly the previewed rows.
    const jsonBytes = fs.readFileSync(json.file);
    const { suppressedCells: _held, courseTitles: _titles, ...expectedFile } = preview;
    expect(StatsFileSchema.parse(JSON.parse(jsonBytes.toString('utf8')))).toEqual(expectedFile);

    // CSV: the documented columns, one line per previewed row, the same values.
    const csvBytes = fs.readFileSync(csv.file);
    const lines = csvBytes.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines.slice(1)).toEqual(preview.rows.map((r) => ['2', TEST_SITE.siteCode, r.week, r.course, r.metric, r.dimension, r.value, String(r.count)].join(',')));

    for (const bytes of [csvBytes, jsonBytes]) {
      const text = bytes.toString('utf8');
      for (const secret of secretsOf(core.databaseFile, learners)) {
        expect(text.toLowerCase().includes(secret.toLowerCase()), `file contains ${secret}`).toBe(false);
      }
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/); // no calendar day
      expect(text).not.toMatch(/\d{1,2}:\d{2}/); // no time of day
      expect(text).not.toMatch(/[^\x20-\x7e\n]/); // nothing but printable ASCII: no name in any script
      expect(text).not.toContain('Basics'); // no course title: the file keeps its codes
    }
  });

  it('asks the administrator for the password first; a wrong one, or a facilitator, writes nothing', async () => {
    const { core, admin } = await seeded();
    const input = { ...PERIOD, format: 'csv', target: { kind: 'folder' } };
    expect(await core.dispatch('stats.export', { ...input, password: 'wrong horse' }, admin)).toMatchObject({ ok: false, error: { code: 'staff.password_wrong' } });
    const facilitator = await staffToken(core, 'facilitator');
    expect(await core.dispatch('stats.export', { ...input, password: 'correct horse' }, facilitator)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await core.dispatch('stats.preview', PERIOD, facilitator)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const folder = path.join(core.dataDir, 'exports');
    expect(fs.existsSync(folder) ? fs.readdirSync(folder) : []).toEqual([]);
  });

  it('follows the site’s k, keeps what has left as it left, and a second export of the same weeks replaces the file', async () => {
    const { core, admin } = await seeded();
    const site = await call(core, 'settings.get', {}, admin);
    await call(core, 'settings.update', { ...site, k: 2 }, admin);
    const preview = StatsPreviewSchema.parse(await call(core, 'stats.preview', PERIOD, admin));
    expect(preview.k).toBe(2);
    checkSuppression(preview.rows, 2);
    expect(preview.rows).toContainEqual({ week: '2026-W10', course: 'kg.ayil.test-pack/basics', metric: 'courses_completed', dimension: 'gender', value: 'male', count: 2 });

    const input = { ...PERIOD, password: 'correct horse', format: 'json', target: { kind: 'folder' } };
    const first = await call(core, 'stats.export', input, admin);
    const written = JSON.parse(fs.readFileSync(first.file, 'utf8'));
    expect(written.rows).toEqual(preview.rows);

    // Raising k changes nothing that has left (a smaller release later would give the difference
    // away): the file says the smallest k its rows left with. The site's new k rules later weeks.
    await call(core, 'settings.update', { ...site, k: 7 }, admin);
    const { file } = await call(core, 'stats.export', input, admin);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ k: 2, rows: preview.rows });
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    expect((await call(core, 'stats.preview', { from: '2026-03-16', to: '2026-03-22' }, admin)).k).toBe(7);
  });

  it('holds only weeks that have ended and no total under k: a small total is carried into a later week’s row', async () => {
    const { core, clock } = await statsCore('2026-03-04T12:00:00Z'); // 2026-W10
    const work = async (count: number, tag: string) => {
      for (let i = 0; i < count; i++) await doSteps(core, await addLearner(core, { name: `${tag} ${i}`, gender: 'female', birthYear: 1990 }), 'l1');
    };
    const rows = async () => (await call(core, 'stats.preview', { from: '2026-03-02', to: '2026-03-22' }, await staffToken(core, 'admin'))).rows as StatsRow[];
    const completions = (all: StatsRow[]) => all.filter((r) => r.metric === 'lessons_completed' && r.dimension === 'total').map((r) => [r.week, r.count]);

    await work(3, 'First');
    expect(await rows()).toEqual([]); // the week is under way
    clock.now = new Date('2026-03-11T12:00:00Z'); // 2026-W11
    expect(await rows()).toEqual([]); // 2026-W10 has ended, but 3 people are fewer than k
    await work(2, 'Second');
    clock.now = new Date('2026-03-18T12:00:00Z'); // 2026-W12
    // The 3 of 2026-W10 are carried into 2026-W11's 2: one row of 5, under 2026-W11.
    expect(completions(await rows())).toEqual([['2026-W11', 5]]);
  });
});
