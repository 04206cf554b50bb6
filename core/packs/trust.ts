import type { Db } from '../db/open';
import { AppError } from '../errors';
import type { OpenedPack } from './pack-file';
import { isUsablePublicKey, verifyManifest, type PublicKeyEntry } from './signing';

export type TrustLevel = 'trusted' | 'untrusted' | 'unsigned';

/**
 * The publisher keys this kiosk trusts: those shipped with the app, plus any an administrator
 * added. A pack signed by one of them is genuine; one signed by another key cannot be checked.
 */
export class TrustStore {
  constructor(
    private readonly db: Db,
    private readonly shipped: readonly PublicKeyEntry[],
    private readonly now: () => Date,
  ) {}

  find(keyId: string): PublicKeyEntry | undefined {
    const own = this.shipped.find((k) => k.keyId === keyId);
    if (own) return own;
    const row = this.db
      .prepare<[string], { key_id: string; publisher: string; public_key: string }>('SELECT key_id, publisher, public_key FROM trusted_keys WHERE key_id = ?')
      .get(keyId);
    return row ? { keyId: row.key_id, publisher: row.publisher, publicKey: row.public_key } : undefined;
  }

  list(): Array<PublicKeyEntry & { shipped: boolean }> {
    const added = this.db
      .prepare<[], { key_id: string; publisher: string; public_key: string }>('SELECT key_id, publisher, public_key FROM trusted_keys ORDER BY added_at')
      .all()
      .map((r) => ({ keyId: r.key_id, publisher: r.publisher, publicKey: r.public_key, shipped: false }));
    return [...this.shipped.map((k) => ({ ...k, shipped: true })), ...added];
  }

  /** Goes up whenever the set of trusted keys changes: what was read under the old set is stale. */
  get generation(): number {
    return this.changes;
  }

  private changes = 0;

  add(entry: PublicKeyEntry): void {
    if (!isUsablePublicKey(entry)) throw new AppError('key.invalid');
    this.changes++;
    this.db
      .prepare('INSERT INTO trusted_keys (key_id, publisher, public_key, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO UPDATE SET publisher = excluded.publisher')
      .run(entry.keyId, entry.publisher, entry.publicKey, this.now().toISOString());
  }

  /** Stops trusting a key an administrator added; the keys the app ships stay. */
  remove(keyId: string): void {
    if (this.shipped.some((k) => k.keyId === keyId)) throw new AppError('key.shipped', { keyId });
    const info = this.db.prepare('DELETE FROM trusted_keys WHERE key_id = ?').run(keyId);
    this.changes++;
    if (info.changes === 0) throw new AppError('key.not_found', { keyId });
  }

  /**
   * How far a pack can be trusted. A signature by a known key that does not verify means the
   * manifest was changed after signing: that is refused outright, never merely "untrusted".
   */
  check(pack: OpenedPack): TrustLevel {
    if (!pack.signature) return 'unsigned';
    const key = this.find(pack.signature.keyId);
    if (!key) return 'untrusted';
    if (!verifyManifest(pack.manifestBytes, pack.signature, key)) throw new AppError('pack.signature_invalid');
    return 'trusted';
  }
}
