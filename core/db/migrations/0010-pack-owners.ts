import type { Database } from 'better-sqlite3';

/**
 * A pack id belongs to a publisher's key (core/packs/pack-owners.ts). `pack_owners` keeps, per id
 * ever installed, the key its packs must be signed with (NULL while it was only ever installed
 * unsigned) and the highest version ever installed: rows stay when the pack is removed, so removing
 * a pack does not open the way to an older version or to another publisher's pack of the same id.
 * Packs installed now belong to the key they were installed under, trusted or not.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE pack_owners (
      pack_id         TEXT PRIMARY KEY,
      key_id          TEXT,
      highest_version TEXT NOT NULL,
      -- When an administrator last handed the id to another key (NULL: never).
      transferred_at  TEXT
    ) STRICT;
    INSERT INTO pack_owners (pack_id, key_id, highest_version) SELECT id, key_id, version FROM packs;
  `);
}
