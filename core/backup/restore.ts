import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { syncFolder } from '../files/write-durably';
import { removeJournal, rollBackRestore, SIDE_FILES, stagingFileOf, writeJournal } from './restore-journal';

/**
 * The points a restore passes, in order; `CoreOptions.onRestoreStep` hears each one (the
 * power-cut tests kill the host at every point and start it again).
 */
export const RESTORE_STEPS = ['staged', 'journal-written', 'moved-aside', 'swapped-in', 'opened', 'committed'] as const;
export type RestoreStep = (typeof RESTORE_STEPS)[number];

export interface SwapOptions {
  databaseFile: string;
  /** The backup the staging file was decrypted from, for error messages. */
  backupFile: string;
  now: Date;
  /** Stops everything using the live database and closes it (a clean close checkpoints the WAL into the file). */
  closeLive: () => Promise<void>;
  /** Opens the file now at `databaseFile` (migrating an older backup) and starts the kiosk on it; throws if it cannot. */
  openRestored: () => Promise<void>;
  /** Starts the kiosk again on the database that was put back (if it was: no journal is left). */
  reopenOld: () => Promise<void>;
  onStep: (step: RestoreStep) => void | Promise<void>;
}

/**
 * Puts the decrypted and checked backup (at the staging name beside the database) in place of the
 * live database, under a journal (restore-journal.ts) so that a power cut at any point leaves
 * either the old database or the restored one, never none. The live file, with any WAL files, is
 * kept aside; if the restored one does not open, the old one goes back and is opened again.
 * Answers the path the old database was kept at.
 */
export async function swapInBackup(o: SwapOptions): Promise<string> {
  const dir = path.dirname(o.databaseFile);
  const staging = stagingFileOf(o.databaseFile);
  const aside = `${o.databaseFile}.before-restore-${stamp(o.now)}`;
  await o.onStep('staged');
  await o.closeLive();
  try {
    await writeJournal(o.databaseFile, { aside: path.basename(aside), phase: 'moving-aside' });
    await o.onStep('journal-written');
    for (const suffix of SIDE_FILES) {
      if (fs.existsSync(o.databaseFile + suffix)) await fs.promises.rename(o.databaseFile + suffix, aside + suffix);
    }
    await syncFolder(dir);
    await o.onStep('moved-aside');
    await writeJournal(o.databaseFile, { aside: path.basename(aside), phase: 'swapping' });
    await fs.promises.rename(staging, o.databaseFile);
    await syncFolder(dir);
    await o.onStep('swapped-in');
    await o.openRestored();
  } catch {
    // Whatever went wrong, the kiosk goes back to the database it had, untouched. Should even
    // that fail, the journal stays and the next start tries again (reopenOld opens nothing then).
    await rollBackRestore(o.databaseFile).catch(() => {});
    await o.reopenOld();
    throw new AppError('backup.restore_failed', { file: o.backupFile });
  }
  await o.onStep('opened');
  await removeJournal(o.databaseFile);
  await o.onStep('committed');
  return aside;
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
