import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/db/open';
import { callHttp } from '../support/api';
import { TEST_PASSPHRASE, decryptedCopy, sealDatabase } from '../support/backups';
import { startInProcessHost } from '../support/in-process-host';
import { PACK_ID, makePack } from '../support/packs';
import { TEST_ADMIN, TEST_SITE, call, importThroughApi, startTestCore } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

type TestCore = Awaited<ReturnType<typeof startTestCore>>;
const FOLDER = { kind: 'folder' } as const;
/** What every backup here is made and restored with (the administrator's passphrase and password). */
const MAKE = { password: TEST_ADMIN.password, passphrase: TEST_PASSPHRASE } as const;

async function adminToken(core: TestCore) {
  return (await call<{ token: string }>(core, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;
}

function learnerIds(file: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { id: number }>('SELECT id FROM learners ORDER BY id').all().map((r) => r.id);
  } finally {
    db.close();
  }
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

/** Fills the database through a second connection so that a backup takes many steps (100 pages each). */
function seed(file: string, learners: number) {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  const insert = db.prepare("INSERT INTO learners (display_name, name_key, avatar, language, created_at) VALUES (?, ?, 'sun', 'ky', '2026-01-01T00:00:00Z')");
  db.transaction(() => {
    for (let i = 0; i < learners; i++) insert.run(`Seed ${i} ${'ы'.repeat(300)}`, `seed ${i} ${'ы'.repeat(300)}`);
  })();
  db.close();
}

function damageMiddle(file: string) {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  const noise = Buffer.from(Array.from({ length: 16 * 1024 }, (_, i) => (i * 7919 + 13) % 256));
  fs.writeSync(fd, noise, 0, noise.length, Math.floor(size / 2 / 4096) * 4096);
  fs.closeSync(fd);
}

// Every backup and restore runs scrypt (work factor 2^18) at least once: seconds each on a busy machine.
describe('backup', { timeout: 120_000 }, () => {
  it('taken while a write burst runs passes integrity_check and, restored, holds every row committed before it began, as a consistent prefix', async () => {
    const core = await startTestCore();
    const token = await adminToken(core);
    seed(core.databaseFile, 20_000);

    // The burst: the kiosk itself creating learners one after another, yielding to the event loop
    // between writes exactly as the backup does between its steps, so the two really interleave.
    const burst: number[] = [];
    let running = true;
    const writer = (async () => {
      for (let i = 0; running; i++) {
        const grant = await call(core, 'learners.create', { displayName: `Burst ${i}`, avatar: 'star', language: 'ru' });
        burst.push(grant.learner.id);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    while (burst.length < 20) await new Promise((resolve) => setImmediate(resolve));

    const committedBefore = [...burst];
    const backup = await call(core, 'backup.create', { ...MAKE, target: FOLDER }, token);
    const writtenDuring = burst.length - committedBefore.length;
    running = false;
    await writer;
    expect(writtenDuring).toBeGreaterThan(10);

    expect(backup.name).toMatch(new RegExp(`^ayil-backup-${TEST_SITE.siteCode}-\\d{8}-\\d{6}\\.ayilbackup$`));
    expect(path.dirname(backup.file)).toBe(path.join(core.dataDir, 'exports'));
    expect(fs.readdirSync(path.dirname(backup.file))).toEqual([backup.name]); // no partial file, no plain snapshot left
    const inside = await decryptedCopy(backup.file);
    expect(integrity(inside)).toBe('ok');
    expect(backup).toMatchObject({ state: 'ok', siteName: TEST_SITE.siteName, bytes: fs.statSync(backup.file).size, takenAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });

    const inBackup = new Set(learnerIds(inside));
    for (const id of committedBefore) expect(inBackup.has(id), `learner ${id}`).toBe(true);
    const burstInBackup = burst.filter((id) => inBackup.has(id));
    expect(burstInBackup).toEqual(burst.slice(0, burstInBackup.length)); // a prefix: no later write without an earlier one

    const { keptAside } = await call(core, 'backup.restore', { ...MAKE, file: backup.file }, token);
    expect(learnerIds(core.databaseFile)).toEqual([...inBackup].sort((a, b) => a - b));
    expect(integrity(core.databaseFile)).toBe('ok');
    expect(learnerIds(keptAside)).toHaveLength(20_000 + burst.length);
  });

  it('is listed newest first with the site it came from; a stick that is gone is said so', async () => {
    let clock = new Date('2026-05-04T10:00:00');
    const core = await startTestCore({ now: () => clock });
    const first = await call(core, 'backup.create', { ...MAKE, target: FOLDER }, await adminToken(core));
    clock = new Date('2026-05-04T11:30:15');
    const second = await call(core, 'backup.create', { ...MAKE, target: FOLDER }, await adminToken(core));
    expect(second.name).toBe(`ayil-backup-${TEST_SITE.siteCode}-20260504-113015.ayilbackup`);
    fs.writeFileSync(path.join(core.dataDir, 'exports', 'notes.txt'), 'not a backup');
    // Without the passphrase nothing inside can be read: names and sizes only.
    const named = await call<any[]>(core, 'backup.list', { target: FOLDER }, await adminToken(core));
    expect(named.map((b) => b.name)).toEqual([second.name, first.name]);
    expect(named[0]).toMatchObject({ state: 'unchecked', takenAt: null, siteName: null });
    const list = await call<any[]>(core, 'backup.list', { target: FOLDER, passphrase: TEST_PASSPHRASE }, await adminToken(core));
    expect(list.map((b) => b.name)).toEqual([second.name, first.name]);
    expect(list[0]).toMatchObject({ state: 'ok', takenAt: '2026-05-04T11:30:15', siteName: TEST_SITE.siteName });
    expect(await core.dispatch('backup.create', { ...MAKE, target: { kind: 'drive', driveId: '/nowhere' } }, await adminToken(core))).toMatchObject({
      ok: false,
      error: { code: 'drive.not_found' },
    });
  });

  it('goes onto a stick the kiosk sees and is restored from there', async () => {
    const root = tempDir('ayil-media-');
    const stick = path.join(root, 'KINGSTON');
    fs.mkdirSync(stick);
    const core = await startTestCore({ driveRoots: [root], drivePollMs: 50 });
    const token = await adminToken(core);
    let drives: any[] = [];
    while (drives.length === 0) drives = await call<any[]>(core, 'drives.list', {}, token);
    const target = { kind: 'drive', driveId: drives[0].id } as const;
    const backup = await call(core, 'backup.create', { ...MAKE, target }, token);
    expect(path.dirname(backup.file)).toBe(stick);
    expect(await call(core, 'backup.list', { target, passphrase: TEST_PASSPHRASE }, token)).toEqual([backup]);
    await call(core, 'learners.create', { displayName: 'Later', avatar: 'sun', language: 'ky' });
    await call(core, 'backup.restore', { ...MAKE, file: backup.file }, token);
    expect(await call(core, 'learners.list', {})).toEqual([]);
  });

  it('works over HTTP as well', async () => {
    const { url } = await startInProcessHost();
    const login = await callHttp(url, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password });
    const made = await callHttp(url, 'backup.create', { ...MAKE, target: FOLDER }, login.body.value.token);
    expect(made.status).toBe(200);
    expect(integrity(await decryptedCopy(made.body.value.file))).toBe('ok');
  });
});

describe('restore', { timeout: 120_000 }, () => {
  async function kioskWithBackup(options: Parameters<typeof startTestCore>[0] = {}) {
    const core = await startTestCore(options);
    const token = await adminToken(core);
    await call(core, 'learners.create', { displayName: 'Before backup', avatar: 'sun', language: 'ky' });
    const backup = await call(core, 'backup.create', { ...MAKE, target: FOLDER }, token);
    const after = await call(core, 'learners.create', { displayName: 'After backup', avatar: 'sun', language: 'ky' });
    return { core, token, backup, after };
  }
  const names = async (core: TestCore) => (await call<any[]>(core, 'learners.list', {})).map((l) => l.displayName);

  it('puts the backup in place, keeps the old database aside, ends every session and keeps the installed packs', async () => {
    const { core, token, backup, after } = await kioskWithBackup();
    // A pack installed after the backup stays: packs are files on this PC, not part of the backup.
    expect(await importThroughApi(core, token, await makePack())).toMatchObject({ state: 'done' });
    const packsBefore = await call<any[]>(core, 'packs.installed', {}, token);
    expect(packsBefore).toEqual([expect.objectContaining({ id: PACK_ID })]);
    const { keptAside } = await call(core, 'backup.restore', { ...MAKE, file: backup.file }, token);

    expect(path.basename(keptAside)).toMatch(/^ayil\.db\.before-restore-\d{8}T\d{6}Z$/);
    expect(path.dirname(keptAside)).toBe(core.dataDir);
    expect(learnerIds(keptAside)).toHaveLength(2);
    expect(await names(core)).toEqual(['Before backup']);
    expect(await core.dispatch('staff.me', {}, token)).toMatchObject({ ok: false, error: { code: 'auth.session_expired' } });
    expect(await core.dispatch('courses.list', {}, after.token)).toMatchObject({ ok: false, error: { code: 'auth.session_expired' } });
    const fresh = await adminToken(core);
    expect(await call(core, 'packs.installed', {}, fresh)).toEqual(packsBefore);
    const learner = await call(core, 'learners.create', { displayName: 'New', avatar: 'sun', language: 'ky' });
    expect((await call(core, 'courses.list', {}, learner.token)).courses).toEqual([expect.objectContaining({ packId: PACK_ID })]);
    expect(fs.readdirSync(core.dataDir).filter((n) => n.endsWith('.restoring'))).toEqual([]);

    // And the restored database is the one the kiosk opens next time.
    await core.close();
    const again = await startTestCore({ dataDir: core.dataDir });
    expect(await names(again)).toEqual(['New', 'Before backup'].sort(new Intl.Collator(['ky', 'ru', 'en']).compare));
    expect(await call(again, 'packs.installed', {}, await adminToken(again))).toEqual(packsBefore);
  });

  it('refuses a damaged backup, a backup from a newer Ayil and a database that is not Ayil\'s, and keeps the current database', async () => {
    const { core, token, backup } = await kioskWithBackup();
    const exports = path.join(core.dataDir, 'exports');
    // Damage inside the database itself, sealed afterwards: it authenticates, and integrity_check catches it.
    const damagedDb = await decryptedCopy(backup.file);
    // Enough rows that the middle of the file is a b-tree page, not free space.
    const bigger = new Database(damagedDb);
    bigger.prepare("INSERT INTO learners (display_name, name_key, avatar, language, created_at) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) SELECT 'x' || i || hex(randomblob(100)), 'x', 'sun', 'ky', 't' FROM n").run();
    bigger.close();
    damageMiddle(damagedDb);
    const damaged = path.join(exports, 'ayil-backup-TEST-01-20200101-000000.ayilbackup');
    await sealDatabase(damagedDb, damaged);
    expect(await core.dispatch('backup.restore', { ...MAKE, file: damaged }, token)).toMatchObject({ ok: false, error: { code: 'backup.damaged' } });

    const tooNewDb = await decryptedCopy(backup.file);
    const db = new Database(tooNewDb);
    db.pragma('user_version = 999');
    db.close();
    const tooNew = path.join(exports, 'too-new.ayilbackup');
    await sealDatabase(tooNewDb, tooNew);
    expect(await core.dispatch('backup.restore', { ...MAKE, file: tooNew }, token)).toMatchObject({ ok: false, error: { code: 'backup.too_new' } });

    const otherDb = path.join(tempDir(), 'other.db');
    const other = new Database(otherDb);
    other.exec('CREATE TABLE t (x)');
    other.pragma('user_version = 7');
    other.close();
    const notAyil = path.join(exports, 'other.ayilbackup');
    await sealDatabase(otherDb, notAyil);
    expect(await core.dispatch('backup.restore', { ...MAKE, file: notAyil }, token)).toMatchObject({ ok: false, error: { code: 'backup.unexpected_content' } });

    expect(await names(core)).toEqual(['After backup', 'Before backup']);
    expect(await core.dispatch('staff.me', {}, token)).toMatchObject({ ok: true }); // nothing was swapped: sessions live on
    expect(fs.readdirSync(core.dataDir).filter((n) => n.includes('before-restore') || n.includes('.restor'))).toEqual([]);
  });

  it('reads only files on a stick the kiosk sees or in its exports folder', async () => {
    const { core, token, backup } = await kioskWithBackup();
    const elsewhere = path.join(tempDir(), 'backup.ayilbackup');
    fs.copyFileSync(backup.file, elsewhere);
    expect(await core.dispatch('backup.restore', { ...MAKE, file: elsewhere }, token)).toMatchObject({ ok: false, error: { code: 'backup.not_found' } });
    const sneaky = path.join(core.dataDir, 'exports', '..', 'ayil.db');
    expect(await core.dispatch('backup.restore', { ...MAKE, file: sneaky }, token)).toMatchObject({ ok: false, error: { code: 'backup.not_found' } });
    expect(await names(core)).toEqual(['After backup', 'Before backup']);
  });

  it('puts the old database back when the restored one does not open, and the kiosk carries on', async () => {
    // Opening the restored database fails just after it was renamed in (as a failing migration would).
    const { core, token, backup } = await kioskWithBackup({
      onRestoreStep: (step) => {
        if (step === 'swapped-in') throw new Error('the restored database does not open');
      },
    });
    expect(await core.dispatch('backup.restore', { ...MAKE, file: backup.file }, token)).toMatchObject({
      ok: false,
      error: { code: 'backup.restore_failed' },
    });
    expect(fs.readdirSync(core.dataDir).filter((n) => n.includes('before-restore') || n.includes('.restor'))).toEqual([]);
    expect(await names(core)).toEqual(['After backup', 'Before backup']);
    expect(core.problem).toBeNull();
    expect(await call(core, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).toMatchObject({ role: 'admin' });
  });

  it('of an older backup runs the migrations', async () => {
    const core = await startTestCore();
    const token = await adminToken(core);
    const oldDb = path.join(tempDir(), 'old.db');
    const db = openDatabase(oldDb, { upTo: 4 });
    db.prepare("INSERT INTO learners (display_name, avatar, language, created_at) VALUES ('Старый', 'sun', 'ru', '2020-01-01T00:00:00Z')").run();
    db.prepare("INSERT INTO settings (key, value) VALUES ('kiosk.set_up', '1'), ('site.name', 'Old site')").run();
    db.prepare("INSERT INTO staff (name, name_key, role, password_hash, created_at) VALUES ('Old admin', 'old admin', 'admin', 'x', '2020-01-01T00:00:00Z')").run();
    db.close();
    const old = path.join(core.dataDir, 'exports', 'ayil-backup-OLD-20200101-000000.ayilbackup');
    await sealDatabase(oldDb, old);
    await call(core, 'backup.restore', { ...MAKE, file: old }, token);
    expect(await names(core)).toEqual(['Старый']);
    expect(await call(core, 'kiosk.state', {})).toMatchObject({ setUp: true, siteName: 'Old site' });
    const check = new Database(core.databaseFile, { readonly: true });
    expect(check.prepare('SELECT name_key FROM learners').get()).toEqual({ name_key: 'старый' });
    check.close();
  });
});
