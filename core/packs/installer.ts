import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { APP_VERSION } from '../app/version';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { copyDurably } from '../files/copy-durably';
import type { Manifest } from './manifest';
import { PackOwners } from './pack-owners';
import { openPack, readFailure, verifyContent, type OpenedPack } from './pack-file';
import { StreamedHashes } from './streamed-hashes';
import type { TrustLevel, TrustStore } from './trust';
import { compareVersions } from './version';

export const PACK_EXTENSION = '.ayilpack';
const STAGING_PREFIX = '.staging-';

export interface InstallOptions {
  /** An administrator accepted the warning about an unsigned or unknown-publisher pack. */
  acceptUntrusted?: boolean;
  /** An administrator allows a downgrade or a same-version re-install. */
  force?: boolean;
  /** One of the app's own packs (bundled.ts): it belongs to the key it ships signed with, whoever held its id. */
  fromApp?: boolean;
  onProgress?: (progress: InstallProgress) => void;
  signal?: AbortSignal;
}

export interface InstallProgress {
  phase: 'checking' | 'copying' | 'verifying' | 'switching';
  bytesDone: number;
  bytesTotal: number;
  currentFile: string;
}

export interface InstalledRow {
  id: string;
  version: string;
  file: string;
  size: number;
  trust: TrustLevel;
  keyId: string | null;
  installedAt: string;
  manifest: Manifest;
}

interface PackRow {
  id: string;
  version: string;
  file: string;
  size: number;
  manifest_json: string;
  key_id: string | null;
  trust: TrustLevel;
  installed_at: string;
}

export type PackStatus = 'new' | 'newer' | 'installed' | 'older';

/**
 * Installs, replaces and removes packs. An installed pack is its original signed file, kept in
 * the packs folder; the `packs` table row says which file is active. Import copies the pack from
 * the stick into a staging file beside the install folder (same volume), hashing every file on the
 * way, checks the staged copy against those hashes and the signature, renames
 * it to its final name and then switches the row in one transaction: that commit is the moment the
 * new version exists. Before it, the old version is installed and in use; after a crash anywhere,
 * start-up cleaning removes whatever the table does not point at.
 */
export class PackInstaller {
  /** Who each pack id belongs to, and the highest version ever installed. */
  readonly owners: PackOwners;

  constructor(
    private readonly db: Db,
    readonly packsDir: string,
    private readonly trust: TrustStore,
    private readonly now: () => Date,
    private readonly beforeFileRemoval: (file: string) => void = () => {},
  ) {
    fs.mkdirSync(packsDir, { recursive: true });
    this.owners = new PackOwners(db, now);
  }

  /** Removes staging files and pack files no row points at (left by a crash or power cut). */
  cleanUp(): void {
    const active = new Set(this.rows().map((r) => r.file));
    for (const name of fs.readdirSync(this.packsDir)) {
      if (active.has(name)) continue;
      if (name.startsWith(STAGING_PREFIX) || name.endsWith(PACK_EXTENSION) || /@\d+\.\d+\.\d+$/.test(name)) {
        fs.rmSync(path.join(this.packsDir, name), { recursive: true, force: true });
      }
    }
  }

  list(): InstalledRow[] {
    return this.rows().map(toInstalled);
  }

  find(id: string): InstalledRow | undefined {
    const row = this.db.prepare<[string], PackRow>('SELECT * FROM packs WHERE id = ?').get(id);
    return row ? toInstalled(row) : undefined;
  }

  filePath(row: Pick<InstalledRow, 'file'>): string {
    return path.join(this.packsDir, row.file);
  }

  /** Compares a pack's id and version with what is installed. */
  statusOf(manifest: Manifest): PackStatus {
    const current = this.find(manifest.id);
    // Removed since: still older than what this kiosk once had.
    if (!current) return this.owners.newerThan(manifest) ? 'older' : 'new';
    const order = compareVersions(manifest.version, current.version);
    return order > 0 ? 'newer' : order === 0 ? 'installed' : 'older';
  }

  /** Checks a pack without changing anything: what `install` would refuse, it refuses here too. */
  async admissible(file: string, options: Pick<InstallOptions, 'acceptUntrusted' | 'force' | 'fromApp'>): Promise<{ pack: OpenedPack; trust: TrustLevel }> {
    const pack = await openPack(file);
    try {
      const trust = this.trust.check(pack);
      if (trust === 'unsigned' && !options.acceptUntrusted) throw new AppError('pack.signature_missing');
      if (trust === 'untrusted' && !options.acceptUntrusted) {
        throw new AppError('pack.publisher_unknown', { keyId: pack.signature!.keyId, publisher: pack.manifest.publisher });
      }
      if (compareVersions(APP_VERSION, pack.manifest.minAppVersion) < 0) {
        throw new AppError('pack.app_too_old', { needed: pack.manifest.minAppVersion, current: APP_VERSION });
      }
      if (!options.fromApp) this.checkOwner(pack);
      const status = this.statusOf(pack.manifest);
      if (status === 'installed' && !options.force) throw new AppError('pack.already_installed', { packId: pack.manifest.id, version: pack.manifest.version });
      if (status === 'older' && !options.force) {
        const installed = this.find(pack.manifest.id);
        if (installed) throw new AppError('pack.downgrade', { packId: pack.manifest.id, version: pack.manifest.version, installed: installed.version });
        throw new AppError('pack.older_than_before', { packId: pack.manifest.id, version: pack.manifest.version, highest: this.owners.newerThan(pack.manifest)! });
      }
      return { pack, trust };
    } catch (error) {
      pack.close();
      throw error;
    }
  }

