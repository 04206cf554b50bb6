import { createHash, type Hash } from 'node:crypto';
import { finished } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { Entry } from 'yauzl';
import type { OpenedPack } from './pack-file';

const LOCAL_HEADER_BYTES = 30;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;

/** Where an entry's bytes lie in the pack file, as its central directory says. */
export interface EntryLayout {
  localHeaderOffset: number;
  compressedSize: number;
  compressionMethod: number;
}

/** An entry's content as it streamed past: its size and SHA-256, or why it has none. */
export type StreamedDigest = { size: number; sha256: string } | { failure: 'oversize' | 'inflate' };

/** A content entry hashed from the stream, with the layout it was read at. */
export interface StreamedEntry extends EntryLayout {
  digest: StreamedDigest;
}

interface Planned extends EntryLayout {
  path: string;
  declaredSize: number;
}

interface Active {
  planned: Planned;
  dataEnd: number;
  hash: Hash;
  size: number;
  failure: 'oversize' | 'inflate' | null;
  inflater: zlib.InflateRaw | null;
}

/**
 * Hashes every content entry of a pack from the pack's bytes as they stream past once, in file
 * order (while the installer copies the file), so nothing has to be read a second time. The plan
 * comes from the central directory read before the copy; each entry's data start comes from its
 * local header in the streamed bytes themselves. An entry it cannot place (headers that overlap
 * or a bad local header) simply gets no result: verification then reads it the ordinary way.
 * Deflated entries are inflated on the way, never producing more than their declared size.
 */
export class StreamedHashes {
  private readonly plan: Planned[];
  private readonly results = new Map<string, StreamedEntry>();
  private readonly inflating: Array<Promise<void>> = [];
  private index = 0;
  /** The next byte of the file this has not looked at yet. */
  private cursor = 0;
  private readonly header = Buffer.alloc(LOCAL_HEADER_BYTES);
  private headerFill = -1;
  private active: Active | null = null;

  constructor(pack: Pick<OpenedPack, 'manifest' | 'entries'>) {
    this.plan = pack.manifest.files
      .map((file) => ({ path: file.path, declaredSize: file.size, ...layoutOf(pack.entries.get(file.path)!) }))
      .sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  }

  /** Takes the next bytes of the file (`position` is where `chunk` starts); call in order, without gaps. */
  async feed(chunk: Buffer, position: number): Promise<void> {
    const end = position + chunk.length;
    while (this.index < this.plan.length && this.cursor < end) {
      const planned = this.plan[this.index]!;
      if (this.active) {
        await this.feedData(this.active, chunk, position, end);
        continue;
      }
      if (this.headerFill < 0) {
        // An entry whose header lies inside bytes already passed (overlapping entries) is left to the ordinary check.
        if (planned.localHeaderOffset < this.cursor) {
          this.index++;
          continue;
        }
        if (planned.localHeaderOffset >= end) {
          this.cursor = end;
          return;
        }
        this.cursor = planned.localHeaderOffset;
        this.headerFill = 0;
      }
      const take = Math.min(LOCAL_HEADER_BYTES - this.headerFill, end - this.cursor);
      chunk.copy(this.header, this.headerFill, this.cursor - position, this.cursor - position + take);
      this.headerFill += take;
      this.cursor += take;
      if (this.headerFill === LOCAL_HEADER_BYTES) this.startEntry(planned);
    }
    if (this.cursor < end && this.index >= this.plan.length) this.cursor = end;
  }

  /** Waits for the last inflations; then `get` answers for every entry the stream placed. */
  async finish(): Promise<void> {
    // A file that ended inside an entry (cut short) leaves it unhashed: the ordinary check says why.
    this.active?.inflater?.destroy();
    this.active = null;
    await Promise.all(this.inflating);
  }

  /** What the stream found for the file at `path` if it was read at exactly this layout. */
  get(path: string, layout: EntryLayout): StreamedDigest | undefined {
    const found = this.results.get(path);
    if (!found) return undefined;
    const same =
      found.localHeaderOffset === layout.localHeaderOffset &&
      found.compressedSize === layout.compressedSize &&
      found.compressionMethod === layout.compressionMethod;
    return same ? found.digest : undefined;
  }

  private startEntry(planned: Planned): void {
    this.headerFill = -1;
    if (this.header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) {
      this.index++;
      return;
    }
    const dataStart = planned.localHeaderOffset + LOCAL_HEADER_BYTES + this.header.readUInt16LE(26) + this.header.readUInt16LE(28);
    const active: Active = { planned, dataEnd: dataStart + planned.compressedSize, hash: createHash('sha256'), size: 0, failure: null, inflater: null };
    // Nothing stored means nothing to inflate either (as the ordinary check reads it).
    if (planned.compressionMethod !== 0 && planned.compressedSize > 0) active.inflater = this.inflaterFor(active);
    this.active = active;
    this.cursor = dataStart;
    if (planned.compressedSize === 0) this.endEntry(active);
  }

  private inflaterFor(active: Active): zlib.InflateRaw {
    const inflater = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    inflater.on('data', (out: Buffer) => {
      if (active.failure) return;
      active.size += out.length;
      if (active.size > active.planned.declaredSize) {
        active.failure = 'oversize';
        inflater.destroy();
        return;
      }
      active.hash.update(out);
    });
    inflater.on('error', () => {
      active.failure ??= 'inflate';
    });
    return inflater;
  }

  private async feedData(active: Active, chunk: Buffer, position: number, end: number): Promise<void> {
    const until = Math.min(active.dataEnd, end);
    if (this.cursor < until) {
      const bytes = chunk.subarray(this.cursor - position, until - position);
      this.cursor = until;
      if (!active.inflater) {
        active.size += bytes.length;
        active.hash.update(bytes);
      } else if (!active.failure && !active.inflater.write(Buffer.from(bytes))) {
        // The copy reuses its buffer, hence the copy above; waiting here keeps memory flat.
        await drained(active.inflater);
      }
    }
    if (this.cursor >= active.dataEnd) this.endEntry(active);
  }

  private endEntry(active: Active): void {
    this.active = null;
    this.index++;
    const { planned } = active;
    const record = () => {
      const digest: StreamedDigest = active.failure ? { failure: active.failure } : { size: active.size, sha256: active.hash.digest('hex') };
      this.results.set(planned.path, { localHeaderOffset: planned.localHeaderOffset, compressedSize: planned.compressedSize, compressionMethod: planned.compressionMethod, digest });
    };
    const inflater = active.inflater;
    if (!inflater) return record();
    inflater.end();
    this.inflating.push(
      finished(inflater)
        .catch(() => {
          active.failure ??= 'inflate';
        })
        .then(record),
    );
  }
}

function layoutOf(entry: Entry): EntryLayout {
  return { localHeaderOffset: entry.relativeOffsetOfLocalHeader, compressedSize: entry.compressedSize, compressionMethod: entry.compressionMethod };
}

function drained(stream: zlib.InflateRaw): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('error', done).off('close', done);
      resolve();
    };
    stream.on('drain', done).on('error', done).on('close', done);
  });
}
