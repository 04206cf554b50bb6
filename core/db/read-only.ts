import type { Db } from './open';
import { asQuery, isGuarded } from './query-guard';

/**
 * Runs `read` where writing is impossible (`PRAGMA query_only`): a screen that looks (the sync
 * status, the statistics preview) cannot change the database, by mistake or otherwise, also when
 * a command calls it. On a guarded connection (every one `openDatabase` opens) that is
 * `asQuery`; on a bare one the flag is set around the call (better-sqlite3 is synchronous, so no
 * other call's statement falls inside) and the previous setting put back, so such reads may nest.
 */
export function readOnly<T>(db: Db, read: () => T): T {
  if (isGuarded(db)) return asQuery(read);
  const was = db.pragma('query_only', { simple: true }) as number;
  db.pragma('query_only = ON');
  try {
    return read();
  } finally {
    if (!was) db.pragma('query_only = OFF');
  }
}
