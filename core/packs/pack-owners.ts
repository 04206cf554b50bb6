import type { Db } from '../db/open';
import { AppError } from '../errors';
import type { Manifest } from './manifest';
import { compareVersions } from './version';

export interface PackOwner {
  packId: string;
  /** The key every version of this id must be signed with; null while only unsigned ones were installed. */
  keyId: string | null;
  highestVersion: string;
}

interface OwnerRow {
  pack_id: string;
  key_id: string | null;
  highest_version: string;
}

/**
 * Who a pack id belongs to, and the highest version of it this kiosk ever installed (migration
 * 0010). An id belongs to the key that first installed it: a pack of that id signed by any other
 * key, trusted or not, or unsigned, is refused, so one publisher cannot replace another's lessons
 * (nor the app's own) by reusing their id. Only an administrator moves an id to another trusted key
 * (`transfer`). Rows outlive the pack's removal: removing a pack does not make an older version,
 * or another publisher's pack of that id, installable.
 */
export class PackOwners {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  find(packId: string): PackOwner | undefined {
    const row = this.db.prepare<[string], OwnerRow>('SELECT pack_id, key_id, highest_version FROM pack_owners WHERE pack_id = ?').get(packId);
    return row ? { packId: row.pack_id, keyId: row.key_id, highestVersion: row.highest_version } : undefined;
  }

  /**
   * The refusal of a pack signed by `keyId` (null when unsigned) when the id belongs to another
   * key, or null. An id only ever installed unsigned has no owner yet: the first signed version
   * takes it.
   */
  refusal(manifest: Manifest, keyId: string | null, ownerName: (keyId: string) => string | undefined): AppError | null {
    const owner = this.find(manifest.id);
    if (!owner || owner.keyId === null || owner.keyId === keyId) return null;
    return new AppError('pack.publisher_mismatch', { packId: manifest.id, keyId: owner.keyId, owner: ownerName(owner.keyId) ?? owner.keyId });
  }

  /** The highest version ever installed, when it is newer than `version` (an older one is a downgrade). */
  newerThan(manifest: Manifest): string | null {
    const owner = this.find(manifest.id);
    return owner && compareVersions(owner.highestVersion, manifest.version) > 0 ? owner.highestVersion : null;
  }

  /**
   * Records an installed version, in the caller's transaction. The key becomes the owner when the
   * id has none (or `claim`: the app's own packs belong to the key they ship signed with).
   */
  recordInstall(manifest: Manifest, keyId: string | null, claim = false): void {
    const owner = this.find(manifest.id);
    if (!owner) {
      this.db.prepare('INSERT INTO pack_owners (pack_id, key_id, highest_version) VALUES (?, ?, ?)').run(manifest.id, keyId, manifest.version);
      return;
    }
    const highest = compareVersions(manifest.version, owner.highestVersion) > 0 ? manifest.version : owner.highestVersion;
    const key = claim || owner.keyId === null ? keyId : owner.keyId;
    this.db.prepare('UPDATE pack_owners SET key_id = ?, highest_version = ? WHERE pack_id = ?').run(key, highest, manifest.id);
  }

  /** An administrator hands the id to another key; the highest version stays (the new owner must go above it). */
  transfer(packId: string, keyId: string): void {
    const info = this.db.prepare('UPDATE pack_owners SET key_id = ?, transferred_at = ? WHERE pack_id = ?').run(keyId, this.now().toISOString(), packId);
    if (info.changes === 0) throw new AppError('pack.not_found', { packId });
  }
}
