import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../core/db/migrations';
import { up } from '../../../core/db/migrations/0010-pack-owners';
import { openDatabase } from '../../../core/db/open';
import { tempDir } from '../../support/temp-dir';

/** The schema version this migration brings a database to (its place in the list). */
const VERSION = MIGRATIONS.indexOf(up) + 1;

describe('migration 0010: pack owners', () => {
  it('gives each installed pack’s id to the key it was installed under, remembers its version, and outlives the pack', () => {
    const file = path.join(tempDir(), 'ayil.db');
    const old = openDatabase(file, { upTo: VERSION - 1 });
    const insert = old.prepare("INSERT INTO packs (id, version, file, size, manifest_json, key_id, trust, installed_at) VALUES (?, ?, ?, 1, '{}', ?, ?, 't')");
    insert.run('kg.ayil.first-steps', '1.2.0', 'a.ayilpack', '0123456789abcdef', 'trusted');
    insert.run('org.example.unknown', '0.3.0', 'b.ayilpack', 'fedcba9876543210', 'untrusted');
    insert.run('org.example.unsigned', '2.0.0', 'c.ayilpack', null, 'unsigned');
    old.close();

    const db = openDatabase(file, { upTo: VERSION });
    expect(db.prepare('SELECT pack_id, key_id, highest_version, transferred_at FROM pack_owners ORDER BY pack_id').all()).toEqual([
      { pack_id: 'kg.ayil.first-steps', key_id: '0123456789abcdef', highest_version: '1.2.0', transferred_at: null },
      { pack_id: 'org.example.unknown', key_id: 'fedcba9876543210', highest_version: '0.3.0', transferred_at: null },
      { pack_id: 'org.example.unsigned', key_id: null, highest_version: '2.0.0', transferred_at: null },
    ]);
    // Removing a pack leaves what the kiosk knows about its id.
    db.prepare("DELETE FROM packs WHERE id = 'kg.ayil.first-steps'").run();
    expect(db.prepare("SELECT key_id FROM pack_owners WHERE pack_id = 'kg.ayil.first-steps'").get()).toEqual({ key_id: '0123456789abcdef' });
    expect(() => db.prepare("INSERT INTO pack_owners (pack_id, key_id, highest_version) VALUES ('org.example.unsigned', NULL, '3.0.0')").run()).toThrow(/UNIQUE/);
    db.close();
  });
});
