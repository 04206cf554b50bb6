import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readOnly } from '../../core/db/read-only';

describe('reading where writing is impossible', () => {
  it('refuses a write made while reading, keeps the data, and lets writing resume afterwards', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1)');
    expect(() => readOnly(db, () => db.prepare('INSERT INTO t VALUES (2)').run())).toThrow(/readonly/i);
    expect(readOnly(db, () => readOnly(db, () => db.prepare('SELECT count(*) FROM t').pluck().get()))).toBe(1);
    db.prepare('INSERT INTO t VALUES (3)').run();
    expect(db.prepare('SELECT group_concat(n) FROM t').pluck().get()).toBe('1,3');
  });
});
