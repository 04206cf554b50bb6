import { randomInt, timingSafeEqual } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so what is read off a screen is typed back right. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 8;

/**
 * The one-time code that lets a screen other than the kiosk's own finish set-up: 8 characters
 * (40 bits; guessing over HTTP would take years), printed by the host on its console as
 * "ABCD-EFGH". A new one is made at every start of the host until the kiosk is set up.
 */
export function newSetupCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The code as people read it: two groups of four. */
export function formatSetupCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Case, spaces and dashes do not matter, and O, I and L are read as 0, 1 and 1 (Crockford). */
export function setupCodeMatches(typed: string, code: string): boolean {
  const normalised = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const a = Buffer.from(normalised);
  const b = Buffer.from(code);
  return a.length === b.length && timingSafeEqual(a, b);
}
