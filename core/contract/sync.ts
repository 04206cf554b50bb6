import { z } from 'zod';
import { SiteCodeSchema, StatsRowSchema } from './console';

/**
 * What travels between a kiosk and the programme's collector (docs/sync.md). Both ends validate
 * with these schemas: the kiosk before it stores a batch, the collector before it stores anything.
 * Everything is strict: an unknown field (a name, a learner id…) makes the whole batch invalid.
 */

export const SYNC_SCHEMA_VERSION = 1;

/** Rows per batch: a busy week of a big site fits in a few batches, and a batch stays well under the body limit. */
export const MAX_BATCH_ROWS = 2000;

/** Where the collector serves the kiosk-facing API. */
export const COLLECTOR_PATHS = {
  health: '/api/v1/health',
  enrolChallenge: '/api/v1/enrol/challenge',
  enrol: '/api/v1/enrol',
  batches: '/api/v1/batches',
} as const;

/** An instant on a clock, to the second (the kiosk's clock may be wrong; the collector says so). */
export const InstantSchema = z.iso.datetime({ offset: false, precision: 0 });

/** An Ed25519 public key, SPKI DER in base64. */
export const SyncPublicKeySchema = z.base64().min(40).max(200);

/** The site as the programme sees it: chosen by the administrator, nothing about a person. */
export const SyncSiteSchema = z.strictObject({
  code: SiteCodeSchema,
  name: z.string().trim().min(1).max(100),
  region: z.string().trim().max(100),
  district: z.string().trim().max(100),
});
export type SyncSite = z.infer<typeof SyncSiteSchema>;

/**
 * One batch: increments of the anonymised weekly counts (the statistics file's rows, same
 * schema): whole spans of one weekly release round (docs/sync.md, "What may leave"), each row at
 * least k. `key` is the idempotency key: the collector stores a batch once, however often it arrives.
 */
export const SyncBatchSchema = z.strictObject({
  schema: z.literal('ayil.sync-batch'),
  schemaVersion: z.literal(SYNC_SCHEMA_VERSION),
  siteCode: SiteCodeSchema,
  /** 1, 2, 3… per kiosk, in the order the batches were made. */
  sequence: z.number().int().positive(),
  key: z.uuid(),
  /** The site's privacy threshold its release round used. */
  k: z.number().int().positive(),
  rows: z.array(StatsRowSchema).max(MAX_BATCH_ROWS),
});
export type SyncBatch = z.infer<typeof SyncBatchSchema>;

/** The body of `POST /api/v1/batches` (with `Authorization: Bearer <site token>`). */
export const SyncDeliverySchema = z.strictObject({
  /** The kiosk's clock as it sends: the collector compares it with its own to find skew. */
  deviceTime: InstantSchema,
  batch: SyncBatchSchema,
});
export type SyncDelivery = z.infer<typeof SyncDeliverySchema>;

/** The collector's answer to a delivered batch; only this marks a batch sent. */
export const SyncAckSchema = z.object({
  key: z.uuid(),
  sequence: z.number().int().positive(),
  /** `duplicate`: the collector already had it (an earlier answer was lost); nothing was added. */
  status: z.enum(['stored', 'duplicate']),
  receivedAt: InstantSchema,
  /** Collector time minus device time, in seconds (positive: the kiosk's clock is behind). */
  clockSkewSeconds: z.number().int(),
});
export type SyncAck = z.infer<typeof SyncAckSchema>;

/** An enrolment code as typed by a person (the collector ignores case, spaces and dashes). */
export const EnrolmentCodeSchema = z.string().trim().min(6).max(64);

/** What is compared and signed: case, spaces and dashes do not matter when a person types a code. */
export function normaliseEnrolmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

/**
 * `POST /api/v1/enrol/challenge`, the first step of enrolment: the collector answers a random
 * challenge for this code and this key, good for one try within a few minutes.
 */
export const EnrolChallengeRequestSchema = z.strictObject({
  code: EnrolmentCodeSchema,
  publicKey: SyncPublicKeySchema,
});
export type EnrolChallengeRequest = z.infer<typeof EnrolChallengeRequestSchema>;

export const EnrolChallengeResponseSchema = z.object({
  /** 32 random bytes, base64url. */
  challenge: z.base64url().min(40).max(100),
  expiresAt: InstantSchema,
});
export type EnrolChallengeResponse = z.infer<typeof EnrolChallengeResponseSchema>;

