import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openBackup, sealBackup } from '../../core/backup/backup-format';
import { tempDir } from './temp-dir';

/** The passphrase the tests make backups with. */
export const TEST_PASSPHRASE = 'river stone 2026 tulip';

/**
 * Encrypts any SQLite file as a backup, exactly as the kiosk does, with the given passphrase: how
 * a test makes a backup whose database is crafted (an extra trigger, an old schema…).
 */
export async function sealDatabase(databaseFile: string, outFile: string, passphrase = TEST_PASSPHRASE, about: { siteName?: string; siteCode?: string } = {}) {
  const plain = new Database(databaseFile);
  plain.pragma('journal_mode = DELETE');
  const schemaVersion = plain.pragma('user_version', { simple: true }) as number;
  plain.close();
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const at = new Date('2026-03-01T09:30:00Z');
  return sealBackup(databaseFile, outFile, passphrase, {
    takenAt: at.toISOString(),
    takenAtLocal: '2026-03-01T09:30:00',
    siteName: about.siteName ?? 'Crafted',
    siteCode: about.siteCode ?? 'CRAFT',
    schemaVersion,
  });
}

/** Decrypts a backup into a temporary plain database file (for looking inside it) and answers its path. */
export async function decryptedCopy(backupFile: string, passphrase = TEST_PASSPHRASE): Promise<string> {
  const out = path.join(tempDir('ayil-opened-'), 'backup.db');
  await openBackup(backupFile, passphrase, out);
  return out;
}
