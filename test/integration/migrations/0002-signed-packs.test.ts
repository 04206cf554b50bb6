import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/db/open';
import { tempDir } from '../../support/temp-dir';

describe('migration 0002: signed packs', () => {
  it('drops format-1 pack rows (bundled packs reinstall) and keeps learner progress', () => {
    const file = path.join(tempDir(), 'ayil.db');
    const old = openDatabase(file, { upTo: 1 });
    old.prepare("INSERT INTO learners (id, display_name, avatar, language, created_at) VALUES (1, 'A', 'sun', 'ky', 't')").run();
    old.prepare("INSERT INTO packs VALUES ('kg.ayil.first-steps', '1.0.0', 'kg.ayil.first-steps@1.0.0', '{}', 't')").run();
    old.prepare("INSERT INTO step_progress VALUES (1, 'kg.ayil.first-steps', 'l', 's', 't')").run();
    old.close();

    const db = openDatabase(file, { upTo: 2 });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM packs').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT pack_id, step_id FROM step_progress').all()).toEqual([{ pack_id: 'kg.ayil.first-steps', step_id: 's' }]);
    expect(() => db.prepare("INSERT INTO packs VALUES ('p', '1.0.0', 'f', 1, '{}', NULL, 'maybe', 't')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO trusted_keys VALUES ('0123456789abcdef', 'P', 'key', 't')").run();
    db.close();
  });
});
