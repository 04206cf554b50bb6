import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type ErrorCode } from '../../core/contract';
import { catalogues } from '../../renderer/src/i18n/catalogues';
import { TEST_PASSPHRASE, decryptedCopy, everyRow, flipByte, sealDatabase } from '../support/backups';
import { TEST_ADMIN, TEST_SITE, call, startTestCore } from '../support/test-core';

/*
 * restore used to trust any file that passed integrity_check and had the right tables: a crafted
 * "backup" could plant an administrator, trusted keys or triggers. Now a backup must authenticate
 * with the passphrase it was made with, every byte of it, and its database must have exactly the
 * schema Ayil's own migrations make. Each refusal below leaves the kiosk's database as it was.
 */

type TestCore = Awaited<ReturnType<typeof startTestCore>>;
const FOLDER = { kind: 'folder' } as const;
const MAKE = { password: TEST_ADMIN.password, passphrase: TEST_PASSPHRASE } as const;

async function kioskWithBackup() {
  const core = await startTestCore();
  const token = (await call(core, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token as string;
  await call(core, 'learners.create', { displayName: 'Before backup', avatar: 'sun', language: 'ky', secret: { kind: 'pin', pin: '1234' } });
  const backup = await call(core, 'backup.create', { ...MAKE, target: FOLDER }, token);
  await call(core, 'learners.create', { displayName: 'After backup', avatar: 'moon', language: 'ru' });
  return { core, token, backup: backup as { file: string } };
}

/** Refused with this code, the database row for row as it was, the session alive and no file of a restore left. */
async function expectRefused(core: TestCore, token: string, file: string, code: ErrorCode, passphrase = TEST_PASSPHRASE) {
  const before = everyRow(core.databaseFile);
  const answer = await core.dispatch('backup.restore', { password: TEST_ADMIN.password, passphrase, file }, token);
  expect(answer, path.basename(file)).toMatchObject({ ok: false, error: { code } });
  expect(everyRow(core.databaseFile)).toBe(before);
  expect(await core.dispatch('staff.me', {}, token)).toMatchObject({ ok: true });
  expect(fs.readdirSync(core.dataDir).filter((name) => name.includes('before-restore') || name.includes('.restor'))).toEqual([]);
  expectTranslated(code);
}

/** The reason a person reads: written in each language (not the English left in place). */
function expectTranslated(code: ErrorCode) {
  const [group, key] = code.split('.') as [string, string];
  const text = (language: string) => (catalogues as unknown as Record<string, { errors: Record<string, Record<string, string>> }>)[language]!.errors[group]?.[key];
  for (const language of LANGUAGES) expect(text(language), `${code} in ${language}`).toMatch(/\S/);
  expect(text('ky')).not.toBe(text('en'));
  expect(text('ru')).not.toBe(text('en'));
}

describe('restore refuses', () => {
  it('a backup with one byte changed (first chunk, a later one, the last byte) as damaged or changed', async () => {
    const { core, token, backup } = await kioskWithBackup();
    const size = fs.statSync(backup.file).size;
    expect(size).toBeGreaterThan(64 * 1024 + 2_000); // more than one age chunk (64 KiB each)
    const places = { 'first chunk': 400, 'second chunk': 64 * 1024 + 1_000, 'last byte': size - 1 };
    for (const [i, at] of Object.values(places).entries()) {
      const changed = path.join(core.dataDir, 'exports', `ayil-backup-TEST-01-20260101-00000${i}.ayilbackup`);
      fs.copyFileSync(backup.file, changed);
      flipByte(changed, at);
      await expectRefused(core, token, changed, 'backup.damaged');
    }
    // The unchanged original still restores: the refusals were about the changed bytes.
    expect(await core.dispatch('backup.restore', { ...MAKE, file: backup.file }, token)).toMatchObject({ ok: true });
  }, 120_000);

  it('a backup from another kiosk made with another passphrase, and lists it as not opening with this one', async () => {
    const { core, token } = await kioskWithBackup();
    const other = await startTestCore();
    await call(other, 'learners.create', { displayName: 'Other kiosk learner', avatar: 'star', language: 'en' });
    const otherToken = (await call(other, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;
    const theirs = await call(other, 'backup.create', { password: TEST_ADMIN.password, passphrase: 'another library passphrase', target: FOLDER }, otherToken);
    const copied = path.join(core.dataDir, 'exports', path.basename(theirs.file).replace('-TEST-01-', '-OTHER-'));
    fs.copyFileSync(theirs.file, copied);

    const listed = await call<any[]>(core, 'backup.list', { target: FOLDER, passphrase: TEST_PASSPHRASE }, token);
    expect(listed.find((b) => b.file === copied)).toMatchObject({ state: 'passphrase_wrong', takenAt: null, siteName: null });
    await expectRefused(core, token, copied, 'backup.passphrase_wrong');

    // With its own passphrase it is a good backup, and restores.
    expect(await core.dispatch('backup.restore', { password: TEST_ADMIN.password, passphrase: 'another library passphrase', file: copied }, token)).toMatchObject({ ok: true });
    expect((await call<any[]>(core, 'learners.list', {})).map((l) => l.displayName)).toEqual(['Other kiosk learner']);
  }, 120_000);

  it('a properly encrypted backup whose database has a planted trigger, view or table, or an Ayil trigger rewritten', async () => {
    const { core, token, backup } = await kioskWithBackup();
    const crafts: Record<string, string> = {
      // Would make an administrator the next time anyone creates a profile.
      'admin trigger': `CREATE TRIGGER plant_admin AFTER INSERT ON learners BEGIN
          INSERT INTO staff (name, name_key, role, password_hash, created_at) VALUES ('Intruder', 'intruder', 'admin', 'x', 'now');
        END`,
      'recursive view': 'CREATE VIEW endless AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT i FROM r',
      'extra table': 'CREATE TABLE planted_keys (key_id TEXT, public_key TEXT)',
      'rewritten trigger': `DROP TRIGGER stats_weekly_to_outbox_insert;
        CREATE TRIGGER stats_weekly_to_outbox_insert AFTER INSERT ON stats_weekly BEGIN
          UPDATE staff SET role = 'admin';
        END`,
    };
    for (const [i, sql] of Object.values(crafts).entries()) {
      const inside = await decryptedCopy(backup.file);
      const db = new Database(inside);
      db.exec(sql);
      db.close();
      const crafted = path.join(core.dataDir, 'exports', `ayil-backup-TEST-01-20260102-00000${i}.ayilbackup`);
      await sealDatabase(inside, crafted, TEST_PASSPHRASE, { siteName: TEST_SITE.siteName, siteCode: TEST_SITE.siteCode });
      await expectRefused(core, token, crafted, 'backup.unexpected_content');
    }
    expect((await call<any[]>(core, 'staff.list', {}, token)).map((s) => s.name)).toEqual([TEST_ADMIN.name]);
  }, 180_000);
});
