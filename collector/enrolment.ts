import { createPublicKey, randomBytes, randomInt, verify, type KeyObject } from 'node:crypto';
import {
  enrolmentProofText,
  normaliseEnrolmentCode,
  type EnrolChallengeRequest,
  type EnrolChallengeResponse,
  type EnrolRequest,
  type EnrolResponse,
} from '../core/contract';
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
/** How long a kiosk has to sign an enrolment challenge: it signs at once, over however slow a link. */
export const CHALLENGE_VALID_SECONDS = 300;

/** What is compared: case, spaces and dashes do not matter when a person types a code. */
export const normaliseCode = normaliseEnrolmentCode;

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
 * The first step of enrolment: a random challenge for this code and this key, which the kiosk
 * signs with the key's private half. It replaces any earlier challenge of the code, is good for one
 * try and lives CHALLENGE_VALID_SECONDS. An unknown, used or expired code gets none.
 */
export async function issueEnrolmentChallenge(store: CollectorStore, request: EnrolChallengeRequest, now: Date): Promise<EnrolChallengeResponse> {
  if (!ed25519Key(request.publicKey)) throw new CollectorError('enrol.invalid', [{ path: ['publicKey'], message: 'not an Ed25519 public key' }]);
  const challenge = randomBytes(32).toString('base64url');
  const expiresAt = toInstant(new Date(now.getTime() + CHALLENGE_VALID_SECONDS * 1000));
  const issued = await store.setEnrolmentChallenge({
    codeHash: sha256Hex(normaliseCode(request.code)),
    challengeHash: sha256Hex(challenge),
    publicKey: request.publicKey,
    expiresAt,
    at: toInstant(now),
  });
  if (!issued) throw new CollectorError('enrol.code_invalid');
  return { challenge, expiresAt };
}

/**
 * Spends an enrolment code on a site token, once the kiosk has proved that it holds the private
 * key it enrols: a signature, with that key, of the challenge issued for this code and this key.
 * Without the proof, anyone with a fresh code could name another site's public key (it is in every
 * stick file that site writes) and take the site over. The challenge is spent by any try that
 * presents it, right or wrong; the token (32 random bytes) is answered once and only its sha256
 * kept. A refused request creates nothing, changes no site and leaves the code unspent.
 */
export async function enrol(store: CollectorStore, request: EnrolRequest, now: Date): Promise<EnrolResponse> {
  const key = ed25519Key(request.publicKey);
  if (!key) throw new CollectorError('enrol.invalid', [{ path: ['publicKey'], message: 'not an Ed25519 public key' }]);
  const codeHash = sha256Hex(normaliseCode(request.code));
  const proved = verifySignature(key, enrolmentProofText(request), request.signature);
  const fresh = await store.spendEnrolmentChallenge({ codeHash, challengeHash: sha256Hex(request.challenge), publicKey: request.publicKey, at: toInstant(now) });
  if (!fresh) throw new CollectorError('enrol.challenge_invalid');
  if (!proved) throw new CollectorError('enrol.proof_invalid');
  const token = randomBytes(32).toString('base64url');
  const site = await store.enrolSite({ codeHash, site: request.site, publicKey: request.publicKey, tokenHash: sha256Hex(token), at: toInstant(now) });
  if (!site) throw new CollectorError('enrol.code_invalid');
  return { siteId: site.id, token };
}

function ed25519Key(base64: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

function verifySignature(key: KeyObject, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
