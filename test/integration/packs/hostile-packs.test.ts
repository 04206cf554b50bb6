import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/db/open';
import { PackInstaller } from '../../../core/packs/installer';
import { generatePublisherKey, signManifest } from '../../../core/packs/signing';
import { TrustStore } from '../../../core/packs/trust';
import { craftPack, makePack, sourceManifest, testKey } from '../../support/packs';
import { rawZip } from '../../support/raw-zip';
import { tempDir } from '../../support/temp-dir';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const hello = Buffer.from('hello');
const manifestFor = (files: Array<{ path: string; data: Buffer }>, extra: object = {}) =>
  Buffer.from(JSON.stringify({ format: 2, ...sourceManifest('1.0.0'), ...extra, files: files.map((f) => ({ path: f.path, size: f.data.length, sha256: sha(f.data) })) }));

/** One hostile or broken pack per refusal, each differing from a good pack in one way. */
const corpus: Array<{ name: string; code: string; params?: object; bytes: () => Buffer | Promise<Buffer> }> = [
  {
    name: 'a manifest changed after signing',
    code: 'pack.signature_invalid',
    bytes: () => {
      const manifest = manifestFor([{ path: 'a.txt', data: hello }]);
      const signature = signManifest(manifest, testKey.privateKeyPem);
      const tampered = Buffer.from(manifest.toString().replace('Test publisher', 'Evil publisher'));
      return rawZip([{ name: 'manifest.json', data: tampered }, { name: 'signature.json', data: Buffer.from(JSON.stringify(signature)) }, { name: 'files/a.txt', data: hello }]);
    },
  },
  { name: 'no signature', code: 'pack.signature_missing', bytes: () => craftPack([{ path: 'a.txt', data: hello }], { sign: false }) },
  { name: 'a signature by an unknown publisher', code: 'pack.publisher_unknown', bytes: async () => fs.readFileSync(await makePack({ key: generatePublisherKey('Unknown') })) },
  {
    name: 'a file whose content differs from its hash',
    code: 'pack.file_hash_mismatch',
    params: { file: 'lessons/b.txt' },
    bytes: () => craftPack([{ path: 'a.txt', data: hello }, { path: 'lessons/b.txt', data: Buffer.from('evil!') }], { manifestFiles: [{ path: 'a.txt', size: 5, sha256: sha(hello) }, { path: 'lessons/b.txt', size: 5, sha256: sha(Buffer.from('good!')) }] }),
  },
  {
    name: 'a file whose size differs from the manifest',
    code: 'pack.file_size_mismatch',
    params: { file: 'a.txt' },
    bytes: () => craftPack([{ path: 'a.txt', data: hello }], { manifestFiles: [{ path: 'a.txt', size: 6, sha256: sha(hello) }] }),
  },
  {
    name: 'an entry whose real length differs from what its headers declare',
    code: 'pack.file_size_mismatch',
    params: { file: 'a.txt' },
    bytes: () => craftPack([{ path: 'a.txt', data: Buffer.from('hello, world'), entry: { declaredSize: 5 } }], { manifestFiles: [{ path: 'a.txt', size: 5, sha256: sha(hello) }] }),
  },
  { name: 'a half-copied (truncated) file', code: 'pack.truncated', bytes: async () => fs.readFileSync(await makePack()).subarray(0, 700) },
  { name: 'random bytes', code: 'pack.truncated', bytes: () => Buffer.alloc(4096, 0x5a) },
  { name: 'an entry with ..', code: 'pack.path_traversal', bytes: () => craftPack([{ path: 'a.txt', data: hello }], { extraEntries: [{ name: 'files/../../evil.txt', data: hello }] }) },
  { name: 'an absolute entry', code: 'pack.path_absolute', bytes: () => craftPack([{ path: 'a.txt', data: hello }], { extraEntries: [{ name: '/etc/evil', data: hello }] }) },
  { name: 'a drive-letter entry', code: 'pack.path_absolute', bytes: () => craftPack([{ path: 'a.txt', data: hello }], { extraEntries: [{ name: 'C:/Windows/evil.dll', data: hello }] }) },
  { name: 'a backslash in a name', code: 'pack.path_backslash', bytes: () => craftPack([{ path: 'a.txt', data: hello }], { extraEntries: [{ name: 'files\\..\\evil.txt', data: hello }] }) },
  { name: 'a symlink', code: 'pack.symlink', params: { file: 'files/link' }, bytes: () => craftPack([{ path: 'a.txt', data: hello }, { path: 'link', data: Buffer.from('/etc/passwd'), entry: { unixMode: 0o120777 } }]) },
  { name: 'a Windows reserved name', code: 'pack.path_reserved_name', bytes: () => craftPack([{ path: 'a.txt', data: hello }, { path: 'lessons/CON.txt', data: hello }]) },
  { name: 'names that collide ignoring case', code: 'pack.path_collision', bytes: () => craftPack([{ path: 'a.txt', data: hello }, { path: 'A.TXT', data: hello }]) },
  { name: 'names that collide after Unicode normalisation', code: 'pack.path_collision', bytes: () => craftPack([{ path: 'caf\u00e9.txt', data: hello }, { path: 'cafe\u0301.txt', data: hello }]) },
  { name: 'a path over 240 characters', code: 'pack.path_too_long', bytes: () => craftPack([{ path: `${'d/'.repeat(100)}${'x'.repeat(50)}.txt`, data: hello }]) },
  {
    name: 'a zip bomb by ratio',
    code: 'pack.zip_bomb',
    params: { reason: 'ratio' },
    bytes: () => craftPack([{ path: 'zeros.bin', data: Buffer.alloc(64 * 1024 * 1024) }]),
  },
  {
    name: 'a zip bomb by absolute size',
    code: 'pack.zip_bomb',
    params: { reason: 'size' },
    bytes: () => craftPack([{ path: 'huge.bin', data: Buffer.alloc(1024, 7), entry: { declaredSize: 0xfffffff0 } }], { manifestFiles: [{ path: 'huge.bin', size: 0xfffffff0, sha256: '0'.repeat(64) }] }),
  },
  { name: 'an unsupported compression method', code: 'pack.compression_unsupported', bytes: () => craftPack([{ path: 'a.txt', data: hello, entry: { method: 12 } }]) },
  { name: 'an encrypted entry', code: 'pack.compression_unsupported', bytes: () => craftPack([{ path: 'a.txt', data: hello, entry: { flags: 0x1 } }]) },
  {
    name: 'a manifest schema error, named by its JSON path',
    code: 'pack.manifest_invalid',
    params: { path: 'courses.0.lessons.0.steps' },
    bytes: () => {
      const manifest = sourceManifest('1.0.0');
      (manifest.courses[0] as any).lessons[0].steps = [];
      return craftPack([{ path: 'a.txt', data: hello }], { manifest });
    },
  },
  { name: 'a manifest that is not JSON', code: 'pack.manifest_invalid', bytes: () => craftPack([{ path: 'a.txt', data: hello }], { manifestBytes: Buffer.from('{not json') }) },
  { name: 'no manifest', code: 'pack.manifest_missing', bytes: () => rawZip([{ name: 'files/a.txt', data: hello }]) },
  { name: 'a listed file that is missing', code: 'pack.file_missing', params: { file: 'b.txt' }, bytes: () => craftPack([{ path: 'a.txt', data: hello }], { manifestFiles: [{ path: 'a.txt', size: 5, sha256: sha(hello) }, { path: 'b.txt', size: 5, sha256: sha(hello) }] }) },
  { name: 'an entry the manifest does not list', code: 'pack.file_unlisted', params: { file: 'extra.txt' }, bytes: () => craftPack([{ path: 'a.txt', data: hello }], { extraEntries: [{ name: 'files/extra.txt', data: hello }] }) },
  { name: 'a minimum app version above this app', code: 'pack.app_too_old', params: { needed: '99.0.0' }, bytes: () => craftPack([{ path: 'a.txt', data: hello }], { manifest: { minAppVersion: '99.0.0' } }) },
];

/** Every file under a folder with its bytes' hash: the "byte-for-byte unchanged" check. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = sha(fs.readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

describe('hostile and broken packs are refused, each with its own reason, and change nothing', () => {
  it.each(corpus)('refuses $name with $code', async ({ code, params, bytes }) => {
    const dataDir = tempDir();
    const db = openDatabase(path.join(dataDir, 'ayil.db'));
    const installer = new PackInstaller(db, path.join(dataDir, 'packs'), new TrustStore(db, [testKey.publicKey], () => new Date()), () => new Date());
    await installer.install(await makePack({ version: '0.9.0' }));
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = snapshot(dataDir);

    const file = path.join(tempDir(), 'hostile.ayilpack');
    fs.writeFileSync(file, await bytes());
    const failure = await installer.install(file).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code, ...(params ? { params: expect.objectContaining(params) } : {}) });
    expect(snapshot(dataDir)).toEqual(before);
    expect(installer.list().map((r) => r.version)).toEqual(['0.9.0']);
    db.close();
  });

  it('gives every refusal in the corpus a translatable code', async () => {
    const { ERROR_CODES } = await import('../../../core/contract');
    for (const { code } of corpus) expect(ERROR_CODES).toContain(code);
  });
});
