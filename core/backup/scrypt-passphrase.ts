import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { Stanza, type Identity, type Recipient } from 'age-encryption';

/*
 * age's scrypt passphrase recipient (age-encryption.org/v1, "scrypt" stanza), with Node's own
 * scrypt and ChaCha20-Poly1305 instead of the library's pure-JavaScript ones. The library's
 * scrypt runs on the main thread for seconds at age's work factor and freezes the host (every
 * classroom screen waits while an administrator makes a backup); Node's runs in its thread pool,
 * natively. The format is the library's, byte for byte: test/unit/backup-passphrase.test.ts
 * decrypts each with the other.
 */

const LABEL = 'age-encryption.org/v1/scrypt';
const SALT_BYTES = 16;
/** The highest work factor we accept from a file: age's own limit, so a file cannot ask for days. */
const MAX_LOG_N = 20;

/** Wraps the file key for a passphrase, as age's ScryptRecipient does. */
export class ScryptPassphraseRecipient implements Recipient {
  constructor(
    private readonly passphrase: string,
    private readonly logN: number,
  ) {}

  async wrapFileKey(fileKey: Uint8Array): Promise<Stanza[]> {
    const salt = randomBytes(SALT_BYTES);
    const key = await deriveKey(this.passphrase, salt, this.logN);
    return [new Stanza(['scrypt', base64NoPad(salt), String(this.logN)], sealFileKey(fileKey, key))];
  }
}

/** Unwraps a file key wrapped for a passphrase; null when the passphrase is not the one. */
export class ScryptPassphraseIdentity implements Identity {
  constructor(private readonly passphrase: string) {}

  async unwrapFileKey(stanzas: Stanza[]): Promise<Uint8Array | null> {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== 'scrypt') continue;
      // As age requires: a passphrase file has exactly one recipient.
      if (stanzas.length !== 1) throw new Error('scrypt recipient is not the only one in the header');
      const [, saltText, logNText] = stanza.args;
      if (stanza.args.length !== 3 || !/^[1-9][0-9]*$/.test(logNText ?? '')) throw new Error('invalid scrypt stanza');
      const salt = Buffer.from(saltText ?? '', 'base64');
      if (salt.length !== SALT_BYTES || base64NoPad(salt) !== saltText) throw new Error('invalid scrypt stanza');
      const logN = Number(logNText);
      if (logN > MAX_LOG_N) throw new Error('scrypt work factor is too high');
      return openFileKey(stanza.body, await deriveKey(this.passphrase, salt, logN));
    }
    return null;
  }
}

function deriveKey(passphrase: string, salt: Buffer, logN: number): Promise<Buffer> {
  const labelAndSalt = Buffer.concat([Buffer.from(LABEL, 'utf8'), salt]);
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    // r = 8, p = 1 as age; scrypt needs 128 · r · N bytes (256 MiB at age's 2^18), so the cap follows N.
    scrypt(passphrase, labelAndSalt, 32, { N, r: 8, p: 1, maxmem: 128 * 8 * N + 32 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** ChaCha20-Poly1305 with a zero nonce (each key wraps one file key): ciphertext then tag, 32 bytes. */
function sealFileKey(fileKey: Uint8Array, key: Buffer): Uint8Array {
  const cipher = createCipheriv('chacha20-poly1305', key, Buffer.alloc(12), { authTagLength: 16 });
  return Buffer.concat([cipher.update(fileKey), cipher.final(), cipher.getAuthTag()]);
}

function openFileKey(body: Uint8Array, key: Buffer): Uint8Array | null {
  if (body.length !== 32) throw new Error('invalid stanza');
  const decipher = createDecipheriv('chacha20-poly1305', key, Buffer.alloc(12), { authTagLength: 16 });
  decipher.setAuthTag(body.subarray(16));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, 16)), decipher.final()]);
  } catch {
    return null; // another passphrase
  }
}

function base64NoPad(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}
