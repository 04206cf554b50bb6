import type { Database } from 'better-sqlite3';
import { rebuildStats } from '../../stats/rebuild';

/**
 * Anonymised weekly statistics, kept as progress happens. `stats_weekly` has no learner column
 * at all: erasing a learner leaves the counts they were part of. `learner_activity` only says
 * whether a learner was already counted active in a week (and gives distinct active learners
 * for reports); it goes with the learner. Counts are rebuilt from the progress already there.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE stats_weekly (
      week      TEXT NOT NULL CHECK (week GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]'),
      metric    TEXT NOT NULL CHECK (metric IN ('learners_active', 'lessons_started', 'lessons_completed', 'courses_started', 'courses_completed')),
      -- Both empty for site-wide counts (learners active).
      pack_id   TEXT NOT NULL,
      course_id TEXT NOT NULL,
      gender    TEXT NOT NULL CHECK (gender IN ('female', 'male', 'other', 'undisclosed')),
      age_band  TEXT NOT NULL CHECK (age_band IN ('under-18', '18-29', '30-44', '45-59', '60-plus', 'unknown')),
      count     INTEGER NOT NULL CHECK (count > 0),
      PRIMARY KEY (week, metric, pack_id, course_id, gender, age_band)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE learner_activity (
      learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
      week       TEXT NOT NULL,
      PRIMARY KEY (learner_id, week)
    ) STRICT, WITHOUT ROWID;
    -- Distinct learners over a period, without touching the table rows.
    CREATE INDEX learner_activity_week ON learner_activity (week, learner_id);
  `);
  rebuildStats(db);
}
