import type { Database } from 'better-sqlite3';

/** Facilitator and administrator accounts; passwords only as salted scrypt hashes. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE staff (
      id            INTEGER PRIMARY KEY,
      name          TEXT NOT NULL,
      -- SQLite's NOCASE folds only ASCII: the key is lower-cased in JS, so 'Айжан' = 'айжан'.
      name_key      TEXT NOT NULL UNIQUE,
      role          TEXT NOT NULL CHECK (role IN ('facilitator', 'admin')),
      password_hash TEXT NOT NULL,
      created_at    TEXT NOT NULL
    ) STRICT;
  `);
}
