import {
  COLLECTOR_PATHS,
  CollectorErrorSchema,
  EnrolChallengeResponseSchema,
  enrolmentProofText,
  EnrolResponseSchema,
  SyncAckSchema,
  type EnrolRequest,
  type EnrolResponse,
  type SyncSite,
  type SyncAck,
  type SyncDelivery,
  type SyncProblem,
} from '../contract';
import { AppError } from '../errors';

/** Why a request to the collector failed, as the admin screen names it; an AppError so the API can answer with it. */
export class SyncFailure extends AppError {
  constructor(
    readonly problem: SyncProblem,
    /** How long the collector asked us to wait (Retry-After), if it did. */
    readonly retryAfterMs: number | null = null,
    /** The HTTP status, when there was an answer (for the log). */
    readonly status: number | null = null,
  ) {
    super(problem, status === null ? {} : { status });
    this.name = 'SyncFailure';
  }
}

/** Our own signal fired (the loop is stopping or pausing for a restore): not the collector's fault. */
export class SyncAborted extends Error {
  constructor() {
    super('sync aborted');
    this.name = 'SyncAborted';
  }
}

export interface CollectorClientOptions {
  /** The collector's address as enrolled (no trailing slash); the API paths are appended to it. */
  baseUrl: string;
  probeTimeoutMs: number;
  requestTimeoutMs: number;
}

/** Answers the certificate checks of Node's TLS can fail with (the others are transport failures). */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
]);

/**
 * The kiosk's side of the collector's API, over the global fetch (Node's, which checks
 * certificates against the system's and NODE_EXTRA_CA_CERTS' authorities). Every failure becomes
 * a SyncFailure with one of SYNC_PROBLEMS; an abort of the caller's signal becomes SyncAborted.
 * Redirects are not followed: a collector that moved is re-enrolled, and a redirect must not
 * take the site token to another address or from https to http.
 */
export class CollectorClient {
  constructor(private readonly options: CollectorClientOptions) {}

  /** A cheap GET that tells whether the collector is there at all, before any batch is sent. */
  async probe(signal?: AbortSignal): Promise<void> {
    const response = await this.request(COLLECTOR_PATHS.health, { method: 'GET' }, this.options.probeTimeoutMs, signal);
    if (response.status >= 200 && response.status < 300) return;
    throw answerFailure(response.status, response.headers);
  }

  /**
   * Exchanges an enrolment code for a site token, proving on the way that this kiosk holds the
   * private half of `publicKey`: the collector answers a one-time challenge for the code and the
   * key, `sign` signs it (with the kiosk's identity), and the enrolment carries the signature.
   * A refusal (4xx) of either step is `sync.enrol_refused`.
   */
  async enrol(
    request: { code: string; site: SyncSite; publicKey: string },
    sign: (text: string) => string,
    signal?: AbortSignal,
  ): Promise<EnrolResponse> {
    const asked = await this.enrolStep(COLLECTOR_PATHS.enrolChallenge, { code: request.code, publicKey: request.publicKey }, signal);
    const issued = EnrolChallengeResponseSchema.safeParse(parseJson(asked.text));
    if (!issued.success) throw new SyncFailure('sync.server_error', null, asked.status);
    const { challenge } = issued.data;
    const proof: EnrolRequest = { ...request, challenge, signature: sign(enrolmentProofText({ challenge, code: request.code, publicKey: request.publicKey })) };
    const answer = await this.enrolStep(COLLECTOR_PATHS.enrol, proof, signal);
    const parsed = EnrolResponseSchema.safeParse(parseJson(answer.text));
    if (!parsed.success) throw new SyncFailure('sync.server_error', null, answer.status);
    return parsed.data;
  }

  /** One step of enrolment: a 4xx is the collector refusing it, anything else but success is its problem. */
  private async enrolStep(path: string, body: unknown, signal?: AbortSignal): Promise<{ status: number; text: string }> {
    const response = await this.request(path, jsonPost(body), this.options.requestTimeoutMs, signal);
    if (response.status >= 400 && response.status < 500) {
      const reason = CollectorErrorSchema.safeParse(parseJson(response.text)).data?.error;
      throw new AppError('sync.enrol_refused', { status: response.status, ...(reason ? { reason: reason.slice(0, 100) } : {}) });
    }
    if (response.status < 200 || response.status >= 300) throw answerFailure(response.status, response.headers);
    return response;
  }

  /** Sends one batch; answers only with an acknowledgement of exactly this batch. */
  async deliver(delivery: SyncDelivery, token: string, signal?: AbortSignal): Promise<SyncAck> {
    const init = jsonPost(delivery, { Authorization: `Bearer ${token}` });
    const response = await this.request(COLLECTOR_PATHS.batches, init, this.options.requestTimeoutMs, signal);
    if (response.status < 200 || response.status >= 300) throw answerFailure(response.status, response.headers);
    const ack = SyncAckSchema.safeParse(parseJson(response.text));
    // An answer for another batch (a confused proxy, a replayed response) acknowledges nothing.
    if (!ack.success || ack.data.key !== delivery.batch.key) throw new SyncFailure('sync.server_error', null, response.status);
    return ack.data;
  }

  /**
   * One request with its own timeout (a timer of ours, cleared at once, so a stopped kiosk leaves
   * nothing behind); the whole body is read within it.
   */
  private async request(path: string, init: RequestInit, timeoutMs: number, outer?: AbortSignal): Promise<{ status: number; headers: Headers; text: string }> {
    if (outer?.aborted) throw new SyncAborted();
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = setTimeout(abort, timeoutMs);
    outer?.addEventListener('abort', abort);
    try {
      const response = await fetch(`${this.options.baseUrl}${path}`, { ...init, signal: controller.signal, redirect: 'manual' });
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      if (outer?.aborted) throw new SyncAborted();
      // A timeout is "could not be reached": a link that answers nothing in time is no link.
      throw new SyncFailure(controller.signal.aborted ? 'sync.unreachable' : transportProblem(error));
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', abort);
    }
  }
}

function jsonPost(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What an HTTP answer other than success means for the kiosk. */
function answerFailure(status: number, headers: Headers): SyncFailure {
  if (status === 401 || status === 403) return new SyncFailure('sync.token_refused', null, status);
  if (status === 400 || status === 409 || status === 413 || status === 422) return new SyncFailure('sync.batch_refused', null, status);
  if (status === 429) return new SyncFailure('sync.rate_limited', retryAfterMs(headers.get('retry-after')), status);
  // 5xx, a redirect, a 404 from something that is not a collector: the other end has a problem.
  return new SyncFailure('sync.server_error', status === 503 ? retryAfterMs(headers.get('retry-after')) : null, status);
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | null, nowMs = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** A failed fetch: a certificate that did not check out, or no usable connection at all. */
function transportProblem(error: unknown): SyncProblem {
  for (const code of errorCodes(error)) {
    if (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')) return 'sync.tls_failed';
  }
  return 'sync.unreachable';
}

/** The `code`s along an error's cause chain (undici wraps the socket's error; happy eyeballs aggregates). */
function errorCodes(error: unknown, seen = new Set<unknown>()): string[] {
  if (!error || typeof error !== 'object' || seen.has(error)) return [];
  seen.add(error);
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  return [
    ...(typeof code === 'string' ? [code] : []),
    ...errorCodes(cause, seen),
    ...(Array.isArray(errors) ? errors.flatMap((e) => errorCodes(e, seen)) : []),
  ];
}
