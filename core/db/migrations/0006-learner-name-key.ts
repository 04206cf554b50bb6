import type { Database } from 'better-sqlite3';
import { foldName } from '../../contract/fold-name';

/**
 * The console searches learners by a folded name (SQLite's lower() folds only ASCII, so the key
 * is computed in JS once, when the name is stored). Existing learners get theirs here.
 */
export function up(db: Database): void {
  db.exec(`ALTER TABLE learners ADD COLUMN name_key TEXT NOT NULL DEFAULT ''`);
  const rows = db.prepare<[], { id: number; display_name: string }>('SELECT id, display_name FROM learners').all();
  const update = db.prepare('UPDATE learners SET name_key = ? WHERE id = ?');
  for (const row of rows) update.run(foldName(row.display_name), row.id);
}
