import type { Database } from 'better-sqlite3';
import { ageBandOf, genderOf, weekOf } from './sql';

/**
 * Recomputes every aggregate from the progress rows still on the kiosk, in SQL. Used once, by
 * the migration that introduced the statistics (and by the benchmark's seeding). Learners erased
 * before that leave no rows, so they cannot be counted; from then on counts are kept as events
 * happen and survive erasure.
 */
export function rebuildStats(db: Database): void {
  db.exec(`
    DELETE FROM stats_weekly;
    DELETE FROM learner_activity;

    -- A learner was active in a week when they finished a step in it (a step's first finish,
    -- or the last time they worked in a lesson: progress rows keep no more than that).
    INSERT INTO learner_activity (learner_id, week)
      SELECT learner_id, ${weekOf('completed_at')} FROM step_progress
      UNION
      SELECT learner_id, ${weekOf('updated_at')} FROM lesson_progress;

    INSERT INTO stats_weekly (week, metric, pack_id, course_id, gender, age_band, count)
      SELECT week, metric, pack_id, course_id, ${genderOf('gender')}, ${ageBandOf('week', 'birth_year')}, count(*)
      FROM (
        SELECT learner_id, week, 'learners_active' AS metric, '' AS pack_id, '' AS course_id FROM learner_activity
        UNION ALL
        SELECT learner_id, ${weekOf('started_at')}, 'lessons_started', pack_id, course_id FROM lesson_progress
        UNION ALL
        SELECT learner_id, ${weekOf('completed_at')}, 'lessons_completed', pack_id, course_id FROM lesson_progress WHERE completed_at IS NOT NULL
        UNION ALL
        SELECT learner_id, ${weekOf('min(started_at)')}, 'courses_started', pack_id, course_id FROM lesson_progress GROUP BY learner_id, pack_id, course_id
        UNION ALL
        -- A course was completed when its certificate was issued: by its last lesson's completion.
        SELECT c.learner_id, ${weekOf('max(lp.completed_at)')}, 'courses_completed', c.pack_id, c.course_id
        FROM certificates c
        JOIN lesson_progress lp ON lp.learner_id = c.learner_id AND lp.pack_id = c.pack_id AND lp.course_id = c.course_id AND lp.completed_at IS NOT NULL
        GROUP BY c.learner_id, c.pack_id, c.course_id
      ) AS e
      JOIN learners ON learners.id = e.learner_id
      GROUP BY 1, 2, 3, 4, 5, 6;
  `);
}
