import fs from 'node:fs';
import type { Entry } from 'yauzl';
import { AppError } from '../errors';

const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const LOCAL_FIXED = 30;
const ZIP64_EXTRA = 0x0001;
/** Bits of the flags that change how an entry is read: encrypted, sizes after the data, UTF-8 name. */
const MEANINGFUL_FLAGS = 0x0001 | 0x0008 | 0x0800;
const SIZES_AFTER_DATA = 0x0008;

/** What two readers of the same pack could disagree on, named in `pack.zip_disagreement`. */
export type ZipField = 'name' | 'flags' | 'method' | 'crc' | 'sizes' | 'position';

/**
 * A zip can be read two ways: from its central directory (yauzl, the kiosk) or entry by entry from
 * the local headers (streaming tools, some unzippers). A pack is only accepted when both readings
 * are the same pack: no name appears twice (readers keep the first or the last copy), and every
 * local header says what the central directory says (name, flags, method, CRC, sizes), with the
 * entries one after the other from the start of the file, so nothing hides between them.
 * `entries` is every entry of the central directory, in its order, with raw (undecoded) names.
 */
export async function checkZipAgreement(file: string, entries: readonly Entry[], names: readonly string[]): Promise<void> {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new AppError('pack.entry_duplicate', { file: name });
    seen.add(name);
  }

  const byOffset = entries.map((entry, i) => ({ entry, name: names[i]! })).sort((a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader);
  const handle = await fs.promises.open(file, 'r');
  const reader = new WindowReader(handle);
  try {
    let expected = 0;
    for (const { entry, name } of byOffset) {
      const disagree = (field: ZipField) => new AppError('pack.zip_disagreement', { file: name, field });
      if (entry.relativeOffsetOfLocalHeader !== expected) throw disagree('position');
      const local = await readLocalHeader(reader, entry);
      if (!local) throw disagree('position');
      if (!local.name.equals(entry.fileName as unknown as Buffer)) throw disagree('name');
      if ((local.flags & MEANINGFUL_FLAGS) !== (entry.generalPurposeBitFlag & MEANINGFUL_FLAGS)) throw disagree('flags');
      if (local.method !== entry.compressionMethod) throw disagree('method');
      const dataEnd = local.dataStart + entry.compressedSize;
      if ((local.flags & SIZES_AFTER_DATA) !== 0) {
        // Sizes and CRC follow the data; the header's own are zero, or (some writers) the real ones.
        const zero = local.crc === 0 && local.compressedSize === 0 && local.uncompressedSize === 0;
        if (!zero && !sameValues(local, entry)) throw disagree(local.crc !== entry.crc32 ? 'crc' : 'sizes');
        const length = await descriptorLength(reader, dataEnd, entry);
        if (length === null) throw disagree('sizes');
        expected = dataEnd + length;
      } else {
        if (local.crc !== entry.crc32) throw disagree('crc');
        if (!sameValues(local, entry)) throw disagree('sizes');
        expected = dataEnd;
      }
    }
  } finally {
    await handle.close();
  }
}

interface LocalHeader {
  name: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  dataStart: number;
}

function sameValues(local: LocalHeader, entry: Entry): boolean {
  return local.crc === entry.crc32 && local.compressedSize === entry.compressedSize && local.uncompressedSize === entry.uncompressedSize;
}

/**
 * Small reads served from one 64 KiB window of the file: the headers of a pack's many small files
 * lie close together, so a few large reads serve thousands of them (a stick answers few reads a second).
 * The window's buffer is reused (a new one per read left megabytes for the garbage collector on a
 * large pack, and the import's memory grew with the pack): what a read answers is used before the
 * next read.
 */
class WindowReader {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private window = Buffer.alloc(0);
  private start = 0;

  constructor(private readonly handle: fs.promises.FileHandle) {}

