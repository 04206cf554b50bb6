import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/db/open';
import { tempDir } from '../../support/temp-dir';

describe('migration 0008: sign-in tries and locks', () => {
  it('keeps a lock that is running, forgets the old counter, and a learner’s tries go with the learner', () => {
    const file = path.join(tempDir(), 'ayil.db');
    const old = openDatabase(file, { upTo: 7 });
    const insert = old.prepare("INSERT INTO learners (id, display_name, avatar, language, created_at, secret_kind, secret_hash, failed_tries, locked_until) VALUES (?, ?, 'sun', 'ky', 't', 'pin', 'h', ?, ?)");
    insert.run(1, 'Locked', 0, '2026-03-02T09:01:00.000Z');
    insert.run(2, 'Tried twice', 2, null);
    old.close();

    const db = openDatabase(file, { upTo: 8 });
    const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('learners')").all().map((c) => c.name);
    expect(columns).not.toContain('failed_tries');
    expect(columns).not.toContain('locked_until');
    expect(db.prepare('SELECT id, display_name, wrong_tries_unseen FROM learners ORDER BY id').all()).toEqual([
      { id: 1, display_name: 'Locked', wrong_tries_unseen: 0 },
      { id: 2, display_name: 'Tried twice', wrong_tries_unseen: 0 },
    ]);
    expect(db.prepare('SELECT scope, key, learner_id, locked_until FROM sign_in_locks').all()).toEqual([
      { scope: 'learner', key: '1', learner_id: 1, locked_until: '2026-03-02T09:01:00.000Z' },
    ]);

    db.prepare("INSERT INTO sign_in_tries (scope, key, learner_id, at) VALUES ('learner', '2', 2, 't'), ('learner-address', 'local', NULL, 't')").run();
    expect(() => db.prepare("INSERT INTO sign_in_tries (scope, key, at) VALUES ('nonsense', 'x', 't')").run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM learners WHERE id IN (1, 2)').run();
    expect(db.prepare('SELECT scope FROM sign_in_tries').all()).toEqual([{ scope: 'learner-address' }]);
    expect(db.prepare('SELECT count(*) AS n FROM sign_in_locks').get()).toEqual({ n: 0 });
    db.close();
  });
});
