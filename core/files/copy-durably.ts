import fs from 'node:fs';

export interface CopyOptions {
  signal?: AbortSignal;
  /** Turns a read, write or sync failure into what it means for the caller. */
  mapError: (error: unknown) => Error;
  /**
   * Sees every chunk, in order, while it is being written and the next one read (a pack's
   * hashes are computed this way, in the same single pass). The chunk is only valid until the
   * returned promise settles.
   */
  inspect?: (chunk: Buffer, position: number) => unknown;
}

/** Big sequential reads are what a USB stick does best; two buffers let reading, writing and inspecting overlap. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/**
 * How much is written between early flushes. The kernel would otherwise keep a whole pack dirty in
 * memory and write it all at the final fsync; flushing as the copy goes on overlaps the disk's
 * writing with the copy, so the final fsync has at most this much left to do.
 */
const FLUSH_EVERY_BYTES = 64 * 1024 * 1024;

/**
 * Copies a file with large sequential reads and writes, reading the next chunk while the last
 * one is written (and inspected), flushing to disk as it goes, then fsyncs the copy so it survives a power cut. Plain reads and writes also
 * work on file systems without copy_file_range (FUSE ones, many sticks' drivers). Memory stays at
 * two chunks whatever the file's size. The target must not exist yet.
 */
export async function copyDurably(from: string, to: string, options: CopyOptions, onBytes: (done: number) => void = () => {}): Promise<void> {
  let source: fs.promises.FileHandle | undefined;
  let target: fs.promises.FileHandle | undefined;
  let writing: Promise<unknown> = Promise.resolve();
  let reading: Promise<{ bytesRead: number }> | undefined;
  let flushing: Promise<void> | null = null;
  try {
    source = await fs.promises.open(from, 'r');
    target = await fs.promises.open(to, 'wx');
    const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
    const file = source;
    const readInto = (buffer: Buffer, at: number) => {
      reading = file.read(buffer, 0, CHUNK_BYTES, at);
      // Awaited on the next turn; until then a failure must not count as unhandled.
      reading.catch(() => {});
      return reading;
    };
    const handle = target;
    let flushed = 0;
    let flushFailure: unknown = null;
    let position = 0;
    let next = readInto(buffers[0]!, 0);
    for (let turn = 0; ; turn++) {
      if (options.signal?.aborted) throw options.signal.reason;
      const { bytesRead } = await next;
      // The last write used the other buffer: it must be done before the next read fills it.
      await writing;
      if (flushFailure) throw flushFailure;
      if (!flushing && position - flushed >= FLUSH_EVERY_BYTES) {
        flushed = position;
        // Runs beside the copy; a failure (EIO, ENOSPC) fails the copy at the next turn.
        flushing = handle.datasync().then(
          () => {
            flushing = null;
          },
          (error: unknown) => {
            flushFailure = error;
            flushing = null;
          },
        );
      }
      if (bytesRead === 0) break;
      const chunk = buffers[turn % 2]!.subarray(0, bytesRead);
      writing = writeFully(target, chunk, position);
      writing.catch(() => {}); // as for reads
      next = readInto(buffers[(turn + 1) % 2]!, position + bytesRead);
      // Runs while the write and the next read are in flight.
      await options.inspect?.(chunk, position);
      position += bytesRead;
      onBytes(position);
    }
    await flushing;
    if (flushFailure) throw flushFailure;
    await target.sync();
  } catch (error) {
    throw options.mapError(error);
  } finally {
    await writing.catch(() => {});
    await reading?.catch(() => {});
    await flushing;
    await target?.close().catch(() => {});
    await source?.close().catch(() => {});
  }
}

/** A write may take fewer bytes than asked (rare on files, possible on odd drivers): finish it. */
async function writeFully(handle: fs.promises.FileHandle, data: Buffer, position: number): Promise<void> {
  for (let offset = 0; offset < data.length; ) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset, position + offset);
    offset += bytesWritten;
  }
}
