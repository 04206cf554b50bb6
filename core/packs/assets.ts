import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { AppError } from '../errors';
import { entryNameProblem } from './entry-names';
import type { PackInstaller } from './installer';
import { openEntryStream, openPack, type OpenedPack } from './pack-file';

export interface Asset {
  stream: Readable;
  /** The whole file's size. */
  size: number;
  /** The part `stream` holds, when a range was asked for and could be served. */
  range: { start: number; end: number } | null;
}

/**
 * Serves files out of installed packs, straight from their zip (packs are never unpacked).
 * Open packs are kept for reuse and closed before their file is replaced or removed, which
 * Windows requires and which keeps file handles from piling up.
 */
export class PackAssets {
  private readonly open = new Map<string, Promise<OpenedPack>>();

  constructor(private readonly installer: PackInstaller) {}

  /**
   * A file's content, or with `range` (inclusive byte offsets, as HTTP gives them) only that part:
   * media elements seek with ranges. Ranges are served for stored entries (media are stored, not
   * deflated); a deflated entry is always sent whole, with `range` null in the answer.
   */
  async read(packId: string, assetPath: string, range?: { start: number; end?: number }): Promise<Asset> {
    const row = this.installer.find(packId);
    if (!row || entryNameProblem(assetPath)) throw new AppError('pack.asset_not_found', { packId, file: assetPath });
    let opened = this.open.get(row.file);
    if (!opened) {
      opened = openPack(this.installer.filePath(row));
      this.open.set(row.file, opened);
      opened.catch(() => this.open.delete(row.file));
    }
    const pack = await opened;
    const entry = pack.entries.get(assetPath);
    if (!entry) throw new AppError('pack.asset_not_found', { packId, file: assetPath });
    const size = entry.uncompressedSize;
    if (range && entry.compressionMethod === 0 && size > 0) {
      const start = Math.min(range.start, size - 1);
      const end = Math.min(range.end ?? size - 1, size - 1);
      if (start <= end) {
        const { fileDataStart } = await pack.zip.readLocalFileHeaderPromise(entry, { minimal: true });
        const stream = fs.createReadStream(pack.file, { start: fileDataStart + start, end: fileDataStart + end });
        return { stream, size, range: { start, end } };
      }
    }
    return { stream: await openEntryStream(pack.zip, entry), size, range: null };
  }

  release(file: string): void {
    const opened = this.open.get(file);
    this.open.delete(file);
    void opened?.then((pack) => pack.close(), () => {});
  }

  closeAll(): void {
    for (const file of [...this.open.keys()]) this.release(file);
  }
}
