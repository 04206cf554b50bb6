import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openBackup, sealBackup } from '../../core/backup/backup-format';
import { TEST_PASSPHRASE } from './set-up';
import { tempDir } from './temp-dir';

export { TEST_PASSPHRASE } from './set-up';

/**
 * Encrypts any SQLite file as a backup, as the kiosk does, with the given passphrase: how a test
 * makes a backup whose database is crafted (an extra trigger, an old schema…). A lower scrypt work
 * factor (2^12) keeps the many crafted files cheap; the file is read exactly like a kiosk's.
 */
export async function sealDatabase(databaseFile: string, outFile: string, passphrase: string = TEST_PASSPHRASE, about: { siteName?: string; siteCode?: string } = {}) {
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
  }, 12);
}

/** Decrypts a backup into a temporary plain database file (for looking inside it) and answers its path. */
export async function decryptedCopy(backupFile: string, passphrase: string = TEST_PASSPHRASE): Promise<string> {
  const out = path.join(tempDir('ayil-opened-'), 'backup.db');
  await openBackup(backupFile, passphrase, out);
  return out;
}

/**
 * Every row of every table of a database, read through a read-only connection (the kiosk may
 * hold it open): two equal answers mean nothing in it changed.
 */
export function everyRow(databaseFile: string): string {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all().map((row) => JSON.stringify(row)).sort()]));
  } finally {
    db.close();
  }
}

/** Flips one byte of a file in place. */
export function flipByte(file: string, at: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const byte = Buffer.alloc(1);
    fs.readSync(fd, byte, 0, 1, at);
    byte[0] = byte[0]! ^ 0x01;
    fs.writeSync(fd, byte, 0, 1, at);
  } finally {
    fs.closeSync(fd);
  }
}
