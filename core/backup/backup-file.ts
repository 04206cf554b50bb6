import Database from 'better-sqlite3';
import { AppError } from '../errors';

/**
 * `ayil-backup-<site code>-<YYYYMMDD>-<HHMMSS>.ayilbackup`: sorts by time and says which site it
 * is from, for people looking at a stick. The name is not trusted for anything: what the console
 * shows comes from the authenticated header inside (backup-format.ts).
 */
const NAME = /^ayil-backup-([A-Za-z0-9][A-Za-z0-9-]*)-(\d{8})-(\d{6})(?:-\d+)?\.ayilbackup$/;

export function backupFileName(siteCode: string, at: Date, attempt = 0): string {
  return `ayil-backup-${siteCode || 'site'}-${localStamp(at).replace(/[-:]/g, '').replace('T', '-')}${attempt > 0 ? `-${attempt}` : ''}.ayilbackup`;
}

export function isBackupFileName(name: string): boolean {
  return NAME.test(name);
}

/** The kiosk's local time, as people read it: `YYYY-MM-DDTHH:MM:SS`. */
export function localStamp(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}T${p(at.getHours())}:${p(at.getMinutes())}:${p(at.getSeconds())}`;
}

/**
 * Checks the kiosk's own fresh snapshot before it is encrypted: a whole, undamaged database.
 * Answers its schema version.
 */
export function checkSnapshot(file: string): number {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as Array<Record<string, string>>;
    if (rows.length !== 1 || Object.values(rows[0] ?? {})[0] !== 'ok') throw new AppError('backup.verify_failed');
    return db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw error instanceof AppError ? error : new AppError('backup.verify_failed');
  } finally {
    db?.close();
  }
}
