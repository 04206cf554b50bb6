import { SchemaTooNewError } from '../../base/migrations';
import { migrateSqlite, openSqlite, schemaVersion, useWal, type SqliteDb } from '../../base/sqlite';
import { AppError } from '../errors';
import { registerWeekFunction } from '../stats/sql';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { guardQueries } from './query-guard';

export type Db = SqliteDb;

/** SQLite result codes that mean the file itself is unusable, not that our query was wrong. */
const DAMAGED_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_VTAB']);

/**
 * Opens (creating if needed) the kiosk database, checks it, and brings its schema up to date.
 * A damaged file or one written by a newer app is refused with an AppError naming the file,
 * and the file is left exactly as it was. The connection is guarded: inside `asQuery` it cannot write.
 */
export function openDatabase(file: string, options: { upTo?: number } = {}): Db {
  let db: Db | undefined;
  try {
    db = openSqlite(file, { busyTimeoutMs: 5000 });
    registerWeekFunction(db);
    // Checks come before anything that writes (WAL switch, migrations): a refused file stays as it was.
    checkIntegrity(db, file);
    checkVersion(db, file);
    useWal(db);
    migrateSqlite(db, MIGRATIONS, options.upTo ?? SCHEMA_VERSION);
    // Queries of the API run where they cannot write (query-guard.ts, dispatch).
    return guardQueries(db);
  } catch (error) {
    db?.close();
    if (error instanceof AppError) throw error;
    if (error instanceof SchemaTooNewError) throw new AppError('db.too_new', { file, version: error.version });
    if (isDamage(error)) throw new AppError('db.damaged', { file });
    throw error;
  }
}

function checkIntegrity(db: Db, file: string): void {
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
  if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') throw new AppError('db.damaged', { file });
}

function checkVersion(db: Db, file: string): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) throw new AppError('db.too_new', { file, version: current });
}

function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DAMAGED_CODES.has(code);
}
