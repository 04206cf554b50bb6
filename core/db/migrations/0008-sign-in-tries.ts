import type { Database } from 'better-sqlite3';

/**
 * Limits on guessing (core/sessions/try-limits.ts). Every wrong try of a learner's secret or a
 * staff password is a row in `sign_in_tries` while it still counts, for the profile or account and
 * for the client address it came from; `sign_in_locks` holds the lock the tries earned. Rows of a
 * learner's profile go with the learner (foreign key), so erasing them leaves nothing. A learner's
 * `wrong_tries_unseen` counts the wrong tries the owner has not yet been told about.
 * The old per-learner counter and lock move here; a lock already running is kept.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE sign_in_tries (
      id         INTEGER PRIMARY KEY,
      scope      TEXT NOT NULL CHECK (scope IN ('learner', 'learner-address', 'staff', 'staff-at-address', 'staff-address')),
      key        TEXT NOT NULL,
      learner_id INTEGER REFERENCES learners(id) ON DELETE CASCADE,
      at         TEXT NOT NULL
    ) STRICT;
    CREATE INDEX sign_in_tries_by_key ON sign_in_tries (scope, key, at);
    CREATE INDEX sign_in_tries_by_learner ON sign_in_tries (learner_id) WHERE learner_id IS NOT NULL;

    CREATE TABLE sign_in_locks (
      scope        TEXT NOT NULL,
      key          TEXT NOT NULL,
      learner_id   INTEGER REFERENCES learners(id) ON DELETE CASCADE,
      -- NULL: locked until a librarian unlocks it.
      locked_until TEXT,
      PRIMARY KEY (scope, key)
    ) STRICT;
    CREATE INDEX sign_in_locks_by_learner ON sign_in_locks (learner_id) WHERE learner_id IS NOT NULL;

    ALTER TABLE learners ADD COLUMN wrong_tries_unseen INTEGER NOT NULL DEFAULT 0;
    INSERT INTO sign_in_locks (scope, key, learner_id, locked_until)
      SELECT 'learner', CAST(id AS TEXT), id, locked_until FROM learners WHERE locked_until IS NOT NULL;
    ALTER TABLE learners DROP COLUMN failed_tries;
    ALTER TABLE learners DROP COLUMN locked_until;
  `);
}