/**
 * The exact text a kiosk signs to prove that it holds the private half of `publicKey`: the
 * collector's challenge, the code and the key, under a label no stick file's payload (JSON) can
 * start with, so neither signature can stand in for the other.
 */
export function enrolmentProofText(input: { challenge: string; code: string; publicKey: string }): string {
  return ['ayil.enrol-proof.v1', `challenge:${input.challenge}`, `code:${normaliseEnrolmentCode(input.code)}`, `publicKey:${input.publicKey}`].join('\n');
}

/**
 * `POST /api/v1/enrol`: the administrator's enrolment code buys a site token, once the kiosk has
 * signed the challenge with the key it enrols (docs/sync.md, "Enrolment").
 */
export const EnrolRequestSchema = z.strictObject({
  code: EnrolmentCodeSchema,
  site: SyncSiteSchema,
  /** The kiosk's signing key, so that the figures it later sends by stick can be checked. */
  publicKey: SyncPublicKeySchema,
  /** The challenge the collector answered for this code and key. */
  challenge: z.base64url().min(40).max(100),
  /** Ed25519 signature of `enrolmentProofText` (its UTF-8 bytes) with that key, base64. */
  signature: z.base64().max(200),
});
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;

export const EnrolResponseSchema = z.object({
  siteId: z.string().min(1).max(100),
  /** Shown once; the collector keeps only its hash. */
  token: z.string().min(32).max(200),
});
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

/** The collector's error body: a stable code (translated on both sides) and nothing else. */
export const CollectorErrorSchema = z.object({ error: z.string(), message: z.string().optional() });

/**
 * The stick file ("Save figures to stick"): the batches waiting to be sent, signed with the
 * kiosk's key. The payload is kept as the exact string that was signed.
 */
export const SYNC_FILE_FORMAT = 'ayil.sync-file';
/** Batches one stick file may carry. */
export const MAX_FILE_BATCHES = 10_000;
export const SyncFileSchema = z.strictObject({
  format: z.literal(SYNC_FILE_FORMAT),
  /** JSON of `SyncFilePayloadSchema`, exactly as signed. */
  payload: z.string().max(50_000_000),
  /** Ed25519 signature of the payload's UTF-8 bytes, base64. */
  signature: z.base64().max(200),
});
export type SyncFile = z.infer<typeof SyncFileSchema>;

export const SyncFilePayloadSchema = z.strictObject({
  schemaVersion: z.literal(SYNC_SCHEMA_VERSION),
  site: SyncSiteSchema,
  publicKey: SyncPublicKeySchema,
  /** The kiosk's clock when the file was written. */
  deviceTime: InstantSchema,
  batches: z.array(SyncBatchSchema).max(MAX_FILE_BATCHES),
});
export type SyncFilePayload = z.infer<typeof SyncFilePayloadSchema>;

/** Why the last attempt failed, in codes the admin screen translates (`errors.<code>`). */
export const SYNC_PROBLEMS = [
  'sync.unreachable',
  'sync.tls_failed',
  'sync.token_refused',
  'sync.batch_refused',
  'sync.rate_limited',
  'sync.server_error',
] as const;
export const SyncProblemSchema = z.enum(SYNC_PROBLEMS);
export type SyncProblem = z.infer<typeof SyncProblemSchema>;

/** What the administrator's sync screen shows. Times are the kiosk's clock. */
export const SyncStatusSchema = z.object({
  enrolled: z.boolean(),
  collectorUrl: z.string().nullable(),
  allowPlainHttp: z.boolean(),
  /**
   * Batches made but not yet acknowledged by the collector, and those the next attempt would make
   * of what may leave now (counted, not made: reading the status writes nothing).
   */
  pendingBatches: z.number().int().nonnegative(),
  /**
   * Figures (a course's measure, or learners active) with counts waiting on the kiosk once this
   * week's release round has run: this week's, which leave once it has ended, and those under k,
   * carried into a later week's release.
   */
  heldCells: z.number().int().nonnegative(),
  lastSuccessAt: InstantSchema.nullable(),
  lastAttemptAt: InstantSchema.nullable(),
  lastError: z.object({ code: SyncProblemSchema, at: InstantSchema }).nullable(),
  /** When the loop tries next (null when it has nothing to do or is not enrolled). */
  nextAttemptAt: InstantSchema.nullable(),
  /** From the collector's last answer: how far this PC's clock is off, in seconds. */
  clockSkewSeconds: z.number().int().nullable(),
  lastSavedToStickAt: InstantSchema.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;
