import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/db/open';
import { tempDir } from '../../support/temp-dir';

const cells = (db: ReturnType<typeof openDatabase>) =>
  db.prepare('SELECT week, course, metric, dimension, value, released, pending FROM sync_cells ORDER BY week, course, metric, dimension, value').raw().all() as unknown[][];

describe('migration 0007: the sync outbox', () => {
  it('makes the figures already on the kiosk pending, and counts every later increase exactly once', () => {
    const file = path.join(tempDir(), 'ayil.db');
    const old = openDatabase(file, { upTo: 6 });
    old.exec(`
      INSERT INTO stats_weekly VALUES
        ('2026-W10', 'courses_completed', 'p', 'basics', 'female', '30-44', 3),
        ('2026-W10', 'courses_completed', 'p', 'basics', 'male', '30-44', 2),
        ('2026-W10', 'learners_active', '', '', 'female', 'unknown', 4);
    `);
    old.close();

    const db = openDatabase(file, { upTo: 7 });
    // Summed over the other breakdown, per dimension; nothing released yet.
    expect(cells(db)).toEqual([
      ['2026-W10', '', 'learners_active', 'age_band', 'unknown', 0, 4],
      ['2026-W10', '', 'learners_active', 'gender', 'female', 0, 4],
      ['2026-W10', '', 'learners_active', 'total', '', 0, 4],
      ['2026-W10', 'p/basics', 'courses_completed', 'age_band', '30-44', 0, 5],
      ['2026-W10', 'p/basics', 'courses_completed', 'gender', 'female', 0, 3],
      ['2026-W10', 'p/basics', 'courses_completed', 'gender', 'male', 0, 2],
      ['2026-W10', 'p/basics', 'courses_completed', 'total', '', 0, 5],
    ]);

    // A new statistics row adds its count to its three cells.
    db.prepare("INSERT INTO stats_weekly VALUES ('2026-W11', 'lessons_started', 'p', 'basics', 'other', '60-plus', 2)").run();
    expect(cells(db).filter((c) => c[0] === '2026-W11')).toEqual([
      ['2026-W11', 'p/basics', 'lessons_started', 'age_band', '60-plus', 0, 2],
      ['2026-W11', 'p/basics', 'lessons_started', 'gender', 'other', 0, 2],
      ['2026-W11', 'p/basics', 'lessons_started', 'total', '', 0, 2],
    ]);

    // Raising a count adds exactly the difference; an update that does not raise it adds nothing.
    db.prepare("UPDATE sync_cells SET released = released + pending, pending = 0 WHERE week = '2026-W10'").run();
    db.prepare("UPDATE stats_weekly SET count = 7 WHERE week = '2026-W10' AND gender = 'female' AND metric = 'courses_completed'").run();
    db.prepare("UPDATE stats_weekly SET count = count WHERE week = '2026-W10' AND gender = 'male'").run();
    expect(cells(db).filter((c) => c[0] === '2026-W10' && c[1] === 'p/basics')).toEqual([
      ['2026-W10', 'p/basics', 'courses_completed', 'age_band', '30-44', 5, 4],
      ['2026-W10', 'p/basics', 'courses_completed', 'gender', 'female', 3, 4],
      ['2026-W10', 'p/basics', 'courses_completed', 'gender', 'male', 2, 0],
      ['2026-W10', 'p/basics', 'courses_completed', 'total', '', 5, 4],
    ]);

    // Whatever happened, released + pending is what stats_weekly says, cell by cell.
    const fromStats = db
      .prepare(
        `SELECT week, metric, 'total' AS d, '' AS v, sum(count) AS n FROM stats_weekly GROUP BY week, pack_id, course_id, metric
         UNION ALL SELECT week, metric, 'gender', gender, sum(count) FROM stats_weekly GROUP BY week, pack_id, course_id, metric, gender
         UNION ALL SELECT week, metric, 'age_band', age_band, sum(count) FROM stats_weekly GROUP BY week, pack_id, course_id, metric, age_band
         ORDER BY 1, 2, 3, 4`,
      )
      .raw()
      .all();
    const fromOutbox = db.prepare('SELECT week, metric, dimension, value, released + pending FROM sync_cells ORDER BY 1, 2, 3, 4').raw().all();
    expect(fromOutbox).toEqual(fromStats);
    expect(db.prepare('SELECT count(*) FROM sync_batches').pluck().get()).toBe(0);
    db.close();
  });
});
