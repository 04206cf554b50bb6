import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Hashes of secrets people choose (staff and learner secrets at the kiosk, the collector's
 * dashboard password): `scrypt$N$r$p$salt$hash` (base64). The cost travels with each hash, so it
 * can be raised for new hashes while every stored one still verifies with the cost it was made with.
 */

/** N=2^15, r=8, p=1: about 32 MB and tens of milliseconds on an old PC. */
const COST = { N: 32_768, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Refuses a stored cost that would take more memory than this (a damaged or hostile row). */
const MAX_MEMORY = 256 * 1024 * 1024;

function scryptAsync(secret: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** What scrypt needs for N and r (128·N·r bytes), with room to spare. */
const memoryFor = (n: number, r: number) => 256 * n * r;

/**
 * The hash of a secret, NFC-normalised first: the same word typed on two keyboards (a composed
 * or a decomposed letter) is the same secret.
 */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scryptAsync(secret.normalize('NFC'), salt, KEY_LENGTH, { ...COST, maxmem: memoryFor(COST.N, COST.r) });
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * True when `secret` is the one `stored` was made from. Hashes made before this module (the
 * collector's: N=2^14, a 64-byte key, the secret as typed, not normalised) verify too: the cost
 * and key length come from the hash, and a secret whose NFC form differs is also tried as typed.
 */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, nText, rText, pText, salt, hash, ...rest] = stored.split('$');
  const [n, r, p] = [Number(nText), Number(rText), Number(pText)];
  if (scheme !== 'scrypt' || !salt || !hash || rest.length > 0) return false;
  if (![n, r, p].every((x) => Number.isSafeInteger(x) && x > 0) || memoryFor(n, r) > MAX_MEMORY) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length === 0) return false;
  const matches = async (candidate: string) => {
    const key = await scryptAsync(candidate, Buffer.from(salt, 'base64'), expected.length, { N: n, r, p, maxmem: memoryFor(n, r) });
    return timingSafeEqual(key, expected);
  };
  const normalised = secret.normalize('NFC');
  return (await matches(normalised)) || (normalised !== secret && (await matches(secret)));
}
