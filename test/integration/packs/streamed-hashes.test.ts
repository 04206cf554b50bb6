import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openPack, verifyContent, type OpenedPack } from '../../../core/packs/pack-file';
import { StreamedHashes } from '../../../core/packs/streamed-hashes';
import { makePack, noise } from '../../support/packs';

/** Stored media and deflated text, as real packs mix them; small files so headers fall anywhere in a chunk. */
async function mixedPack(version = '1.0.0', photoBytes = 300 * 1024): Promise<string> {
  return makePack({
    version,
    files: {
      'video/clip.mp4': noise(3 * 1024 * 1024 + 17),
      'images/photo.jpg': noise(photoBytes),
      'images/empty.png': Buffer.alloc(0),
      'text/page.md': 'Коопсуз сырсөз — узун жана кайталанбаган. '.repeat(5000),
      'text/tiny.txt': 'a',
      'text/empty.txt': '',
      'audio/narration.ogg': noise(70 * 1024),
    },
  });
}

/** Feeds a file's bytes to the hasher in the given chunk sizes (cycling), as the copy would. */
async function stream(hashes: StreamedHashes, bytes: Buffer, sizes: number[]): Promise<void> {
  for (let position = 0, turn = 0; position < bytes.length; turn++) {
    const size = Math.min(sizes[turn % sizes.length]!, bytes.length - position);
    await hashes.feed(bytes.subarray(position, position + size), position);
    position += size;
  }
  await hashes.finish();
}

const layoutOf = (pack: OpenedPack, path: string) => {
  const entry = pack.entries.get(path)!;
  return { localHeaderOffset: entry.relativeOffsetOfLocalHeader, compressedSize: entry.compressedSize, compressionMethod: entry.compressionMethod };
};

describe('hashing a pack while it is copied', () => {
  it('finds every file’s size and SHA-256 in one pass, wherever the chunks break (headers and data split anywhere)', async () => {
    const file = await mixedPack();
    const bytes = fs.readFileSync(file);
    const pack = await openPack(file);
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 400_000 }), { minLength: 1, maxLength: 8 }), async (sizes) => {
          const hashes = new StreamedHashes(pack);
          await stream(hashes, bytes, sizes);
          for (const f of pack.manifest.files) expect(hashes.get(f.path, layoutOf(pack, f.path))).toEqual({ size: f.size, sha256: f.sha256 });
        }),
        { numRuns: 40 },
      );
    } finally {
      pack.close();
    }
  });

  it('judges the bytes that streamed past: one changed byte of stored or deflated content is refused as the ordinary check refuses it, though the file read later is intact', async () => {
    const file = await mixedPack();
    const pack = await openPack(file);
    try {
      for (const path of ['images/photo.jpg', 'text/page.md', 'text/tiny.txt']) {
        const bytes = fs.readFileSync(file);
        const { fileDataStart } = await pack.zip.readLocalFileHeaderPromise(pack.entries.get(path)!, { minimal: true });
        bytes[fileDataStart + Math.min(100, pack.entries.get(path)!.compressedSize - 1)]! ^= 0xff;
        const tampered = `${file}.tampered`;
        fs.writeFileSync(tampered, bytes);
        const ordinary = await openPack(tampered);
        const expected = await verifyContent(ordinary).then(() => null, (error: unknown) => error);
        ordinary.close();
        expect(expected).toMatchObject({ code: expect.stringMatching(/^pack\.file_(hash|size)_mismatch$/), params: { file: path } });

        const hashes = new StreamedHashes(pack);
        await stream(hashes, bytes, [64 * 1024]);
        await expect(verifyContent(pack, undefined, undefined, hashes)).rejects.toEqual(expected);
      }
    } finally {
      pack.close();
    }
  });

  it('gives the ordinary check’s verdict when the file is rewritten in the middle of the copy', async () => {
    const file = await mixedPack();
    const first = await openPack(file);
    const firstBytes = fs.readFileSync(file);
    // The same pack with other bytes in a stored and a deflated file, as a rewrite on the stick would leave it.
    const otherBytes = Buffer.from(firstBytes);
    for (const path of ['video/clip.mp4', 'text/page.md']) {
      const { fileDataStart } = await first.zip.readLocalFileHeaderPromise(first.entries.get(path)!, { minimal: true });
      otherBytes[fileDataStart + 200]! ^= 0x55;
    }
    const staged = `${file}.staged`;
    try {
      await fc.assert(
        fc.asyncProperty(fc.noBias(fc.integer({ min: 0, max: firstBytes.length })), async (cut) => {
          // What the copy wrote: the first bytes up to the change, the rewritten ones after it.
          const written = Buffer.concat([firstBytes.subarray(0, cut), otherBytes.subarray(cut)]);
          fs.writeFileSync(staged, written);
          const hashes = new StreamedHashes(first);
          await stream(hashes, written, [256 * 1024]);
          const pack = await openPack(staged);
          try {
            const ordinary = await verifyContent(pack).then(() => 'ok', (error: { code: string }) => error.code);
            const withStreamed = await verifyContent(pack, undefined, undefined, hashes).then(() => 'ok', (error: { code: string }) => error.code);
            expect(withStreamed).toBe(ordinary);
          } finally {
            pack.close();
          }
        }),
        { numRuns: 40 },
      );
    } finally {
      first.close();
    }
  });

  it('answers only for the layout it streamed: an entry the staged copy places elsewhere is read again', async () => {
    const pack = await openPack(await mixedPack());
    try {
      const hashes = new StreamedHashes(pack);
      await stream(hashes, fs.readFileSync(pack.file), [1024 * 1024]);
      for (const f of pack.manifest.files) {
        const layout = layoutOf(pack, f.path);
        expect(hashes.get(f.path, layout)).toEqual({ size: f.size, sha256: f.sha256 });
        expect(hashes.get(f.path, { ...layout, localHeaderOffset: layout.localHeaderOffset + 1 })).toBeUndefined();
        expect(hashes.get(f.path, { ...layout, compressedSize: layout.compressedSize + 1 })).toBeUndefined();
        expect(hashes.get(f.path, { ...layout, compressionMethod: 8 - layout.compressionMethod })).toBeUndefined();
      }
    } finally {
      pack.close();
    }
  });

  it('gives no result for a file cut short inside an entry, so the ordinary check names the problem', async () => {
    const file = await mixedPack();
    const pack = await openPack(file);
    try {
      const bytes = fs.readFileSync(file);
      const cut = layoutOf(pack, 'video/clip.mp4').localHeaderOffset + 1000;
      const hashes = new StreamedHashes(pack);
      await stream(hashes, bytes.subarray(0, cut), [256 * 1024]);
      expect(hashes.get('video/clip.mp4', layoutOf(pack, 'video/clip.mp4'))).toBeUndefined();
    } finally {
      pack.close();
    }
  });
});
