import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/db/open';
import { SCHEMA_VERSION } from '../../core/db/migrations';
import { AppError } from '../../core/errors';
import { tempDir } from '../support/temp-dir';

function expectAppError(fn: () => unknown, code: string, params: object) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).params).toMatchObject(params);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('opening the kiosk database', () => {
  it('sets WAL, synchronous=FULL and foreign keys on every open, and migrates to the current version', () => {
    const file = path.join(tempDir(), 'ayil.db');
    for (let open = 0; open < 2; open++) {
      const db = openDatabase(file);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      db.close();
    }
  });

  it('refuses a database written by a newer app, naming the file and leaving it unchanged', () => {
    const file = path.join(tempDir(), 'ayil.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = fs.readFileSync(file);
    expectAppError(() => openDatabase(file), 'db.too_new', { file, version: SCHEMA_VERSION + 1 });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('reports random bytes over the middle of the file as damage, naming the file', () => {
    const file = path.join(tempDir(), 'ayil.db');
    const db = openDatabase(file);
    const insert = db.prepare("INSERT INTO learners (display_name, avatar, language, created_at) VALUES (?, 'sun', 'ky', '2026-01-01')");
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`Learner ${i} ${'x'.repeat(40)}`);
    })();
    db.close();

    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(64 * 1024);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(16 * 1024, 0xa7), 0, 16 * 1024, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);
    const damaged = fs.readFileSync(file);

    expectAppError(() => openDatabase(file), 'db.damaged', { file });
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
  });

  it('reports a file that is not a database at all as damage', () => {
    const file = path.join(tempDir(), 'ayil.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x41));
    expectAppError(() => openDatabase(file), 'db.damaged', { file });
  });
});
