import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import {
  COLLECTOR_PATHS,
  enrolmentProofText,
  SYNC_FILE_FORMAT,
  SYNC_SCHEMA_VERSION,
  type StatsRow,
  type SyncBatch,
  type SyncFilePayload,
  type SyncSite,
} from '../../core/contract';
import { toInstant } from '../../collector/skew';

/**
 * A kiosk as the collector sees it, driven by a test: a real Ed25519 key, enrolment and batch
 * delivery over real HTTP, and signed stick files. Batches are built here so that a test can make
 * them hostile on purpose.
 */
export class TestKiosk {
  readonly site: SyncSite;
  readonly publicKey: string;
  private readonly privateKey: KeyObject;
  token: string | null = null;
  siteId: string | null = null;
  private sequence = 0;

  constructor(site: Partial<SyncSite> = {}) {
    this.site = { code: 'NARYN-01', name: 'Naryn library', region: 'Naryn', district: 'At-Bashy', ...site };
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    this.publicKey = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    this.privateKey = privateKey;
  }

  /**
   * Enrols as the kiosk does: asks for a challenge for the code and this key, signs it, and posts
   * the enrolment; keeps the token when the collector gives one. A refused challenge is answered
   * as it came.
   */
  async enrol(url: string, code: string): Promise<Response> {
    const asked = await this.askChallenge(url, code);
    if (!asked.ok) return asked;
    const { challenge } = (await asked.json()) as { challenge: string };
    return this.sendEnrolment(url, this.enrolment(code, challenge));
  }

  /** POST /api/v1/enrol/challenge for a code and a key (this kiosk's unless another is named). */
  askChallenge(url: string, code: string, publicKey = this.publicKey): Promise<Response> {
    return postJson(url + COLLECTOR_PATHS.enrolChallenge, { code, publicKey });
  }

  /** The body of POST /api/v1/enrol for a challenge, signed with this kiosk's private key. */
  enrolment(code: string, challenge: string): { code: string; site: SyncSite; publicKey: string; challenge: string; signature: string } {
    return { code, site: this.site, publicKey: this.publicKey, challenge, signature: this.signProof({ challenge, code, publicKey: this.publicKey }) };
  }

  /** This kiosk's signature of an enrolment proof text, whatever it names. */
  signProof(input: { challenge: string; code: string; publicKey: string }): string {
    return sign(null, Buffer.from(enrolmentProofText(input), 'utf8'), this.privateKey).toString('base64');
  }

  /** POST /api/v1/enrol with any body; keeps the token when the collector gives one. */
  async sendEnrolment(url: string, body: unknown): Promise<Response> {
    const response = await postJson(url + COLLECTOR_PATHS.enrol, body);
    if (response.ok) {
      const answer = (await response.clone().json()) as { siteId: string; token: string };
      this.token = answer.token;
      this.siteId = answer.siteId;
    }
    return response;
  }

  /** The next batch of this kiosk (a new key, the next sequence). */
  batch(rows: StatsRow[], overrides: Partial<SyncBatch> = {}): SyncBatch {
    return {
      schema: 'ayil.sync-batch',
      schemaVersion: SYNC_SCHEMA_VERSION,
      siteCode: this.site.code,
      sequence: ++this.sequence,
      key: randomUUID(),
      k: 5,
      rows,
      ...overrides,
    };
  }

  /** POST /api/v1/batches with this kiosk's token (or another, or none). */
  deliver(url: string, batch: unknown, options: { deviceTime?: Date; token?: string | null } = {}): Promise<Response> {
    return this.deliverBody(url, { deviceTime: instant(options.deviceTime ?? new Date()), batch }, options);
  }

  /** Any body at all, for hostile deliveries. */
  deliverBody(url: string, body: unknown, options: { token?: string | null } = {}): Promise<Response> {
    const token = options.token === undefined ? this.token : options.token;
    return postJson(url + COLLECTOR_PATHS.batches, body, token ? { authorization: `Bearer ${token}` } : {});
  }

  /** A signed stick file (as the kiosk's "Save figures to stick" writes it). */
  stickFile(batches: SyncBatch[], options: { deviceTime?: Date; site?: SyncSite } = {}): string {
    const payload: SyncFilePayload = {
      schemaVersion: SYNC_SCHEMA_VERSION,
      site: options.site ?? this.site,
      publicKey: this.publicKey,
      deviceTime: instant(options.deviceTime ?? new Date()),
      batches,
    };
    return this.signedFile(JSON.stringify(payload));
  }

  /** Wraps any payload text, signed with this kiosk's key. */
  signedFile(payloadText: string): string {
    const signature = sign(null, Buffer.from(payloadText, 'utf8'), this.privateKey).toString('base64');
    return JSON.stringify({ format: SYNC_FILE_FORMAT, payload: payloadText, signature });
  }
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** A response's JSON, as the tests read it field by field. */
export function json(response: Response): Promise<any> {
  return response.json();
}

/** An instant to the second, as the contract writes them. */
export const instant = toInstant;

/** A total row: completions of one course in one week. */
export function completions(week: string, count: number, course = 'basics/computer'): StatsRow {
  return { week, course, metric: 'courses_completed', dimension: 'total', value: '', count };
}

/** A breakdown row (already at k on the kiosk). */
export function women(week: string, count: number, course = 'basics/computer'): StatsRow {
  return { week, course, metric: 'courses_completed', dimension: 'gender', value: 'female', count };
}

/** Everything the collector holds for one site, as `week|course|metric|dimension|value → count`. */
export function cellMap(cells: Array<StatsRow & { siteCode: string }>, siteCode?: string): Record<string, number> {
  const map: Record<string, number> = {};
  for (const cell of cells) {
    if (siteCode && cell.siteCode !== siteCode) continue;
    map[[cell.week, cell.course, cell.metric, cell.dimension, cell.value].join('|')] = cell.count;
  }
  return map;
}
