import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/db/open';
import { tempDir } from '../../support/temp-dir';

describe('migration 0001: initial schema', () => {
  it('creates the tables, and deleting a learner deletes their progress', () => {
    const db = openDatabase(path.join(tempDir(), 'ayil.db'), { upTo: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
    expect(tables).toEqual(['learners', 'lesson_progress', 'packs', 'settings', 'step_progress']);

    db.prepare("INSERT INTO learners (id, display_name, avatar, language, created_at) VALUES (1, 'A', 'sun', 'ky', 't')").run();
    db.prepare("INSERT INTO step_progress VALUES (1, 'p', 'l', 's', 't')").run();
    db.prepare("INSERT INTO lesson_progress VALUES (1, 'p', 'c', 'l', 's', 't', 't', NULL)").run();
    db.prepare('DELETE FROM learners WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM step_progress').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM lesson_progress').get()).toEqual({ n: 0 });
    expect(() => db.prepare("INSERT INTO step_progress VALUES (99, 'p', 'l', 's', 't')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
