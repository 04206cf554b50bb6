import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/db/open';
import { SCHEMA_VERSION } from '../../../core/db/migrations';
import { tempDir } from '../../support/temp-dir';

describe('migration 0006: a folded name key for the console’s search', () => {
  it('gives existing learners their folded name', () => {
    const file = path.join(tempDir(), 'ayil.db');
    const old = openDatabase(file, { upTo: 4 });
    old.prepare("INSERT INTO learners (id, display_name, avatar, language, created_at) VALUES (7, '  Гүлнара   ӨМҮРБЕКОВА ', 'sun', 'ky', 't')").run();
    old.close();

    const db = openDatabase(file, { upTo: SCHEMA_VERSION });
    expect(db.prepare('SELECT name_key FROM learners WHERE id = 7').get()).toEqual({ name_key: 'гулнара омурбекова' });
    db.close();
  });
});
