import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESTORE_STEPS, type RestoreStep } from '../../core/backup/restore';
import { journalFileOf, stagingFileOf } from '../../core/backup/restore-journal';
import { TEST_PASSPHRASE } from '../support/backups';
import { REPO_ROOT } from '../support/paths';
import { TEST_ADMIN, call, shippedKeysDir, startTestCore } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

/*
 * A power cut during a restore used to be able to leave no ayil.db at all, and the kiosk then
 * started empty with its set-up wizard open to anyone. The restore now swaps files under a
 * journal; the next start finishes nothing half-way: it puts the old database back, unless the
 * restore had already committed.
 */

const WORKER = path.join(REPO_ROOT, 'test', 'support', 'restore-worker.ts');
const BEFORE = ['After backup', 'Before backup'];
const RESTORED = ['Before backup'];

/** A set-up kiosk with one learner, a backup of it in its exports folder, then a second learner. */
async function kioskWithBackup() {
  const dataDir = tempDir();
  const bundled = shippedKeysDir();
  const core = await startTestCore({ dataDir, bundledPacksDir: bundled });
  const token = (await call(core, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;
  await call(core, 'learners.create', { displayName: 'Before backup', avatar: 'sun', language: 'ky' });
  const backup = await call(core, 'backup.create', { password: TEST_ADMIN.password, passphrase: TEST_PASSPHRASE, target: { kind: 'folder' } }, token);
  await call(core, 'learners.create', { displayName: 'After backup', avatar: 'moon', language: 'ky' });
  await core.close();
  return { dataDir, bundled, backupFile: backup.file as string };
}

function runWorker(dataDir: string, bundled: string, backupFile: string, step: RestoreStep): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dataDir, bundled, backupFile, step], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve({ signal, output })));
}

/** What the next start shows: set up or not, and whose learners. */
async function nextStart(dataDir: string, bundled: string) {
  const core = await startTestCore({ dataDir, bundledPacksDir: bundled, setUp: false });
  const state = await call(core, 'kiosk.state', {});
  const learners = state.setUp ? (await call<any[]>(core, 'learners.list', {})).map((l) => l.displayName) : null;
  const login = await core.dispatch('staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password }, null);
  return { problem: core.problem, setUp: state.setUp as boolean, learners, adminSignsIn: login.ok, databaseFile: core.databaseFile };
}

describe('a power cut (kill -9) during a restore', () => {
  it.each(RESTORE_STEPS.map((step) => [step]))('at "%s": the next start has the old database back, or the restored one once committed; never an empty one', async (step) => {
    const { dataDir, bundled, backupFile } = await kioskWithBackup();
    const run = await runWorker(dataDir, bundled, backupFile, step);
    expect(run.output).toContain(`crash at ${step}`);
    expect(run.signal).toBe('SIGKILL');

    const after = await nextStart(dataDir, bundled);
    expect(after).toMatchObject({ problem: null, setUp: true, adminSignsIn: true, learners: step === 'committed' ? RESTORED : BEFORE });
    expect(fs.existsSync(journalFileOf(after.databaseFile))).toBe(false);
    expect(fs.existsSync(stagingFileOf(after.databaseFile))).toBe(false);
    // Only a committed restore keeps the replaced database aside; an undone one leaves no trace.
    expect(fs.readdirSync(dataDir).filter((name) => name.includes('before-restore')).length).toBe(step === 'committed' ? 1 : 0);
  }, 120_000);
});

describe('start-up after a restore was cut short, from the files it left', { timeout: 120_000 }, () => {
  it('puts back a database whose main file was moved aside and whose WAL was not yet', async () => {
    const { dataDir, bundled } = await kioskWithBackup();
    const db = path.join(dataDir, 'ayil.db');
    // A WAL with commits not yet in the main file: the old database is only whole with it.
    const open = await startTestCore({ dataDir, bundledPacksDir: bundled });
    const held = (await import('better-sqlite3')).default;
    const reader = new held(db, { readonly: true });
    reader.prepare('SELECT count(*) FROM learners').get(); // keeps the WAL from being folded in at close
    await call(open, 'learners.create', { displayName: 'In the WAL only', avatar: 'star', language: 'ky' });
    await open.close();
    expect(fs.existsSync(`${db}-wal`)).toBe(true);
    fs.copyFileSync(db, `${db}.keep`);
    fs.copyFileSync(`${db}-wal`, `${db}-wal.keep`);
    reader.close();
    fs.renameSync(`${db}.keep`, db);
    fs.renameSync(`${db}-wal.keep`, `${db}-wal`);

    fs.writeFileSync(journalFileOf(db), JSON.stringify({ aside: 'ayil.db.before-restore-20260101T000000Z', phase: 'moving-aside' }));
    fs.renameSync(db, path.join(dataDir, 'ayil.db.before-restore-20260101T000000Z'));
    fs.writeFileSync(stagingFileOf(db), 'a restored database, whole or not');

    const after = await nextStart(dataDir, bundled);
    expect(after).toMatchObject({ problem: null, setUp: true, learners: ['After backup', 'Before backup', 'In the WAL only'] });
    expect(fs.readdirSync(dataDir).filter((name) => /before-restore|restoring|restore-journal/.test(name))).toEqual([]);
  });

  it('removes a half-decrypted staging file and starts on the database it never touched', async () => {
    const { dataDir, bundled } = await kioskWithBackup();
    fs.writeFileSync(stagingFileOf(path.join(dataDir, 'ayil.db')), Buffer.alloc(4096, 7));
    const after = await nextStart(dataDir, bundled);
    expect(after).toMatchObject({ problem: null, setUp: true, learners: BEFORE });
    expect(fs.existsSync(stagingFileOf(after.databaseFile))).toBe(false);
  });

  it('does not start on an empty database when the journal cannot be read: it names the file instead', async () => {
    const { dataDir, bundled } = await kioskWithBackup();
    const db = path.join(dataDir, 'ayil.db');
    fs.renameSync(db, `${db}.before-restore-20260101T000000Z`);
    fs.writeFileSync(journalFileOf(db), '{"aside": "ayil.db.bef');
    const core = await startTestCore({ dataDir, bundledPacksDir: bundled, setUp: false });
    expect(core.problem).toMatchObject({ code: 'db.damaged', params: { file: journalFileOf(db) } });
    expect(await core.dispatch('kiosk.state', {}, null)).toMatchObject({ ok: false, error: { code: 'db.damaged' } });
    expect(core.setupCode()).toBeNull();
    expect(fs.existsSync(db)).toBe(false);
  });
});
