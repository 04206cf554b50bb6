import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { copyDurably } from '../files/copy-durably';
import { fsyncDir } from './backups';

export interface SwapOptions {
  databaseFile: string;
  backupFile: string;
  now: Date;
  /** Stops everything using the live database and closes it (a clean close checkpoints the WAL into the file). */
  closeLive: () => Promise<void>;
  /** Opens the file now at `databaseFile` (migrating an older backup) and starts the kiosk on it; throws if it cannot. */
  openRestored: () => Promise<void>;
  /** Starts the kiosk again on the database that was put back. */
  reopenOld: () => Promise<void>;
}

const SIDE_FILES = ['-wal', '-shm'];

/**
 * Puts a backup in place of the live database. The backup is first copied next to the database
 * (so a stick pulled out mid-copy changes nothing); the live file, with any WAL files, is then
 * renamed aside and kept; the copy takes its name and is opened. If that fails, the old file goes
 * back and is opened again. Answers the path the old database was kept at.
 */
export async function swapInBackup(o: SwapOptions): Promise<string> {
  const dir = path.dirname(o.databaseFile);
  const staging = `${o.databaseFile}.restoring`;
  await fs.promises.rm(staging, { force: true });
  try {
    await copyDurably(o.backupFile, staging, { mapError: (error) => error as Error });
  } catch {
    await fs.promises.rm(staging, { force: true });
    throw new AppError('backup.restore_failed', { file: o.backupFile });
  }

  await o.closeLive();
  const aside = `${o.databaseFile}.before-restore-${stamp(o.now)}`;
  const moved: Array<[string, string]> = [];
  try {
    for (const suffix of ['', ...SIDE_FILES]) {
      if (!fs.existsSync(o.databaseFile + suffix)) continue;
      fs.renameSync(o.databaseFile + suffix, aside + suffix);
      moved.push([o.databaseFile + suffix, aside + suffix]);
    }
    fs.renameSync(staging, o.databaseFile);
    await fsyncDir(dir);
    await o.openRestored();
    return aside;
  } catch {
    // Whatever went wrong, the kiosk goes back to the database it had, untouched.
    for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(o.databaseFile + suffix, { force: true });
    fs.rmSync(staging, { force: true });
    for (const [from, to] of moved.reverse()) fs.renameSync(to, from);
    await fsyncDir(dir);
    await o.reopenOld();
    throw new AppError('backup.restore_failed', { file: o.backupFile });
  }
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
