import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import { syncFolder, writeFileDurably } from '../files/write-durably';

/*
 * A restore swaps files: the live database (and any -wal/-shm beside it) is renamed aside, the
 * decrypted backup is renamed in and opened. A power cut between two renames could leave no
 * `ayil.db` at all, and the kiosk would then start empty with its set-up wizard open to anyone.
 * So before the first rename a small journal is written durably, saying where the old files go
 * and how far the swap got; it is removed only once the restored database has opened. A journal
 * found at start-up means the restore never finished: the old database is put back.
 */

export const SIDE_FILES = ['', '-wal', '-shm'] as const;

const JournalSchema = z.strictObject({
  /** The name (in the data folder) the live database is moved to. */
  aside: z.string().regex(/^[^/\\]+$/),
  /**
   * `moving-aside`: the live files are being renamed aside; any still at the live name are the old ones.
   * `swapping`: all of them are aside; whatever is at the live name belongs to the restored database.
   */
  phase: z.enum(['moving-aside', 'swapping']),
});
export type RestoreJournal = z.infer<typeof JournalSchema>;

export const journalFileOf = (databaseFile: string) => `${databaseFile}.restore-journal`;
/** Where a backup is decrypted and checked before the swap: beside the database, on the same disk. */
export const stagingFileOf = (databaseFile: string) => `${databaseFile}.restoring`;

export async function writeJournal(databaseFile: string, journal: RestoreJournal): Promise<void> {
  await writeFileDurably(journalFileOf(databaseFile), JSON.stringify(journal), (error) => error as Error);
}

/** The restore's commit: from here on the restored database is the kiosk's. */
export async function removeJournal(databaseFile: string): Promise<void> {
  await fs.promises.rm(journalFileOf(databaseFile), { force: true });
  await syncFolder(path.dirname(databaseFile));
}

/**
 * Undoes a restore that did not finish (at start-up after a power cut, or when the restored
 * database would not open): removes what the swap brought in, puts the old files back under their
 * names, removes the staging copy and then the journal. Answers whether there was anything to undo.
 * A journal that cannot be read stops the start (the files are left for a person to look at):
 * guessing could start the kiosk on an empty database.
 */
export async function rollBackRestore(databaseFile: string): Promise<boolean> {
  const dir = path.dirname(databaseFile);
  const journalFile = journalFileOf(databaseFile);
  await fs.promises.rm(`${journalFile}.part`, { force: true });
  if (!fs.existsSync(journalFile)) {
    // A backup being decrypted or checked when the power went: the live database was never touched.
    await fs.promises.rm(stagingFileOf(databaseFile), { force: true });
    return false;
  }
  let journal: RestoreJournal;
  try {
    journal = JournalSchema.parse(JSON.parse(fs.readFileSync(journalFile, 'utf8')));
  } catch {
    throw new AppError('db.damaged', { file: journalFile });
  }
  const aside = path.join(dir, journal.aside);
  for (const suffix of SIDE_FILES) {
    if (journal.phase === 'swapping') await fs.promises.rm(databaseFile + suffix, { force: true });
    if (fs.existsSync(aside + suffix)) await fs.promises.rename(aside + suffix, databaseFile + suffix);
  }
  await fs.promises.rm(stagingFileOf(databaseFile), { force: true });
  await syncFolder(dir);
  await removeJournal(databaseFile);
  return true;
}
