import Database from 'better-sqlite3';
import { pendingMigrations } from './migrations';

export type SqliteDb = Database.Database;

/**
 * Opens (creating if needed) a SQLite database the way every one of ours is used: written durably,
 * with its foreign keys enforced, waiting for another process's write rather than failing at once.
 * Nothing is written yet: `useWal` and `migrateSqlite` come after any checks the caller makes.
 */
export function openSqlite(file: string, options: { busyTimeoutMs: number }): SqliteDb {
  const db = new Database(file);
  try {
    // better-sqlite3's SQLite defaults WAL to NORMAL, which can lose the last commits on power loss;
    // the setting is per connection, so it is set on every open.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Readers go on while one process writes (the CLI beside the service, a backup beside the kiosk). */
export function useWal(db: SqliteDb): void {
  db.pragma('journal_mode = WAL');
}

/** The schema version a database is at (`PRAGMA user_version`). */
export function schemaVersion(db: SqliteDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs the numbered migrations a database has not had (base/migrations.ts), up to `target`, in one
 * immediate transaction: all of them or none. Throws SchemaTooNewError for a newer database.
 */
export function migrateSqlite(db: SqliteDb, migrations: ReadonlyArray<(db: SqliteDb) => void>, target: number = migrations.length): void {
  // Checked first without a lock: a database already up to date is not written to at all.
  if (pendingMigrations(migrations, schemaVersion(db), target).length === 0) return;
  db.transaction(() => {
    const pending = pendingMigrations(migrations, schemaVersion(db), target);
    if (pending.length === 0) return;
    for (const migration of pending) migration(db);
    db.pragma(`user_version = ${target}`);
  }).immediate();
}
