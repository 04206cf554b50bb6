import { createPublicKey, randomBytes, randomInt } from 'node:crypto';
import type { EnrolRequest, EnrolResponse } from '../core/contract';
import { CollectorError } from './errors';
import { sha256Hex } from './secrets';
import { toInstant } from './skew';
import type { CollectorStore } from './store/store';

/** No 0/O, 1/I: a code is read aloud over a phone and typed at a kiosk. 32 symbols, 5 bits each. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CODE_GROUPS = 4;
const CODE_GROUP_LENGTH = 4;
export const DEFAULT_CODE_VALID_DAYS = 14;
export const MAX_CODE_VALID_DAYS = 365;

/** What is compared: case, spaces and dashes do not matter when a person types a code. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

/**
 * A one-time code with which one kiosk enrols (80 random bits as XXXX-XXXX-XXXX-XXXX). Only its
 * hash is stored; the code itself is shown to the administrator once.
 */
export async function createEnrolmentCode(
  store: CollectorStore,
  input: { label: string; validDays?: number; now: Date },
): Promise<{ code: string; expiresAt: string }> {
  const label = input.label.trim();
  const validDays = input.validDays ?? DEFAULT_CODE_VALID_DAYS;
  if (label.length < 1 || label.length > 100) throw new CollectorError('code.invalid', [{ path: ['label'], message: '1 to 100 characters' }]);
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > MAX_CODE_VALID_DAYS) {
    throw new CollectorError('code.invalid', [{ path: ['validDays'], message: `a whole number of days from 1 to ${MAX_CODE_VALID_DAYS}` }]);
  }
  const groups = Array.from({ length: CODE_GROUPS }, () =>
    Array.from({ length: CODE_GROUP_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(''),
  );
  const code = groups.join('-');
  const expiresAt = toInstant(new Date(input.now.getTime() + validDays * 86_400_000));
  await store.createEnrolmentCode({ codeHash: sha256Hex(normaliseCode(code)), label, createdAt: toInstant(input.now), expiresAt });
  return { code, expiresAt };
}

/**
 * Spends an enrolment code on a site token. The token (32 random bytes) is answered once and
 * only its sha256 kept; an unknown, used or expired code creates nothing.
 */
export async function enrol(store: CollectorStore, request: EnrolRequest, now: Date): Promise<EnrolResponse> {
  if (!isEd25519PublicKey(request.publicKey)) throw new CollectorError('enrol.invalid', [{ path: ['publicKey'], message: 'not an Ed25519 public key' }]);
  const token = randomBytes(32).toString('base64url');
  const site = await store.enrolSite({
    codeHash: sha256Hex(normaliseCode(request.code)),
    site: request.site,
    publicKey: request.publicKey,
    tokenHash: sha256Hex(token),
    at: toInstant(now),
  });
  if (!site) throw new CollectorError('enrol.code_invalid');
  return { siteId: site.id, token };
}

function isEd25519PublicKey(base64: string): boolean {
  try {
    return createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}
