import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { z } from 'zod';
import type { BackupSchema } from '../contract';
import type { Db } from '../db/open';
import type { Drive } from '../drives';
import { freeBytes } from '../drives';
import { AppError } from '../errors';
import { copyDurably } from '../files/copy-durably';
import { EXPORTS_FOLDER, resolveTargetDir, type Target } from '../files/target-dir';
import { syncFolder } from '../files/write-durably';
import { backupFileName, checkSnapshot, isBackupFileName, localStamp } from './backup-file';
import { openBackup, readBackupHeader, sealBackup, sha256Of, type BackupHeader } from './backup-format';
import { checkRestorable } from './schema-check';
import { SCHEMA_VERSION } from '../db/migrations';

export type Backup = z.infer<typeof BackupSchema>;

export interface BackupsOptions {
  db: Db;
  dataDir: string;
  /** Where a backup is decrypted and checked before the swap (beside the live database). */
  stagingFile: string;
  site: () => { name: string; code: string };
  drives: () => readonly Drive[];
  now: () => Date;
  /** Swaps the live database for the checked staging copy; answers where the old one was kept. */
  swapIn: (backupFile: string) => Promise<string>;
}

/** Temporary files of a backup being made, in the kiosk's own exports folder. */
const WORK_FILE = /^\.ayil-backup-.*\.(snapshot|snapshot-journal|sealed)$/;

/**
 * Backups of the kiosk's database onto a stick or into its own exports folder, encrypted and
 * authenticated with a passphrase the administrator chooses each time (backup-format.ts), and
 * restoring one.
 */
export class Backups {
  /** Headers already read, by file and passphrase: the list is asked for again after each change. */
  private readonly seen = new Map<string, { key: string; backup: Backup }>();
  /** Keys the remembered passphrases, so that none is kept in memory as typed. */
  private readonly seenKey = randomBytes(32);
  private restoring = false;

  constructor(private readonly o: BackupsOptions) {
    // A backup cut short by a power cut leaves its work files; the plain snapshot must not stay.
    const local = path.join(o.dataDir, EXPORTS_FOLDER);
    if (fs.existsSync(local)) for (const name of fs.readdirSync(local)) if (WORK_FILE.test(name)) fs.rmSync(path.join(local, name), { force: true });
  }

  /**
   * Copies the live database with SQLite's online backup API (the kiosk keeps running and
   * writing meanwhile; SQLite restarts or follows those writes so the copy is one consistent
   * moment) into a snapshot on the kiosk's own disk, turns it into a plain (non-WAL) file and
   * checks it with integrity_check there, then encrypts it with the passphrase into a second
   * local file and removes the plain snapshot. Only the encrypted file goes to the stick, under
   * a temporary name, read back and compared, and then renamed. A copy that fails is removed, so
   * a stick never holds a half backup that looks whole, and never a readable one.
   */
  async create(target: Target, passphrase: string): Promise<Backup> {
    const { dir, label } = resolveTargetDir(target, this.o.drives(), this.o.dataDir);
    const at = this.o.now();
    const site = this.o.site();
    const name = backupFileName(site.code, at);
    const localDir = path.join(this.o.dataDir, EXPORTS_FOLDER);
    fs.mkdirSync(localDir, { recursive: true });
    const snapshot = path.join(localDir, `.${name}.snapshot`);
    const sealed = path.join(localDir, `.${name}.sealed`);
    const partial = path.join(dir, `.${name}.partial`);
    const fail = (error: unknown) => writeFailure(error, target, label);
    try {
      await removeIfThere(snapshot);
      await removeIfThere(sealed);
      await this.o.db.backup(snapshot);
      settle(snapshot);
      const schemaVersion = checkSnapshot(snapshot);
      const header = await sealBackup(snapshot, sealed, passphrase, {
        takenAt: at.toISOString(),
        takenAtLocal: localStamp(at),
        siteName: site.name,
        siteCode: site.code,
        schemaVersion,
      });
      await removeIfThere(snapshot);
      if (target.kind === 'drive') {
        const bytes = fs.statSync(sealed).size;
        if ((await freeBytes(dir).catch(() => Infinity)) < bytes) throw new AppError('drive.no_space', { drive: label, needed: bytes });
        await removeIfThere(partial);
        await copyDurably(sealed, partial, { mapError: fail });
        // Read back what the stick holds: a stick that lies about its writes is caught here.
        if ((await sha256Of(partial)) !== (await sha256Of(sealed))) throw new AppError('backup.verify_failed');
      } else {
        await fs.promises.rename(sealed, partial);
      }
      const final = freeName(dir, site.code, at);
      await fs.promises.rename(partial, final);
      await syncFolder(dir);
      return { ...entry(final), ...fromHeader(header) };
    } catch (error) {
      await removeIfThere(partial).catch(() => {});
      throw error instanceof AppError ? error : fail(error);
    } finally {
      for (const file of [snapshot, `${snapshot}-journal`, sealed]) await removeIfThere(file).catch(() => {});
    }
  }

