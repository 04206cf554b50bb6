import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from '../../base/secret-hash';

/** A hash as the collector made them before base/secret-hash.ts: N=2^14, a 64-byte key, the password as typed. */
function collectorHashOfOld(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 64, { N: 16_384, r: 8, p: 1 });
  return ['scrypt', 16_384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

describe('secret hashes (kiosk and collector)', () => {
  // "Айыл" with its й as и + a combining breve (NFD), and as one letter (NFC).
  const decomposed = 'Айыл-жашоо-2026'.normalize('NFD');
  const composed = decomposed.normalize('NFC');

  it('carries its cost in the hash, and takes the same word however its letters were composed', async () => {
    expect(decomposed).not.toBe(composed);
    const stored = await hashSecret(decomposed);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifySecret(composed, stored)).toBe(true);
    expect(await verifySecret(decomposed, stored)).toBe(true);
    expect(await verifySecret(`${composed}!`, stored)).toBe(false);
  });

  it('still verifies a dashboard password stored by the collector before hashing was shared, typed as it was typed', async () => {
    const stored = collectorHashOfOld(decomposed);
    expect(await verifySecret(decomposed, stored)).toBe(true);
    expect(await verifySecret('another-password', stored)).toBe(false);
    const plain = collectorHashOfOld('plain-ascii-password');
    expect(await verifySecret('plain-ascii-password', plain)).toBe(true);
  });

  it('refuses what is not a hash of ours, and a cost too large to compute', async () => {
    for (const stored of ['', 'scrypt$x', 'bcrypt$10$abc$def', 'scrypt$1048576$64$1$AAAA$AAAA', 'scrypt$16384$8$1$AAAA$']) {
      expect(await verifySecret('anything', stored), stored).toBe(false);
    }
  });
});
