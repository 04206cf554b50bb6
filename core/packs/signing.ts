import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** What a pack's `signature.json` holds: who signed the manifest bytes, and the Ed25519 signature. */
export const SignatureFileSchema = z.strictObject({
  algorithm: z.literal('ed25519'),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
});
export type SignatureFile = z.infer<typeof SignatureFileSchema>;

/** A publisher's public key as the app stores and ships it. */
export const PublicKeyEntrySchema = z.strictObject({
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  publisher: z.string().min(1),
  /** SPKI DER of the Ed25519 public key, base64. */
  publicKey: z.string().min(1),
});
export type PublicKeyEntry = z.infer<typeof PublicKeyEntrySchema>;

export interface KeyPair {
  publicKey: PublicKeyEntry;
  /** PKCS#8 PEM; stays with the publisher. */
  privateKeyPem: string;
}

/** A key's id: the first 16 hex digits of SHA-256 over its SPKI DER bytes. */
export function keyIdOf(publicKeyDer: Buffer): string {
  return createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 16);
}

export function generatePublisherKey(publisher: string): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    publicKey: { keyId: keyIdOf(der), publisher, publicKey: der.toString('base64') },
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** Signs the exact manifest bytes with a publisher's private key. */
export function signManifest(manifestBytes: Buffer, privateKeyPem: string): SignatureFile {
  const privateKey = createPrivateKey(privateKeyPem);
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return { algorithm: 'ed25519', keyId: keyIdOf(der), signature: sign(null, manifestBytes, privateKey).toString('base64') };
}

function publicKeyObject(entry: PublicKeyEntry): KeyObject | null {
  try {
    const der = Buffer.from(entry.publicKey, 'base64');
    if (keyIdOf(der) !== entry.keyId) return null;
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** True when `signature` is a valid Ed25519 signature of `manifestBytes` by `key`. */
export function verifyManifest(manifestBytes: Buffer, signature: SignatureFile, key: PublicKeyEntry): boolean {
  const publicKey = publicKeyObject(key);
  if (!publicKey || key.keyId !== signature.keyId) return false;
  try {
    return verify(null, manifestBytes, publicKey, Buffer.from(signature.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Checks that a key entry is well formed (its id matches its bytes, and it is Ed25519). */
export function isUsablePublicKey(entry: PublicKeyEntry): boolean {
  return publicKeyObject(entry) !== null;
}
