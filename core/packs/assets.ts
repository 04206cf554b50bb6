import type { Readable } from 'node:stream';
import { AppError } from '../errors';
import { entryNameProblem } from './entry-names';
import type { PackInstaller } from './installer';
import { openEntryStream, openPack, type OpenedPack } from './pack-file';

/**
 * Serves files out of installed packs, straight from their zip (packs are never unpacked).
 * Open packs are kept for reuse and closed before their file is replaced or removed, which
 * Windows requires and which keeps file handles from piling up.
 */
export class PackAssets {
  private readonly open = new Map<string, Promise<OpenedPack>>();

  constructor(private readonly installer: PackInstaller) {}

  async read(packId: string, assetPath: string): Promise<{ stream: Readable; size: number }> {
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
    return { stream: await openEntryStream(pack.zip, entry), size: entry.uncompressedSize };
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
