import type { Database } from 'better-sqlite3';

/** Kiosk settings, learner profiles, installed packs and lesson/step progress. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE learners (
      id           INTEGER PRIMARY KEY,
      display_name TEXT NOT NULL,
      avatar       TEXT NOT NULL,
      language     TEXT NOT NULL,
      created_at   TEXT NOT NULL
    ) STRICT;

    CREATE TABLE packs (
      id             TEXT PRIMARY KEY,
      version        TEXT NOT NULL,
      dir            TEXT NOT NULL,
      manifest_json  TEXT NOT NULL,
      installed_at   TEXT NOT NULL
    ) STRICT;

    CREATE TABLE lesson_progress (
      learner_id      INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
      pack_id         TEXT NOT NULL,
      course_id       TEXT NOT NULL,
      lesson_id       TEXT NOT NULL,
      current_step_id TEXT NOT NULL,
      started_at      TEXT NOT NULL,
      updated_at      TEXT NOT NULL,
      completed_at    TEXT,
      PRIMARY KEY (learner_id, pack_id, lesson_id)
    ) STRICT;
    CREATE INDEX lesson_progress_recent ON lesson_progress (learner_id, updated_at);

    CREATE TABLE step_progress (
      learner_id   INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
      pack_id      TEXT NOT NULL,
      lesson_id    TEXT NOT NULL,
      step_id      TEXT NOT NULL,
      completed_at TEXT NOT NULL,
      PRIMARY KEY (learner_id, pack_id, lesson_id, step_id)
    ) STRICT;
  `);
}
