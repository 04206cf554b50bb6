import type { Database } from 'better-sqlite3';

/**
 * Packs become single signed files (format 2). Format-1 rows pointed at unpacked folders that no
 * longer exist in that form; they are dropped and the bundled packs reinstall on start. Learner
 * progress is keyed by pack, lesson and step ids, so it is untouched.
 */
export function up(db: Database): void {
  db.exec(`
    DROP TABLE packs;
    CREATE TABLE packs (
      id            TEXT PRIMARY KEY,
      version       TEXT NOT NULL,
      file          TEXT NOT NULL,
      size          INTEGER NOT NULL,
      manifest_json TEXT NOT NULL,
      key_id        TEXT,
      trust         TEXT NOT NULL CHECK (trust IN ('trusted', 'untrusted', 'unsigned')),
      installed_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE trusted_keys (
      key_id     TEXT PRIMARY KEY,
      publisher  TEXT NOT NULL,
      public_key TEXT NOT NULL,
      added_at   TEXT NOT NULL
    ) STRICT;
  `);
}
