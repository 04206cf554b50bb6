import type { Database } from 'better-sqlite3';

/**
 * Learner secrets (PIN or picture sequence, scrypt-hashed) with lockout, the optional profile
 * fields the programme reports on, guest profiles, and certificates for completed courses.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE learners ADD COLUMN secret_kind TEXT CHECK (secret_kind IN ('pin', 'pictures'));
    ALTER TABLE learners ADD COLUMN secret_hash TEXT;
    ALTER TABLE learners ADD COLUMN failed_tries INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE learners ADD COLUMN locked_until TEXT;
    ALTER TABLE learners ADD COLUMN gender TEXT CHECK (gender IN ('female', 'male', 'other', 'undisclosed'));
    ALTER TABLE learners ADD COLUMN birth_year INTEGER;
    ALTER TABLE learners ADD COLUMN profile_asked INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE learners ADD COLUMN guest INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE certificates (
      id                INTEGER PRIMARY KEY,
      learner_id        INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
      pack_id           TEXT NOT NULL,
      course_id         TEXT NOT NULL,
      learner_name      TEXT NOT NULL,
      course_title_json TEXT NOT NULL,
      site_name         TEXT NOT NULL,
      issued_on         TEXT NOT NULL,
      code              TEXT NOT NULL UNIQUE,
      UNIQUE (learner_id, pack_id, course_id)
    ) STRICT;
  `);
}
