import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { openEntryStream, readFailure, type OpenedPack } from './pack-file';

export interface FileCheck {
  /** The file's name inside the pack's `files/` folder, as the manifest lists it. */
  path: string;
  ok: boolean;
  problem?: 'hash' | 'size';
}

/**
 * Checks every content file against the manifest, one result per file in manifest order, and
 * carries on past bad files so a publisher sees all of them at once (`verifyContent` stops at the
 * first, which is what an import wants). Each file is streamed through SHA-256: memory stays flat.
 * A failure to read the pack file at all (stick pulled, disk error) is still thrown.
 */
export async function* checkEachFile(pack: OpenedPack): AsyncGenerator<FileCheck> {
  for (const file of pack.manifest.files) {
    const hash = createHash('sha256');
    let size = 0;
    let problem: FileCheck['problem'];
    try {
      for await (const chunk of await openEntryStream(pack.zip, pack.entries.get(file.path)!)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
    } catch (error) {
      problem = contentProblem(error);
      if (!problem) throw readFailure(error, file.path);
    }
    if (!problem && size !== file.size) problem = 'size';
    if (!problem && hash.digest('hex') !== file.sha256) problem = 'hash';
    yield problem ? { path: file.path, ok: false, problem } : { path: file.path, ok: true };
  }
}

/** Which read errors mean "this entry's bytes are not what was signed" rather than "cannot read". */
function contentProblem(error: unknown): FileCheck['problem'] | undefined {
  if (error instanceof AppError) return undefined;
  // Tampered compressed bytes fail to inflate.
  if (String((error as NodeJS.ErrnoException).code ?? '').startsWith('Z_')) return 'hash';
  // yauzl's size validation: the inflated data is longer or shorter than the zip declares.
  if (/too many bytes|not enough bytes|invalid|unexpected end/i.test(String((error as Error).message))) return 'size';
  return undefined;
}