  async read(length: number, position: number): Promise<Buffer> {
    if (position < this.start || position + length > this.start + this.window.length) {
      if (length > this.buffer.length) this.buffer = Buffer.allocUnsafe(length);
      const { bytesRead } = await this.handle.read(this.buffer, 0, this.buffer.length, position);
      this.window = this.buffer.subarray(0, bytesRead);
      this.start = position;
    }
    return this.window.subarray(position - this.start, position - this.start + length);
  }
}

/** The local header at the entry's offset, sizes taken from its zip64 field where it has one; null if there is none. */
async function readLocalHeader(reader: WindowReader, entry: Entry): Promise<LocalHeader | null> {
  const at = entry.relativeOffsetOfLocalHeader;
  // One read covers the header, a name as long as the central one and a small extra field.
  const centralNameLength = (entry.fileName as unknown as Buffer).length;
  let bytes = await reader.read(LOCAL_FIXED + centralNameLength + 64, at);
  if (bytes.length < LOCAL_FIXED || bytes.readUInt32LE(0) !== LOCAL_SIGNATURE) return null;
  const nameLength = bytes.readUInt16LE(26);
  const extraLength = bytes.readUInt16LE(28);
  if (bytes.length < LOCAL_FIXED + nameLength + extraLength) bytes = await reader.read(LOCAL_FIXED + nameLength + extraLength, at);
  if (bytes.length < LOCAL_FIXED + nameLength + extraLength) return null;
  const header: LocalHeader = {
    name: bytes.subarray(LOCAL_FIXED, LOCAL_FIXED + nameLength),
    flags: bytes.readUInt16LE(6),
    method: bytes.readUInt16LE(8),
    crc: bytes.readUInt32LE(14),
    compressedSize: bytes.readUInt32LE(18),
    uncompressedSize: bytes.readUInt32LE(22),
    dataStart: at + LOCAL_FIXED + nameLength + extraLength,
  };
  if (header.uncompressedSize === 0xffffffff || header.compressedSize === 0xffffffff) {
    const zip64 = findExtra(bytes.subarray(LOCAL_FIXED + nameLength, LOCAL_FIXED + nameLength + extraLength), ZIP64_EXTRA);
    // In a local header the zip64 field holds both sizes, uncompressed first.
    if (!zip64 || zip64.length < 16) return { ...header, uncompressedSize: -1, compressedSize: -1 };
    header.uncompressedSize = Number(zip64.readBigUInt64LE(0));
    header.compressedSize = Number(zip64.readBigUInt64LE(8));
  }
  return header;
}

function findExtra(extra: Buffer, id: number): Buffer | null {
  for (let i = 0; i + 4 <= extra.length; ) {
    const size = extra.readUInt16LE(i + 2);
    if (extra.readUInt16LE(i) === id) return extra.subarray(i + 4, i + 4 + size);
    i += 4 + size;
  }
  return null;
}

/**
 * The data descriptor after an entry's data must repeat the central directory's CRC and sizes; it
 * comes with or without its signature, with 4- or 8-byte sizes. Answers its length, or null.
 */
async function descriptorLength(reader: WindowReader, at: number, entry: Entry): Promise<number | null> {
  const bytes = await reader.read(24, at);
  const signed = bytes.length >= 4 && bytes.readUInt32LE(0) === DESCRIPTOR_SIGNATURE;
  const starts = signed ? [4, 0] : [0];
  for (const start of starts) {
    if (bytes.length >= start + 12 && bytes.readUInt32LE(start) === entry.crc32) {
      if (bytes.readUInt32LE(start + 4) === entry.compressedSize && bytes.readUInt32LE(start + 8) === entry.uncompressedSize) return start + 12;
      if (bytes.length >= start + 20 && Number(bytes.readBigUInt64LE(start + 4)) === entry.compressedSize && Number(bytes.readBigUInt64LE(start + 12)) === entry.uncompressedSize) {
        return start + 20;
      }
    }
  }
  return null;
}
