import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a whole file so that it is either there complete or not there at all, even if the
 * stick is pulled or fills up half-way: the bytes go to a `.part` file beside it, are flushed
 * to the device (fsync), and only then renamed to the final name. On failure the part file is
 * removed where that is still possible, and the failure goes through `mapError`.
 */
export async function writeFileDurably(file: string, data: string | Uint8Array, mapError: (error: unknown) => Error): Promise<void> {
  const partial = `${file}.part`;
  try {
    await fs.promises.rm(partial, { force: true });
    const handle = await fs.promises.open(partial, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await replace(partial, file);
    await syncFolder(path.dirname(file));
  } catch (error) {
    await fs.promises.rm(partial, { force: true }).catch(() => {});
    throw mapError(error);
  }
}

/** rename() replaces the target on POSIX file systems; some FAT drivers refuse while it exists. */
async function replace(from: string, to: string): Promise<void> {
  try {
    await fs.promises.rename(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'EPERM' && code !== 'EACCES') throw error;
    await fs.promises.rm(to, { force: true });
    await fs.promises.rename(from, to);
  }
}

/** Makes a rename durable where the OS allows a folder to be synced (not on Windows, nor some FUSE drivers). */
export async function syncFolder(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch {
    // Folders cannot be opened or synced everywhere (Windows, some FUSE drivers); the file is.
  } finally {
    await handle?.close().catch(() => {});
  }
}
