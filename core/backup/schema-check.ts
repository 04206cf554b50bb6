import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../db/migrations';
import { openDatabase } from '../db/open';
import { AppError } from '../errors';
import type { BackupHeader } from './backup-format';

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** What a database of each schema version looks like: made once per version, by the app's own migrations. */
const expected = new Map<number, string[]>();

function expectedSchema(version: number): string[] {
  let rows = expected.get(version);
  if (!rows) {
    const fresh = openDatabase(':memory:', { upTo: version });
    try {
      rows = schemaOf(fresh);
    } finally {
      fresh.close();
    }
    expected.set(version, rows);
  }
  return rows;
}

function schemaOf(db: Database.Database): string[] {
  return db
    .prepare<[], SchemaRow>('SELECT type, name, tbl_name, sql FROM sqlite_master')
    .all()
    .map((row) => JSON.stringify([row.type, row.name, row.tbl_name, row.sql]))
    .sort();
}

/**
 * Checks a decrypted backup before it may replace the live database: written by this version
 * of Ayil or an older one; exactly the tables, indexes, views and triggers the app's migrations
 * make at its schema version (a planted trigger or view would run inside the kiosk); undamaged;
 * and a set-up kiosk with an administrator (never a database that opens the set-up wizard to
 * whoever comes first). The file is only read.
 */
export function checkRestorable(file: string, header: BackupHeader, backupFile: string): void {
  if (header.schemaVersion > SCHEMA_VERSION) throw new AppError('backup.too_new', { file: backupFile, version: header.schemaVersion });
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    // Nothing from the file's schema may run as a side effect of what follows.
    db.pragma('trusted_schema = OFF');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== header.schemaVersion) throw new AppError('backup.unexpected_content', { file: backupFile });
    const found = schemaOf(db);
    const wanted = expectedSchema(version);
    if (found.length !== wanted.length || found.some((row, i) => row !== wanted[i])) throw new AppError('backup.unexpected_content', { file: backupFile });
    const rows = db.pragma('integrity_check') as Array<Record<string, string>>;
    if (rows.length !== 1 || Object.values(rows[0] ?? {})[0] !== 'ok') throw new AppError('backup.damaged', { file: backupFile });
    const setUp = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'kiosk.set_up'").get()?.value === '1';
    const admins = version >= 3 ? (db.prepare<[], { n: number }>("SELECT count(*) AS n FROM staff WHERE role = 'admin'").get()?.n ?? 0) : 0;
    if (!setUp || admins === 0) throw new AppError('backup.unexpected_content', { file: backupFile });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('backup.damaged', { file: backupFile });
  } finally {
    db?.close();
  }
}
