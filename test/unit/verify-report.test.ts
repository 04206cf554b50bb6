import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { openPack } from '../../core/packs/pack-file';
import { checkEachFile, type FileCheck } from '../../core/packs/verify-report';
import { tempDir } from '../support/temp-dir';

const text = { ky: 'x', ru: 'x', en: 'x' };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes a pack whose manifest lists `listed` (what the files should be) while the zip holds
 * `actual` (what they are), all deflated. `declaredSizes` overrides a file's uncompressed size in
 * the zip's local header and central directory alike, as a broken zip tool would (a zip whose two
 * disagree is refused before any file is read: zip-agreement.ts).
 */
async function writePack(
  file: string,
  listed: Record<string, Buffer>,
  actual: Record<string, Buffer>,
  declaredSizes: Record<string, number> = {},
): Promise<void> {
  const manifest = {
    format: 2,
    id: 'org.example.report',
    version: '1.0.0',
    defaultLanguage: 'en',
    languages: ['en'],
    title: text,
    description: text,
    publisher: 'Example',
    licence: 'CC0-1.0',
    minAppVersion: '0.1.0',
    courses: [{ id: 'c', title: text, description: text, lessons: [{ id: 'l', title: text, steps: [{ kind: 'text', id: 's', body: text }] }] }],
    files: Object.entries(listed).map(([name, bytes]) => ({ path: name, size: declaredSizes[name] ?? bytes.length, sha256: sha256(bytes) })),
  };
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'manifest.json');
  for (const [name, bytes] of Object.entries(actual)) zip.addBuffer(bytes, `files/${name}`, { compress: true });
  zip.end();
  await pipeline(zip.outputStream, fs.createWriteStream(file));
  for (const [name, size] of Object.entries(declaredSizes)) {
    patchDeclaredSize(file, `files/${name}`, size, { signature: [0x50, 0x4b, 0x01, 0x02], nameLength: 28, name: 46, size: 24 });
    patchDeclaredSize(file, `files/${name}`, size, { signature: [0x50, 0x4b, 0x03, 0x04], nameLength: 26, name: 30, size: 22 });
  }
}

/** Sets an entry's uncompressed size in the headers of one kind (central or local: where their fields are). */
function patchDeclaredSize(file: string, entryName: string, size: number, fields: { signature: number[]; nameLength: number; name: number; size: number }): void {
  const zip = fs.readFileSync(file);
  const signature = Buffer.from(fields.signature);
  for (let at = zip.indexOf(signature); at >= 0; at = zip.indexOf(signature, at + 4)) {
    const nameLength = zip.readUInt16LE(at + fields.nameLength);
    if (zip.subarray(at + fields.name, at + fields.name + nameLength).toString('utf8') !== entryName) continue;
    zip.writeUInt32LE(size, at + fields.size);
    fs.writeFileSync(file, zip);
    return;
  }
  throw new Error(`no header for ${entryName}`);
}

async function report(file: string): Promise<FileCheck[]> {
  const pack = await openPack(file);
  try {
    const checks: FileCheck[] = [];
    for await (const check of checkEachFile(pack)) checks.push(check);
    return checks;
  } finally {
    pack.close();
  }
}

describe('checkEachFile', () => {
  it('reports every file in manifest order and carries on past a file whose hash differs', async () => {
    const file = path.join(tempDir(), 'pack.ayilpack');
    const good = { 'a.md': Buffer.from('first file\n'), 'b/c.md': Buffer.from('second file\n'), 'd.txt': Buffer.from('third file\n') };
    await writePack(file, good, { ...good, 'b/c.md': Buffer.from('SECOND file\n') });

    expect(await report(file)).toEqual([
      { path: 'a.md', ok: true },
      { path: 'b/c.md', ok: false, problem: 'hash' },
      { path: 'd.txt', ok: true },
    ]);
  });

  it('reports a size problem when the data is shorter than the zip and the manifest declare', async () => {
    const file = path.join(tempDir(), 'pack.ayilpack');
    const files = { 'a.md': Buffer.from('short\n'), 'z.md': Buffer.from('fine\n') };
    await writePack(file, files, files, { 'a.md': 7 });

    expect(await report(file)).toEqual([
      { path: 'a.md', ok: false, problem: 'size' },
      { path: 'z.md', ok: true },
    ]);
  });

  it('reports every file OK for an intact pack, from an empty file to one of several MB', async () => {
    const file = path.join(tempDir(), 'pack.ayilpack');
    const files = { 'empty.txt': Buffer.alloc(0), 'big.bin': randomBytes(3 * 1024 * 1024) };
    await writePack(file, files, files);

    expect(await report(file)).toEqual([
      { path: 'empty.txt', ok: true },
      { path: 'big.bin', ok: true },
    ]);
  });
});
