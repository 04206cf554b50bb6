import Database from 'better-sqlite3';
import { AppError } from '../errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { guardQueries } from './query-guard';

export type Db = Database.Database;

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
    db = new Database(file);
    applyPragmas(db);
    // Checks come before anything that writes (WAL switch, migrations): a refused file stays as it was.
    checkIntegrity(db, file);
    checkVersion(db, file);
    db.pragma('journal_mode = WAL');
    migrate(db, options.upTo ?? SCHEMA_VERSION);
    // Queries of the API run where they cannot write (query-guard.ts, dispatch).
    return guardQueries(db);
  } catch (error) {
    db?.close();
    if (error instanceof AppError) throw error;
    if (isDamage(error)) throw new AppError('db.damaged', { file });
    throw error;
  }
}

function applyPragmas(db: Db): void {
  // better-sqlite3's SQLite defaults WAL to NORMAL, which can lose the last commits on power loss;
  // the setting is per connection, so it is set on every open.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function checkIntegrity(db: Db, file: string): void {
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
  if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') throw new AppError('db.damaged', { file });
}

function checkVersion(db: Db, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) throw new AppError('db.too_new', { file, version: current });
}

function migrate(db: Db, target: number): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current >= target) return;
  db.transaction(() => {
    for (let version = current + 1; version <= target; version++) {
      MIGRATIONS[version - 1]!(db);
    }
    db.pragma(`user_version = ${target}`);
  }).immediate();
}

function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DAMAGED_CODES.has(code);
}
