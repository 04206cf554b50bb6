import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../db/migrations';
import { AppError } from '../errors';

/** `ayil-backup-<site code>-<YYYYMMDD>-<HHMMSS>.db`: sorts by time and says which site it is from. */
const NAME = /^ayil-backup-([A-Za-z0-9][A-Za-z0-9-]*)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-\d+)?\.db$/;

export function backupFileName(siteCode: string, at: Date, attempt = 0): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  return `ayil-backup-${siteCode || 'site'}-${stamp}${attempt > 0 ? `-${attempt}` : ''}.db`;
}

export function isBackupFileName(name: string): boolean {
  return NAME.test(name);
}

/** When the backup was taken, from its name (local time of the kiosk, as people read it). */
export function takenAtOf(name: string): string | null {
  const m = NAME.exec(name);
  return m ? `${m[2]}-${m[3]}-${m[4]}T${m[5]}:${m[6]}:${m[7]}` : null;
}

export interface BackupInfo {
  schemaVersion: number;
  siteName: string | null;
}

/**
 * Opens a backup read-only and checks it is a whole, undamaged Ayil database this version can
 * open. `full` runs integrity_check (every page and index); otherwise quick_check.
 */
export function inspectBackup(file: string, options: { full: boolean }): BackupInfo {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const pragma = options.full ? 'integrity_check' : 'quick_check';
    const rows = db.pragma(pragma) as Array<Record<string, string>>;
    if (rows.length !== 1 || Object.values(rows[0] ?? {})[0] !== 'ok') throw new AppError('backup.damaged', { file });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new AppError('backup.too_new', { file, version });
    // Any SQLite file is not a backup: an Ayil database has at least its first tables.
    const tables = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name));
    if (version < 1 || !tables.has('settings') || !tables.has('learners')) throw new AppError('backup.damaged', { file });
    return { schemaVersion: version, siteName: siteNameIn(db) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'SQLITE_CANTOPEN' || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('backup.not_found', { file });
    }
    throw new AppError('backup.damaged', { file });
  } finally {
    db?.close();
  }
}

/**
 * The site a backup came from, for listing: no check of the file, because a check reads every
 * page and a list of backups on a stick is read again each time the screen asks. A file that
 * cannot be read answers null; restoring it runs the full check and says what is wrong.
 */
export function readBackupSiteName(file: string): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return siteNameIn(db);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

function siteNameIn(db: Database.Database): string | null {
  return db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'site.name'").get()?.value ?? null;
}
