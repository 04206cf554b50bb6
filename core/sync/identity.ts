import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Db } from '../db/open';
import { readSetting, writeSetting } from './sync-state';

const PRIVATE_KEY = 'sync.signing_key';
const PUBLIC_KEY = 'sync.public_key';

/**
 * The kiosk's Ed25519 signing identity: made once, kept in the database (so a restored backup
 * keeps it), never sent anywhere but as its public half. The collector learns the public key at
 * enrolment and checks figures that come by stick against it.
 */
export class SigningIdentity {
  private privateKey: KeyObject | null = null;

  constructor(private readonly db: Db) {}

  /** SPKI DER, base64 (SyncPublicKeySchema). */
  publicKey(): string {
    return this.ensure().publicKey;
  }

  /** Ed25519 over the text's UTF-8 bytes, base64. */
  sign(text: string): string {
    this.privateKey ??= createPrivateKey({ key: Buffer.from(this.ensure().privateKey, 'base64'), format: 'der', type: 'pkcs8' });
    return sign(null, Buffer.from(text, 'utf8'), this.privateKey).toString('base64');
  }

  private ensure(): { publicKey: string; privateKey: string } {
    return this.db.transaction(() => {
      const stored = { publicKey: readSetting(this.db, PUBLIC_KEY), privateKey: readSetting(this.db, PRIVATE_KEY) };
      if (stored.publicKey && stored.privateKey) return { publicKey: stored.publicKey, privateKey: stored.privateKey };
      const pair = generateKeyPairSync('ed25519');
      const made = {
        publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      };
      writeSetting(this.db, PUBLIC_KEY, made.publicKey);
      writeSetting(this.db, PRIVATE_KEY, made.privateKey);
      return made;
    })();
  }
}
