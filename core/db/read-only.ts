import type { Db } from './open';

/**
 * Runs `read` where writing is impossible (`PRAGMA query_only`): a screen that looks (the sync
 * status, the statistics preview) cannot change the database, by mistake or otherwise. Calls run
 * one at a time on the connection (better-sqlite3 is synchronous), so no write of another call can
 * fall inside; the previous setting is put back, so such reads may nest.
 */
export function readOnly<T>(db: Db, read: () => T): T {
  const was = db.pragma('query_only', { simple: true }) as number;
  db.pragma('query_only = ON');
  try {
    return read();
  } finally {
    if (!was) db.pragma('query_only = OFF');
  }
}
