import { createHash } from 'node:crypto';
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
import { backupFileName, inspectBackup, isBackupFileName, readBackupSiteName, takenAtOf } from './backup-file';

export type Backup = z.infer<typeof BackupSchema>;

export interface BackupsOptions {
  db: Db;
  dataDir: string;
  siteCode: () => string;
  drives: () => readonly Drive[];
  now: () => Date;
  /** Swaps the live database for a checked backup; answers where the old one was kept. */
  swapIn: (file: string) => Promise<string>;
}

/** Backups of the kiosk's database onto a stick or into its own exports folder, and restoring one. */
export class Backups {
  constructor(private readonly o: BackupsOptions) {}

  /**
   * Copies the live database with SQLite's online backup API (the kiosk keeps running and
   * writing meanwhile; SQLite restarts or follows those writes so the copy is one consistent
   * moment) into a snapshot on the kiosk's own disk, turns it into a plain (non-WAL) file and
   * checks it with integrity_check there: SQLite cannot open a WAL file on a FAT stick through
   * FUSE (no shared memory), and a stick is slow at SQLite's small writes. Only the checked file
   * is copied to the stick, under a temporary name, read back and compared, and then renamed. A
   * copy that fails is removed, so a stick never holds a half backup that looks whole.
   */
  async create(target: Target): Promise<Backup> {
    const { dir, label } = resolveTargetDir(target, this.o.drives(), this.o.dataDir);
    const at = this.o.now();
    const name = backupFileName(this.o.siteCode(), at);
    const localDir = path.join(this.o.dataDir, EXPORTS_FOLDER);
    fs.mkdirSync(localDir, { recursive: true });
    const snapshot = path.join(localDir, `.${name}.snapshot`);
    const partial = path.join(dir, `.${name}.partial`);
    const fail = (error: unknown) => writeFailure(error, target, label);
    try {
      await removeIfThere(snapshot);
      await this.o.db.backup(snapshot);
      settle(snapshot);
      try {
        inspectBackup(snapshot, { full: true });
      } catch (error) {
        throw error instanceof AppError && error.code === 'backup.damaged' ? new AppError('backup.verify_failed') : error;
      }
      await fsyncFile(snapshot);
      if (target.kind === 'drive') {
        const bytes = fs.statSync(snapshot).size;
        if ((await freeBytes(dir).catch(() => Infinity)) < bytes) throw new AppError('drive.no_space', { drive: label, needed: bytes });
        await removeIfThere(partial);
        await copyDurably(snapshot, partial, { mapError: fail });
        // Read back what the stick holds: a stick that lies about its writes is caught here.
        if ((await sha256(partial)) !== (await sha256(snapshot))) throw new AppError('backup.verify_failed');
      } else {
        await fs.promises.rename(snapshot, partial);
      }
      const final = freeName(dir, this.o.siteCode(), at);
      await fs.promises.rename(partial, final);
      await fsyncDir(dir);
      return describe(final);
    } catch (error) {
      await removeIfThere(partial).catch(() => {});
      throw error instanceof AppError ? error : fail(error);
    } finally {
      await removeIfThere(snapshot).catch(() => {});
      await removeIfThere(`${snapshot}-journal`).catch(() => {});
    }
  }

  /** The backups in a target, newest first; an unreadable one is still listed, without its site's name. */
  list(target: Target): Backup[] {
    const { dir } = resolveTargetDir(target, this.o.drives(), this.o.dataDir);
    const names = fs.readdirSync(dir).filter(isBackupFileName);
    return names
      .map((name) => describe(path.join(dir, name)))
      .sort((a, b) => (b.takenAt ?? '').localeCompare(a.takenAt ?? '') || b.name.localeCompare(a.name));
  }

  /**
   * Replaces the database with a backup. Only a file on a stick the kiosk sees or in its exports
   * folder (a LAN client cannot name any file of the host), and only after a full check.
   */
  async restore(file: string): Promise<string> {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new AppError('backup.not_found', { file });
    // Real paths, so a link inside an allowed folder cannot point outside it.
    const real = fs.realpathSync(file);
    const allowed = [...this.o.drives().map((d) => d.path), path.join(this.o.dataDir, EXPORTS_FOLDER)].filter((dir) => fs.existsSync(dir));
    if (!allowed.some((dir) => isInside(fs.realpathSync(dir), real))) throw new AppError('backup.not_found', { file });
    inspectBackup(real, { full: true });
    return this.o.swapIn(real);
  }
}

function describe(file: string): Backup {
  const name = path.basename(file);
  return { file, name, bytes: fs.statSync(file).size, takenAt: takenAtOf(name), siteName: readBackupSiteName(file) };
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

async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename durable; some file systems (FAT through FUSE, Windows) cannot sync a folder, which is fine. */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.promises.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}

function writeFailure(error: unknown, target: Target, label: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return target.kind === 'drive' ? new AppError('drive.no_space', { drive: label }) : new AppError('export.write_failed', {});
  return target.kind === 'drive' ? new AppError('drive.gone', { drive: label }) : new AppError('export.write_failed', {});
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function isInside(dir: string, file: string): boolean {
  const relative = path.relative(path.resolve(dir), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
