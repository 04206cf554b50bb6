import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import yauzl, { type Entry } from 'yauzl';
import yazl from 'yazl';
import { checkZipAgreement } from '../../core/packs/zip-agreement';
import { tempDir } from '../support/temp-dir';

/**
 * Packs over 4 GiB carry zip64 records (yazl writes them for every entry past 4 GiB): the sizes in
 * the central directory's zip64 field and the 24-byte data descriptors after streamed entries.
 * Made here with yazl's forceZip64Format on small entries, so the test stays small.
 */
async function zip64(file: string): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('{"known":"sizes"}'), 'manifest.json', { forceZip64Format: true });
  zip.addReadStream(Readable.from([Buffer.from('streamed, sizes after the data')]), 'files/a.txt', { forceZip64Format: true });
  zip.addReadStream(Readable.from([Buffer.alloc(5000, 7)]), 'files/b.bin', { forceZip64Format: true, compress: false });
  zip.end();
  await pipeline(zip.outputStream, fs.createWriteStream(file));
}

async function check(file: string): Promise<void> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, decodeStrings: false });
  try {
    const entries: Entry[] = [];
    for await (const entry of zip.eachEntry()) entries.push(entry);
    await checkZipAgreement(file, entries, entries.map((e) => String(e.fileName)));
  } finally {
    zip.close();
  }
}

describe('zip agreement with zip64 records', () => {
  it('accepts zip64 entries whose descriptors repeat the central directory, and names the entry whose descriptor does not', async () => {
    const file = path.join(tempDir(), 'zip64.zip');
    await zip64(file);
    await expect(check(file)).resolves.toBeUndefined();

    // The 8-byte uncompressed size in files/b.bin's zip64 data descriptor, one more.
    const bytes = fs.readFileSync(file);
    const descriptors: number[] = [];
    for (let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08])); at >= 0; at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08]), at + 4)) descriptors.push(at);
    expect(descriptors).toHaveLength(2);
    const last = descriptors[1]!;
    bytes.writeBigUInt64LE(bytes.readBigUInt64LE(last + 16) + 1n, last + 16);
    fs.writeFileSync(file, bytes);
    await expect(check(file)).rejects.toMatchObject({ code: 'pack.zip_disagreement', params: { file: 'files/b.bin', field: 'sizes' } });
  });
});
