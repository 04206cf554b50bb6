import path from 'node:path';
import { freeBytes, type Drive } from '../drives';
import { AppError } from '../errors';
import { resolveTargetDir, type Target } from './target-dir';
import { writeFileDurably } from './write-durably';

/** File system errors that mean the stick is no longer there to write to. */
const GONE = new Set(['ENOENT', 'ENOTCONN', 'EIO', 'ENODEV', 'ENXIO', 'ESTALE', 'EBADF']);

/** Room for the file system's own bookkeeping (a directory entry, a cluster's rounding). */
const FREE_MARGIN = 64 * 1024;

/**
 * Writes a small file (a statistics export, the figures for the collector, a certificate's PDF) onto a stick or into
 * the kiosk's exports folder: complete or not at all, with a full or pulled-out stick reported as
 * such. Answers the file's path.
 */
export async function writeToTarget(
  target: Target,
  places: { drives: readonly Drive[]; dataDir: string },
  name: string,
  content: string | Uint8Array,
): Promise<string> {
  const { dir, label } = resolveTargetDir(target, places.drives, places.dataDir);
  const onDrive = target.kind === 'drive';
  const failure = (error: unknown) => {
    const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
    if (onDrive && code === 'ENOSPC') return new AppError('drive.no_space', { drive: label });
    if (onDrive && GONE.has(code)) return new AppError('drive.gone', { drive: label });
    return new AppError('export.write_failed', { file: dir });
  };
  // Checked first because some FAT drivers answer a full stick with EPERM, not ENOSPC.
  const free = await freeBytes(dir).catch((error: unknown) => Promise.reject(failure(error)));
  if (free < Buffer.byteLength(content) + FREE_MARGIN) throw onDrive ? new AppError('drive.no_space', { drive: label }) : failure({ code: 'ENOSPC' });
  const file = path.join(dir, name);
  await writeFileDurably(file, content, failure);
  return file;
}
