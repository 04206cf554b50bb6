import fs from 'node:fs';

export interface CopyOptions {
  signal?: AbortSignal;
  /** Turns a read, write or sync failure into what it means for the caller. */
  mapError: (error: unknown) => Error;
}

/** Big sequential reads are what a USB stick does best; two buffers let reading and writing overlap. */
const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Copies a file with large sequential reads and writes, reading the next chunk while the last
 * one is written, then fsyncs the copy so it survives a power cut. Plain reads and writes also
 * work on file systems without copy_file_range (FUSE ones, many sticks' drivers). Memory stays at
 * two chunks whatever the file's size. The target must not exist yet.
 */
export async function copyDurably(from: string, to: string, options: CopyOptions, onBytes: (done: number) => void = () => {}): Promise<void> {
  let source: fs.promises.FileHandle | undefined;
  let target: fs.promises.FileHandle | undefined;
  let writing: Promise<unknown> = Promise.resolve();
  try {
    source = await fs.promises.open(from, 'r');
    target = await fs.promises.open(to, 'wx');
    const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
    let position = 0;
    for (let turn = 0; ; turn++) {
      if (options.signal?.aborted) throw options.signal.reason;
      const buffer = buffers[turn % 2]!;
      const { bytesRead } = await source.read(buffer, 0, CHUNK_BYTES, position);
      await writing;
      if (bytesRead === 0) break;
      writing = writeFully(target, buffer.subarray(0, bytesRead), position);
      // Awaited on the next turn; until then a failure (ENOSPC) must not count as unhandled.
      writing.catch(() => {});
      position += bytesRead;
      onBytes(position);
    }
    await target.sync();
  } catch (error) {
    throw options.mapError(error);
  } finally {
    await writing.catch(() => {});
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
