import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/db/open';
import { tempDir } from '../../support/temp-dir';

const ORDER = 'ORDER BY week, metric, pack_id, course_id, gender, age_band';

describe('migration 0005: anonymised weekly statistics', () => {
  it('counts the progress already on the kiosk, and the counts outlive an erased learner', () => {
    const file = path.join(tempDir(), 'ayil.db');
    const old = openDatabase(file, { upTo: 4 });
    old.exec(`
      INSERT INTO learners (id, display_name, avatar, language, created_at, gender, birth_year, profile_asked)
        VALUES (1, 'Аида', 'sun', 'ky', 't', 'female', 1990, 1), (2, 'Бакыт', 'star', 'ru', 't', NULL, NULL, 0);
      -- Middays of 2026-W10, W11 and W12.
      INSERT INTO lesson_progress VALUES
        (1, 'p', 'basics', 'l1', 's', '2026-03-04T12:00:00.000Z', '2026-03-04T12:00:00.000Z', '2026-03-04T12:00:00.000Z'),
        (1, 'p', 'basics', 'l2', 's', '2026-03-11T12:00:00.000Z', '2026-03-18T12:00:00.000Z', '2026-03-18T12:00:00.000Z'),
        (2, 'p', 'basics', 'l1', 's', '2026-03-11T12:00:00.000Z', '2026-03-11T12:00:00.000Z', NULL);
      INSERT INTO step_progress VALUES
        (1, 'p', 'l1', 's', '2026-03-04T12:00:00.000Z'),
        (1, 'p', 'l2', 's', '2026-03-11T12:00:00.000Z'),
        (2, 'p', 'l1', 's', '2026-03-11T12:00:00.000Z');
      INSERT INTO certificates (learner_id, pack_id, course_id, learner_name, course_title_json, site_name, issued_on, code)
        VALUES (1, 'p', 'basics', 'Аида', '{}', 's', '2026-03-18', 'AAAAA-BBBBB');
    `);
    old.close();

    const db = openDatabase(file, { upTo: 5 });
    const f = ['female', '30-44'];
    const u = ['undisclosed', 'unknown'];
    const stats = () => db.prepare(`SELECT * FROM stats_weekly ${ORDER}`).raw().all();
    const expected = [
      ['2026-W10', 'courses_started', 'p', 'basics', ...f, 1],
      ['2026-W10', 'learners_active', '', '', ...f, 1],
      ['2026-W10', 'lessons_completed', 'p', 'basics', ...f, 1],
      ['2026-W10', 'lessons_started', 'p', 'basics', ...f, 1],
      ['2026-W11', 'courses_started', 'p', 'basics', ...u, 1],
      ['2026-W11', 'learners_active', '', '', ...f, 1],
      ['2026-W11', 'learners_active', '', '', ...u, 1],
      ['2026-W11', 'lessons_started', 'p', 'basics', ...f, 1],
      ['2026-W11', 'lessons_started', 'p', 'basics', ...u, 1],
      // The last lesson's completion completed the course; the lesson's last work made W12 active.
      ['2026-W12', 'courses_completed', 'p', 'basics', ...f, 1],
      ['2026-W12', 'learners_active', '', '', ...f, 1],
      ['2026-W12', 'lessons_completed', 'p', 'basics', ...f, 1],
    ];
    expect(stats()).toEqual(expected);
    expect(db.prepare('SELECT learner_id, week FROM learner_activity ORDER BY 1, 2').raw().all()).toEqual([
      [1, '2026-W10'],
      [1, '2026-W11'],
      [1, '2026-W12'],
      [2, '2026-W11'],
    ]);

    expect(() => db.prepare("INSERT INTO stats_weekly VALUES ('2026-W10', 'naps_taken', '', '', 'female', '30-44', 1)").run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM learners WHERE id = 1').run();
    expect(stats()).toEqual(expected);
    expect(db.prepare('SELECT learner_id FROM learner_activity').raw().all()).toEqual([[2]]);
    db.close();
  });
});