  /**
   * The backups in a target, newest first (by their names). Without a passphrase each is only
   * named and sized; with one, each one's header is decrypted and authenticated (the first
   * 64 KiB, never parsed as SQLite) and gives its date and site, or says why it cannot be used.
   */
  async list(target: Target, passphrase?: string): Promise<Backup[]> {
    const { dir } = resolveTargetDir(target, this.o.drives(), this.o.dataDir);
    const files = fs
      .readdirSync(dir)
      .filter(isBackupFileName)
      .sort((a, b) => stampOf(b).localeCompare(stampOf(a)) || b.localeCompare(a))
      .map((name) => path.join(dir, name));
    const backups: Backup[] = [];
    for (const file of files) backups.push(passphrase === undefined ? entry(file) : await this.check(file, passphrase));
    return backups;
  }

  private async check(file: string, passphrase: string): Promise<Backup> {
    const stat = fs.statSync(file);
    const key = `${stat.size}:${stat.mtimeMs}:${createHmac('sha256', this.seenKey).update(passphrase).digest('hex')}`;
    const known = this.seen.get(file);
    if (known?.key === key) return known.backup;
    let backup: Backup;
    try {
      const header = await readBackupHeader(file, passphrase);
      backup = { ...entry(file), ...fromHeader(header) };
      if (header.schemaVersion > SCHEMA_VERSION) backup.state = 'too_new';
    } catch (error) {
      const code = error instanceof AppError ? error.code : null;
      backup = { ...entry(file), state: code === 'backup.passphrase_wrong' ? 'passphrase_wrong' : 'damaged' };
    }
    this.seen.set(file, { key, backup });
    return backup;
  }

  /**
   * Replaces the database with a backup. Only a file on a stick the kiosk sees or in its exports
   * folder (a LAN client cannot name any file of the host); decrypted beside the database and
   * authenticated whole before SQLite reads a byte of it; then checked (checkRestorable) and only
   * then swapped in.
   */
  async restore(file: string, passphrase: string): Promise<string> {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new AppError('backup.not_found', { file });
    // Real paths, so a link inside an allowed folder cannot point outside it.
    const real = fs.realpathSync(file);
    const allowed = [...this.o.drives().map((d) => d.path), path.join(this.o.dataDir, EXPORTS_FOLDER)].filter((dir) => fs.existsSync(dir));
    if (!allowed.some((dir) => isInside(fs.realpathSync(dir), real))) throw new AppError('backup.not_found', { file });
    // One restore at a time: both would decrypt into the same staging file.
    if (this.restoring) throw new AppError('backup.restore_failed', { file });
    this.restoring = true;
    try {
      await removeIfThere(this.o.stagingFile);
      try {
        const header = await openBackup(real, passphrase, this.o.stagingFile);
        checkRestorable(this.o.stagingFile, header, real);
      } catch (error) {
        await removeIfThere(this.o.stagingFile).catch(() => {});
        throw error;
      }
      return await this.o.swapIn(real);
    } finally {
      this.restoring = false;
    }
  }
}

function entry(file: string): Backup {
  return { file, name: path.basename(file), bytes: fs.statSync(file).size, state: 'unchecked', takenAt: null, siteName: null };
}

function fromHeader(header: BackupHeader): Pick<Backup, 'state' | 'takenAt' | 'siteName'> {
  return { state: 'ok', takenAt: header.takenAtLocal, siteName: header.siteName };
}

/** `YYYYMMDD-HHMMSS` from a backup's name, for ordering only. */
function stampOf(name: string): string {
  return /-(\d{8}-\d{6})(?:-\d+)?\.ayilbackup$/.exec(name)?.[1] ?? '';
}

/** A backup copies the live file's header, which says WAL; a stand-alone file is better as a plain one. */
function settle(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

function freeName(dir: string, siteCode: string, at: Date): string {
  for (let attempt = 0; ; attempt++) {
    const candidate = path.join(dir, backupFileName(siteCode, at, attempt));
    if (!fs.existsSync(candidate)) return candidate;
  }
}

async function removeIfThere(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
}

function writeFailure(error: unknown, target: Target, label: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return target.kind === 'drive' ? new AppError('drive.no_space', { drive: label }) : new AppError('export.write_failed', {});
  return target.kind === 'drive' ? new AppError('drive.gone', { drive: label }) : new AppError('export.write_failed', {});
}

export function isInside(dir: string, file: string): boolean {
  const relative = path.relative(path.resolve(dir), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
