import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../core/db/migrations';
import { up } from '../../../core/db/migrations/0009-release-rounds';
import { openDatabase } from '../../../core/db/open';
import { tempDir } from '../../support/temp-dir';

/** The schema version this migration brings a database to (its place in the list). */
const VERSION = MIGRATIONS.indexOf(up) + 1;

const cells = (db: ReturnType<typeof openDatabase>, week: string) =>
  db.prepare('SELECT metric, dimension, value, released, pending FROM sync_cells WHERE week = ? ORDER BY metric, dimension, value').raw().all(week) as unknown[][];

describe('migration 0009: release rounds', () => {
  it('leaves each group’s breakdowns waiting exactly as much as its total, and keeps every count', () => {
    const file = path.join(tempDir(), 'ayil.db');
    const old = openDatabase(file, { upTo: VERSION - 1 });
    old.exec(`
      INSERT INTO stats_weekly VALUES
        ('2026-W10', 'courses_completed', 'p', 'basics', 'female', '30-44', 3),
        ('2026-W10', 'courses_completed', 'p', 'basics', 'male', '30-44', 2),
        ('2026-W11', 'lessons_started', 'p', 'basics', 'female', '18-29', 4),
        ('2026-W11', 'lessons_started', 'p', 'basics', 'male', '60-plus', 6),
        ('2026-W12', 'learners_active', '', '', 'other', 'unknown', 2);
    `);
    // As the previous rule left them: W10's total went (5), its age cell (5) went, its gender
    // cells (3, 2) wait under k. W11's total went in part (8 of 10): 2 wait, while the breakdown
    // cells that never reached k wait whole. W12 never went.
    old.exec(`
      UPDATE sync_cells SET released = pending, pending = 0 WHERE week = '2026-W10' AND dimension IN ('total', 'age_band');
      UPDATE sync_cells SET released = 8, pending = 2 WHERE week = '2026-W11' AND dimension = 'total';
      UPDATE sync_cells SET released = 6, pending = 0 WHERE week = '2026-W11' AND value IN ('male', '60-plus');
    `);
    old.close();

    const db = openDatabase(file, { upTo: VERSION });
    // W10: everything counts as gone; the held gender cells are dropped, as suppression drops them.
    expect(cells(db, '2026-W10')).toEqual([
      ['courses_completed', 'age_band', '30-44', 5, 0],
      ['courses_completed', 'gender', 'female', 3, 0],
      ['courses_completed', 'gender', 'male', 2, 0],
      ['courses_completed', 'total', '', 5, 0],
    ]);
    // W11: each breakdown keeps 2 waiting, as its total does.
    expect(cells(db, '2026-W11')).toEqual([
      ['lessons_started', 'age_band', '18-29', 2, 2],
      ['lessons_started', 'age_band', '60-plus', 6, 0],
      ['lessons_started', 'gender', 'female', 2, 2],
      ['lessons_started', 'gender', 'male', 6, 0],
      ['lessons_started', 'total', '', 8, 2],
    ]);
    // W12: untouched, all waiting.
    expect(cells(db, '2026-W12')).toEqual([
      ['learners_active', 'age_band', 'unknown', 0, 2],
      ['learners_active', 'gender', 'other', 0, 2],
      ['learners_active', 'total', '', 0, 2],
    ]);
    // Released + pending is still what stats_weekly says, cell by cell.
    const counted = db
      .prepare(
        `SELECT week, metric, 'total', '', sum(count) FROM stats_weekly GROUP BY week, metric
         UNION ALL SELECT week, metric, 'gender', gender, sum(count) FROM stats_weekly GROUP BY week, metric, gender
         UNION ALL SELECT week, metric, 'age_band', age_band, sum(count) FROM stats_weekly GROUP BY week, metric, age_band ORDER BY 1, 2, 3, 4`,
      )
      .raw()
      .all();
    expect(db.prepare('SELECT week, metric, dimension, value, released + pending FROM sync_cells ORDER BY 1, 2, 3, 4').raw().all()).toEqual(counted);

    // The new tables are there and empty; a round can be recorded once per week.
    expect(db.prepare('SELECT count(*) FROM stats_released').pluck().get()).toBe(0);
    db.prepare("INSERT INTO release_rounds (week, k) VALUES ('2026-W13', 5)").run();
    expect(() => db.prepare("INSERT INTO release_rounds (week, k) VALUES ('2026-W13', 5)").run()).toThrow(/UNIQUE/);
    // A total is never held back.
    expect(() =>
      db.prepare("INSERT INTO stats_released VALUES (1, '2026-W12', '', 'learners_active', 'total', '', 7, 1)").run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
