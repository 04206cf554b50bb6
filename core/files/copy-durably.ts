import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface CopyOptions {
  signal?: AbortSignal;
  /** Turns a read, write or sync failure into what it means for the caller. */
  mapError: (error: unknown) => Error;
}

/**
 * Copies a file in large sequential reads and writes (what a USB stick does best, and what
 * works on file systems without copy_file_range, such as FUSE ones), then fsyncs the copy so it
 * survives a power cut. The target must not exist yet.
 */
export async function copyDurably(from: string, to: string, options: CopyOptions, onBytes: (done: number) => void = () => {}): Promise<void> {
  let done = 0;
  let lastReport = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      if (done - lastReport >= 1024 * 1024) {
        lastReport = done;
        onBytes(done);
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(fs.createReadStream(from, { highWaterMark: 1024 * 1024 }), counter, fs.createWriteStream(to, { flags: 'wx' }), { signal: options.signal });
    onBytes(done);
    const handle = await fs.promises.open(to, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw options.mapError(error);
  }
}
