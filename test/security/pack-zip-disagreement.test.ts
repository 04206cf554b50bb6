import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signManifest } from '../../core/packs/signing';
import { callHttpOk, importJobOverHttp } from '../support/api';
import { startInProcessHost } from '../support/in-process-host';
import { makePack, sourceManifest, TEST_DRIVE_ROOT, TEST_STICK, testKey } from '../support/packs';
import { rawZip, type RawEntry } from '../support/raw-zip';
import { TEST_ADMIN } from '../support/set-up';
import { tempDir } from '../support/temp-dir';

/*
 * Issue 11, item 8: "zip readers can disagree about a pack". A zip has two lists of its entries:
 * the central directory at the end (which the kiosk reads) and a local header before each entry's
 * data (which streaming tools read). A pack whose two lists differ, or that names an entry twice,
 * is a different pack to different tools, so one that verified here could show other lessons
 * elsewhere (or the reverse). Each hostile pack below is signed with a trusted key and would
 * otherwise pass every other check; each is imported through the real host over HTTP.
 */

async function kiosk() {
  const { url, dataDir } = await startInProcessHost(tempDir(), { driveRoots: [TEST_DRIVE_ROOT], drivePollMs: 200 });
  const admin = (await callHttpOk(url, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token as string;
  await callHttpOk(url, 'keys.trust', { ...testKey.publicKey, password: TEST_ADMIN.password }, admin);
  const state = async () => ({ installed: await callHttpOk(url, 'packs.installed', {}, admin), files: fs.readdirSync(path.join(dataDir, 'packs')).sort() });
  return { url, admin, state };
}

/** A signed manifest of version 1.1.0 listing the given files, and its signature entry. */
function signedManifest(files: Record<string, Buffer>, overrides: Record<string, unknown> = {}): RawEntry[] {
  const listed = Object.entries(files).map(([p, data]) => ({ path: p, size: data.length, sha256: createHash('sha256').update(data).digest('hex') }));
  const manifest = Buffer.from(JSON.stringify({ format: 2, ...sourceManifest('1.1.0', overrides), files: listed }));
  return [
    { name: 'manifest.json', data: manifest },
    { name: 'signature.json', data: Buffer.from(JSON.stringify(signManifest(manifest, testKey.privateKeyPem))) },
  ];
}

function onStick(name: string, bytes: Buffer): string {
  const file = path.join(tempDir('pack-', TEST_STICK), name);
  fs.writeFileSync(file, bytes);
  return file;
}

const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The offset of the local header of the entry named `name` (the first one, scanning from the start). */
function localHeaderOf(zip: Buffer, name: string): number {
  for (let at = zip.indexOf(LOCAL_HEADER); at >= 0; at = zip.indexOf(LOCAL_HEADER, at + 4)) {
    const length = zip.readUInt16LE(at + 26);
    if (zip.subarray(at + 30, at + 30 + length).toString('utf8') === name) return at;
  }
  throw new Error(`no local header for ${name}`);
}

const hello = Buffer.from('hello 1.1.0');

describe('every zip reader sees the same pack (issue 11, item 8)', () => {
  it('refuses a pack naming an entry twice (two manifests, the first unsigned; two copies of a file); nothing changes', async () => {
    const { url, admin, state } = await kiosk();
    expect((await importJobOverHttp(url, admin, await makePack({ version: '1.0.0' }))).state).toBe('done');
    const before = await state();

    const [manifest, signature] = signedManifest({ 'images/hello.txt': hello });
    // What tools reading the first copy would install: other lessons, without any signature.
    const planted = Buffer.from(JSON.stringify({ format: 2, ...sourceManifest('1.1.0', { title: { ky: 'Башка', ru: 'Другое', en: 'Something else' } }), files: [] }));
    const twoManifests = rawZip([{ name: 'manifest.json', data: planted }, manifest!, signature!, { name: 'files/images/hello.txt', data: hello }]);
    const twoCopies = rawZip([manifest!, signature!, { name: 'files/images/hello.txt', data: Buffer.from('other text!') }, { name: 'files/images/hello.txt', data: hello }]);

    for (const [name, bytes, file] of [
      ['two-manifests.ayilpack', twoManifests, 'manifest.json'],
      ['two-copies.ayilpack', twoCopies, 'files/images/hello.txt'],
    ] as const) {
      const job = await importJobOverHttp(url, admin, onStick(name, bytes), { acceptUntrusted: true, force: true });
      expect(job, name).toMatchObject({ state: 'failed', error: { code: 'pack.entry_duplicate', params: { file } } });
      expect(await state()).toEqual(before);
    }

    // The same pack without the planted copy installs: the duplicate alone was the reason.
    const clean = rawZip([manifest!, signature!, { name: 'files/images/hello.txt', data: hello }]);
    expect((await importJobOverHttp(url, admin, onStick('clean.ayilpack', clean))).state).toBe('done');
  }, 120_000);

  it('refuses a pack whose local headers say something else than its central directory (name, CRC, method, sizes); nothing changes', async () => {
    const { url, admin, state } = await kiosk();
    expect((await importJobOverHttp(url, admin, await makePack({ version: '1.0.0' }))).state).toBe('done');
    const before = await state();

    // A real pack from the pack tool, signed: files are written with their sizes after the data.
    const good = fs.readFileSync(await makePack({ version: '1.1.0', files: { 'images/hello.txt': 'hello 1.1.0' } }));
    const tampered: Array<[string, (zip: Buffer) => void, { file: string; field: string }]> = [
      // One byte of a name in its local header; the central directory untouched.
      ['name', (zip) => (zip[localHeaderOf(zip, 'files/images/hello.txt') + 30 + 'files/images/'.length] = 'j'.charCodeAt(0)), { file: 'files/images/hello.txt', field: 'name' }],
      ['crc', (zip) => zip.writeUInt32LE(zip.readUInt32LE(localHeaderOf(zip, 'manifest.json') + 14) ^ 1, localHeaderOf(zip, 'manifest.json') + 14), { file: 'manifest.json', field: 'crc' }],
      ['method', (zip) => zip.writeUInt16LE(0, localHeaderOf(zip, 'manifest.json') + 8), { file: 'manifest.json', field: 'method' }],
      ['size', (zip) => zip.writeUInt32LE(zip.readUInt32LE(localHeaderOf(zip, 'manifest.json') + 22) + 1, localHeaderOf(zip, 'manifest.json') + 22), { file: 'manifest.json', field: 'sizes' }],
      [
        'size after the data',
        (zip) => {
          // The data descriptor after files/images/hello.txt: signature, CRC, compressed, uncompressed size.
          const at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08]), localHeaderOf(zip, 'files/images/hello.txt'));
          zip.writeUInt32LE(zip.readUInt32LE(at + 12) + 1, at + 12);
        },
        { file: 'files/images/hello.txt', field: 'sizes' },
      ],
    ];
    for (const [what, change, params] of tampered) {
      const bytes = Buffer.from(good);
      change(bytes);
      expect(bytes.equals(good), what).toBe(false);
      const job = await importJobOverHttp(url, admin, onStick(`tampered-${what.replaceAll(' ', '-')}.ayilpack`, bytes), { acceptUntrusted: true, force: true });
      expect(job, what).toMatchObject({ state: 'failed', error: { code: 'pack.zip_disagreement', params } });
      expect(await state(), what).toEqual(before);
    }

    // An entry hidden between two entries, that only a reader of local headers would find.
    const entries = [...signedManifest({ 'images/hello.txt': hello }), { name: 'files/images/hello.txt', data: hello }];
    const listed = rawZip(entries);
    const hidden = rawZip([entries[0]!, { name: 'files/images/extra.txt', data: Buffer.from('hidden') }, entries[1]!, entries[2]!]);
    const withGap = spliceOutOfDirectory(hidden, listed);
    const job = await importJobOverHttp(url, admin, onStick('hidden.ayilpack', withGap), { acceptUntrusted: true, force: true });
    expect(job).toMatchObject({ state: 'failed', error: { code: 'pack.zip_disagreement', params: { field: 'position' } } });
    expect(await state()).toEqual(before);

    // The untouched pack installs.
    expect((await importJobOverHttp(url, admin, onStick('good.ayilpack', good))).state).toBe('done');
  }, 120_000);
});

/**
 * `hidden` with its second entry left out of the central directory: the central directory of
 * `listed` (the same entries without it), its offsets moved past the hidden entry.
 */
function spliceOutOfDirectory(hidden: Buffer, listed: Buffer): Buffer {
  const directoryAt = (zip: Buffer) => zip.readUInt32LE(zip.length - 22 + 16);
  const firstLength = localHeaderOf(listed, 'signature.json');
  const hiddenLength = localHeaderOf(hidden, 'signature.json') - firstLength;
  const directory = Buffer.from(listed.subarray(directoryAt(listed)));
  for (let at = 0; directory.readUInt32LE(at) === 0x02014b50; at += 46 + directory.readUInt16LE(at + 28)) {
    const offset = directory.readUInt32LE(at + 42);
    if (offset > 0) directory.writeUInt32LE(offset + hiddenLength, at + 42);
  }
  directory.writeUInt32LE(directoryAt(hidden), directory.length - 22 + 16);
  return Buffer.concat([hidden.subarray(0, directoryAt(hidden)), directory]);
}
