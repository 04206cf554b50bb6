import { createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import { isUsablePublicKey, keyIdOf, PublicKeyEntrySchema, type KeyPair, type PublicKeyEntry } from './signing';

export const PRIVATE_KEY_EXTENSION = '.key';
export const PUBLIC_KEY_EXTENSION = '.pub.json';

export interface KeyFiles {
  privateKeyFile: string;
  publicKeyFile: string;
}

/**
 * Writes a key pair as `<name>.key` (PKCS#8 PEM, readable by its owner only) and `<name>.pub.json`
 * (the PublicKeyEntry to hand to the programme). An existing private key is never overwritten:
 * losing it would orphan every pack signed with it.
 */
export function writeKeyFiles(dir: string, pair: KeyPair, name: string = pair.publicKey.keyId): KeyFiles {
  // A folder made here holds keys only: private to its owner too.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const privateKeyFile = path.join(dir, name + PRIVATE_KEY_EXTENSION);
  const publicKeyFile = path.join(dir, name + PUBLIC_KEY_EXTENSION);
  // Mode is set at creation so the key is never readable by others, not even briefly.
  fs.writeFileSync(privateKeyFile, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(publicKeyFile, `${JSON.stringify(pair.publicKey, null, 2)}\n`);
  return { privateKeyFile, publicKeyFile };
}

/** Reads a private key file, refusing anything that is not an Ed25519 private key. */
export function readPrivateKey(file: string): string {
  const pem = fs.readFileSync(file, 'utf8');
  try {
    if (createPrivateKey(pem).asymmetricKeyType === 'ed25519') return pem;
  } catch {
    // fall through: not a key at all
  }
  throw new AppError('key.invalid', { file });
}

/** The public entry belonging to a private key, so the two can never disagree. */
export function publicKeyEntryOf(privateKeyPem: string, publisher: string): PublicKeyEntry {
  const der = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'der' });
  return { keyId: keyIdOf(der), publisher, publicKey: der.toString('base64') };
}

const PublicKeysFileSchema = z.union([PublicKeyEntrySchema, z.array(PublicKeyEntrySchema)]);

/**
 * Reads public keys from a file holding one PublicKeyEntry (a `.pub.json`) or an array of them
 * (`trusted-keys.json`, `publishers.json`). Every key must be usable: a key whose id does not match
 * its bytes would make a check pass or fail for the wrong reason.
 */
export function readPublicKeys(file: string): PublicKeyEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new AppError('key.invalid', { file });
    throw error;
  }
  const parsed = PublicKeysFileSchema.safeParse(json);
  if (!parsed.success) throw new AppError('key.invalid', { file });
  const keys = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const unusable = keys.find((key) => !isUsablePublicKey(key));
  if (unusable) throw new AppError('key.invalid', { file, keyId: unusable.keyId });
  return keys;
}
