import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/db/open';
import { TEST_PASSPHRASE, everyRow, sealDatabase } from '../support/backups';
import { TEST_ADMIN, call, startTestCore } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

/*
 * Listing backups used to open every file on the stick with SQLite and read its site's name: a
 * file whose `settings` is a recursive view hung the kiosk. A list now reads only the age header
 * and the first authenticated chunk; SQLite never sees a byte that did not authenticate.
 */

/** A `settings` that never ends: `SELECT value FROM settings WHERE key = 'site.name'` runs forever. */
const ENDLESS_SETTINGS = `
  DROP TABLE settings;
  CREATE VIEW settings AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT 'x' || i AS key, i AS value FROM r;`;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

describe('listing backups on a stick', { timeout: 120_000 }, () => {
  it('runs no SQL from the files: a plain database with an endless view is listed at once, and refused as damaged', async () => {
    const root = tempDir('ayil-media-');
    const stick = path.join(root, 'STICK');
    fs.mkdirSync(stick);
    const hostile = path.join(stick, 'ayil-backup-EVIL-20260101-000000.ayilbackup');
    const db = openDatabase(hostile);
    db.exec(ENDLESS_SETTINGS);
    db.pragma('journal_mode = DELETE');
    db.close();

    const core = await startTestCore({ driveRoots: [root], drivePollMs: 50 });
    const token = (await call(core, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;
    let drives: Array<{ id: string }> = [];
    while (drives.length === 0) drives = await call(core, 'drives.list', {}, token);
    const target = { kind: 'drive', driveId: drives[0]!.id };

    const named = await timed(() => call<any[]>(core, 'backup.list', { target }, token));
    expect(named.value).toEqual([expect.objectContaining({ file: hostile, state: 'unchecked', siteName: null })]);
    const checked = await timed(() => call<any[]>(core, 'backup.list', { target, passphrase: TEST_PASSPHRASE }, token));
    expect(checked.value).toEqual([expect.objectContaining({ file: hostile, state: 'damaged', siteName: null, takenAt: null })]);
    expect(named.ms + checked.ms).toBeLessThan(5_000);

    const before = everyRow(core.databaseFile);
    const restore = await timed(() => core.dispatch('backup.restore', { password: TEST_ADMIN.password, passphrase: TEST_PASSPHRASE, file: hostile }, token));
    expect(restore.value).toMatchObject({ ok: false, error: { code: 'backup.damaged' } });
    expect(restore.ms).toBeLessThan(5_000);
    expect(everyRow(core.databaseFile)).toBe(before);
  });

  it('shows an encrypted backup’s date and library from its authenticated header alone, and refuses its endless view at restore without running it', async () => {
    const core = await startTestCore();
    const token = (await call(core, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;
    const inside = path.join(tempDir(), 'endless.db');
    const db = openDatabase(inside);
    db.exec(ENDLESS_SETTINGS);
    db.close();
    const crafted = path.join(core.dataDir, 'exports', 'ayil-backup-EVIL-20260301-093000.ayilbackup');
    await sealDatabase(inside, crafted, TEST_PASSPHRASE, { siteName: 'Айыл китепканасы', siteCode: 'EVIL' });

    const listed = await call<any[]>(core, 'backup.list', { target: { kind: 'folder' }, passphrase: TEST_PASSPHRASE }, token);
    expect(listed).toEqual([expect.objectContaining({ file: crafted, state: 'ok', siteName: 'Айыл китепканасы', takenAt: '2026-03-01T09:30:00' })]);

    const before = everyRow(core.databaseFile);
    const restore = await timed(() => core.dispatch('backup.restore', { password: TEST_ADMIN.password, passphrase: TEST_PASSPHRASE, file: crafted }, token));
    expect(restore.value).toMatchObject({ ok: false, error: { code: 'backup.unexpected_content' } });
    // One scrypt and a small decryption; a view that ran would never end.
    expect(restore.ms).toBeLessThan(60_000);
    expect(everyRow(core.databaseFile)).toBe(before);
    // The view is still in the file for anyone to see: it was refused, not run.
    const check = new Database(inside, { readonly: true });
    expect(check.prepare("SELECT type FROM sqlite_master WHERE name = 'settings'").get()).toEqual({ type: 'view' });
    check.close();
  });
});
