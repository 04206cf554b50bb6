import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Settings } from '../../core/kiosk/settings';
import { SigningIdentity } from '../../core/sync/identity';
import { TEST_PASSPHRASE, decryptedCopy } from '../support/backups';
import { createFatStick } from '../support/fat-stick';
import { TEST_ADMIN, call, startTestCore } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

/*
 * A backup on a stick that walks out of the library must give away nothing: names, birth years,
 * PIN and password hashes (a 4-digit PIN falls to 10⁴ scrypt calls offline), the site token, the
 * kiosk's signing key and the certificate key are all inside it, encrypted.
 */

const LEARNERS = [
  { displayName: 'Гүлнара Асанова', pin: '4821', birthYear: 1987 },
  { displayName: 'Бакыт Жумабаев', pin: '0593', birthYear: 2004 },
  { displayName: 'Aigerim Sydykova', pin: '7710', birthYear: 1961 },
];
const SITE_TOKEN = 'site-token-7d1f0c9a4b2e48e5a0c3f6b1d2e9a8c7';

describe('a backup on a stick', () => {
  it('holds none of the names, hashes, keys or the site token in its bytes (the database inside holds them all)', async () => {
    const media = tempDir('ayil-media-');
    const stick = await createFatStick({ sizeMb: 32, parentDir: media });
    const core = await startTestCore({ driveRoots: [media], drivePollMs: 50 });

    for (const learner of LEARNERS) {
      const grant = await call(core, 'learners.create', { displayName: learner.displayName, avatar: 'sun', language: 'ky', secret: { kind: 'pin', pin: learner.pin } });
      await call(core, 'learner.setProfile', { gender: 'female', birthYear: learner.birthYear }, grant.token);
    }
    const admin = (await call(core, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;
    await call(core, 'staff.create', { name: 'Фасилитатор Нурлан', role: 'facilitator', password: 'nurlan-secret-99', yourPassword: TEST_ADMIN.password }, admin);
    // What enrolment and the first certificate leave in the database, made by the same code on a second connection.
    const side = new Database(core.databaseFile);
    side.prepare("INSERT INTO settings (key, value) VALUES ('sync.site_token', ?)").run(SITE_TOKEN);
    new SigningIdentity(side).publicKey();
    new Settings(side).certificateKey();
    side.close();

    const secrets = readSecrets(core.databaseFile);
    expect(secrets.map((s) => s.what)).toEqual(
      expect.arrayContaining(['learner name', 'PIN hash', 'staff name', 'password hash', 'site token', 'signing key', 'certificate key']),
    );
    expect(secrets.length).toBeGreaterThanOrEqual(LEARNERS.length * 2 + 4 + 3);

    let drives: Array<{ id: string }> = [];
    while (drives.length === 0) drives = await call(core, 'drives.list', {}, admin);
    const backup = await call(core, 'backup.create', { password: TEST_ADMIN.password, passphrase: TEST_PASSPHRASE, target: { kind: 'drive', driveId: drives[0]!.id } }, admin);
    expect(path.dirname(backup.file)).toBe(stick.dir);

    // Control: the same search finds every secret in the database inside (so it would find them in a plain backup).
    const plain = fs.readFileSync(await decryptedCopy(backup.file));
    for (const secret of secrets) expect(found(plain, secret.value), `${secret.what} in the decrypted database`).toBe(true);

    // The backup is all it left on the stick (beside the volume label FAT shows as a file), and nothing in the exports folder on the way.
    expect(fs.readdirSync(stick.dir).filter((name) => name.startsWith('.') || name.toLowerCase().startsWith('ayil-'))).toEqual([path.basename(backup.file)]);
    const exportsDir = path.join(core.dataDir, 'exports');
    expect(fs.existsSync(exportsDir) ? fs.readdirSync(exportsDir) : []).toEqual([]);
    const bytes = fs.readFileSync(backup.file);
    for (const secret of secrets) expect(found(bytes, secret.value), `${secret.what} in the backup on the stick`).toBe(false);
    // Nothing is readable as SQLite, not even its file header: the whole file is age ciphertext.
    expect(found(bytes, 'SQLite format 3')).toBe(false);
    expect(bytes.subarray(0, 22).toString('latin1')).toBe('age-encryption.org/v1\n');
  }, 120_000);
});

/** Every secret of the seeded kiosk, as the database holds it. */
function readSecrets(file: string): Array<{ what: string; value: string }> {
  const db = new Database(file, { readonly: true });
  try {
    const setting = (key: string) => db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)!.value;
    return [
      ...db.prepare<[], { display_name: string; secret_hash: string }>('SELECT display_name, secret_hash FROM learners').all().flatMap((row) => [
        { what: 'learner name', value: row.display_name },
        { what: 'PIN hash', value: row.secret_hash },
      ]),
      ...db.prepare<[], { name: string; password_hash: string }>('SELECT name, password_hash FROM staff').all().flatMap((row) => [
        { what: 'staff name', value: row.name },
        { what: 'password hash', value: row.password_hash },
      ]),
      { what: 'site token', value: setting('sync.site_token') },
      { what: 'signing key', value: setting('sync.signing_key') },
      { what: 'certificate key', value: setting('site.certificate_key') },
    ];
  } finally {
    db.close();
  }
}

/** Whether the bytes hold the text (UTF-8), or, for a long value, any 16-character piece of it. */
function found(bytes: Buffer, text: string): boolean {
  if (bytes.includes(Buffer.from(text, 'utf8'))) return true;
  if (text.length < 32) return false;
  for (let at = 0; at + 16 <= text.length; at += 16) if (bytes.includes(Buffer.from(text.slice(at, at + 16), 'utf8'))) return true;
  return false;
}