  async install(file: string, options: InstallOptions = {}): Promise<InstalledRow> {
    const progress = options.onProgress ?? (() => {});
    progress({ phase: 'checking', bytesDone: 0, bytesTotal: 0, currentFile: '' });
    const { pack: onStick } = await this.admissible(file, options);
    const manifestBytes = onStick.manifestBytes;
    const fileSize = onStick.fileSize;
    // Every content file is hashed as its bytes pass on their way to the staging file: one read.
    const hashes = new StreamedHashes(onStick);
    onStick.close();

    const staging = path.join(this.packsDir, `${STAGING_PREFIX}${randomBytes(6).toString('hex')}${PACK_EXTENSION}`);
    let finalName: string | null = null;
    try {
      await this.ensureSpace(fileSize);
      const copying = (bytesDone: number) => progress({ phase: 'copying', bytesDone, bytesTotal: fileSize, currentFile: path.basename(file) });
      await copyDurably(
        file,
        staging,
        {
          signal: options.signal,
          mapError: (error) => (options.signal?.aborted ? new AppError('pack.cancelled') : readFailure(error, file)),
          inspect: (chunk, position) => hashes.feed(chunk, position),
        },
        copying,
      );
      await hashes.finish();

      // Everything is checked again on the staged copy: that is what gets installed, and the
      // stick's file may have changed (or been swapped) since it was first read. The hashes apply
      // to the staged bytes (they are the bytes written); an entry the staged copy places
      // differently from the stick's first reading is read and hashed again.
      const staged = await openPack(staging);
      let trust: TrustLevel;
      try {
        if (!staged.manifestBytes.equals(manifestBytes)) throw new AppError('pack.source_gone', { file });
        trust = this.trust.check(staged);
        await verifyContent(
          staged,
          (p) => progress({ phase: 'verifying', bytesDone: Math.round((p.bytesDone / Math.max(p.bytesTotal, 1)) * fileSize), bytesTotal: fileSize, currentFile: p.currentFile }),
          options.signal,
          hashes,
        );
      } finally {
        staged.close();
      }
      if (options.signal?.aborted) throw new AppError('pack.cancelled');

      progress({ phase: 'switching', bytesDone: fileSize, bytesTotal: fileSize, currentFile: '' });
      const manifest = staged.manifest;
      finalName = `${manifest.id}@${manifest.version}.${randomBytes(4).toString('hex')}${PACK_EXTENSION}`;
      fs.renameSync(staging, path.join(this.packsDir, finalName));
      syncDirectory(this.packsDir);
      const previous = this.find(manifest.id);
      const keyId = staged.signature?.keyId ?? null;
      this.db.transaction(() => {
        // Again at the switch: the id may have been handed to another key while this one copied.
        if (!options.fromApp) this.checkOwner(staged);
        this.db
          .prepare(
            `INSERT INTO packs (id, version, file, size, manifest_json, key_id, trust, installed_at)
             VALUES (@id, @version, @file, @size, @manifest, @keyId, @trust, @at)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version, file = excluded.file, size = excluded.size,
               manifest_json = excluded.manifest_json, key_id = excluded.key_id, trust = excluded.trust, installed_at = excluded.installed_at`,
          )
          .run({
            id: manifest.id,
            version: manifest.version,
            file: finalName,
            size: fileSize,
            manifest: manifestBytes.toString('utf8'),
            keyId,
            trust,
            at: this.now().toISOString(),
          });
        this.owners.recordInstall(manifest, keyId, options.fromApp);
      })();
      // Committed: the new version is the installed one. The old file is now only clutter.
      if (previous) this.removeFile(previous.file);
      return this.find(manifest.id)!;
    } catch (error) {
      await hashes.finish(); // lets go of an inflation the failure cut short
      fs.rmSync(staging, { force: true });
      if (finalName && this.find(onStick.manifest.id)?.file !== finalName) fs.rmSync(path.join(this.packsDir, finalName), { force: true });
      throw error instanceof AppError ? error : readFailure(error, file);
    }
  }

  /** Why a pack signed by `keyId` (null: unsigned) may never install under its id here, or null. */
  ownerRefusal(manifest: Manifest, keyId: string | null): AppError | null {
    return this.owners.refusal(manifest, keyId, (owner) => this.trust.find(owner)?.publisher);
  }

  private checkOwner(pack: Pick<OpenedPack, 'manifest' | 'signature'>): void {
    const refusal = this.ownerRefusal(pack.manifest, pack.signature?.keyId ?? null);
    if (refusal) throw refusal;
  }

  remove(id: string): void {
    const row = this.find(id);
    if (!row) throw new AppError('pack.not_found', { packId: id });
    this.db.prepare('DELETE FROM packs WHERE id = ?').run(id);
    this.removeFile(row.file);
  }

  private removeFile(file: string): void {
    this.beforeFileRemoval(file);
    fs.rmSync(path.join(this.packsDir, file), { force: true });
  }

  private async ensureSpace(bytes: number): Promise<void> {
    const stats = await fs.promises.statfs(this.packsDir);
    // A margin for the database's own writes during the switch.
    if (stats.bavail * stats.bsize < bytes + 1024 * 1024) throw new AppError('pack.disk_full', { needed: bytes, free: stats.bavail * stats.bsize });
  }

  private rows(): PackRow[] {
    return this.db.prepare<[], PackRow>('SELECT * FROM packs ORDER BY id').all();
  }
}

function toInstalled(row: PackRow): InstalledRow {
  return {
    id: row.id,
    version: row.version,
    file: row.file,
    size: row.size,
    trust: row.trust,
    keyId: row.key_id,
    installedAt: row.installed_at,
    manifest: JSON.parse(row.manifest_json) as Manifest,
  };
}

/** Makes a rename durable: on Linux the directory entry needs its own fsync. */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
