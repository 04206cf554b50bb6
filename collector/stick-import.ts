import { createPublicKey, verify } from 'node:crypto';
import { SyncFilePayloadSchema, SyncFileSchema, type SyncFilePayload } from '../core/contract';
import { CollectorError, issuesOf } from './errors';
import { checkBatchFor, ingestDelivery } from './ingest';
import { toInstant } from './skew';
import type { CollectorStore, SiteRecord } from './store/store';

/** The largest stick file taken (API or dashboard upload): a year of a busy site's batches fits many times over. */
export const STICK_FILE_LIMIT = 20 * 1024 * 1024;
/** @fastify/multipart limits for a stick-file upload: one file, a few small fields. */
export const STICK_MULTIPART_LIMITS = { fileSize: STICK_FILE_LIMIT, files: 1, fields: 10, fieldSize: 1024 };

export interface StickImportResult {
  site: { code: string; name: string };
  batches: number;
  stored: number;
  duplicates: number;
}

/**
 * A stick file ("Save figures to stick" on a kiosk), uploaded by an administrator or given to the
 * CLI. Everything is checked before anything is stored: the format, the Ed25519 signature of the
 * payload with the kiosk's key, and that every batch is the site's. A key the collector has never
 * seen creates its site (trust on first use: only an authenticated administrator gets here).
 * Batches then go through the same ingest and dedupe as the network: the same file twice adds nothing.
 */
export async function importStickFile(store: CollectorStore, text: string, options: { now: Date }): Promise<StickImportResult> {
  const payload = readSignedPayload(text);
  const existing = await store.siteByPublicKey(payload.publicKey);
  const siteCode = existing?.code ?? payload.site.code;
  for (const batch of payload.batches) {
    try {
      checkBatchFor(siteCode, batch);
    } catch (error) {
      if (error instanceof CollectorError && error.code === 'batch.site_mismatch') throw new CollectorError('file.site_mismatch');
      if (error instanceof CollectorError) throw new CollectorError('file.invalid', error.issues);
      throw error;
    }
  }
  const site = existing ?? (await createSite(store, payload, options.now));
  let stored = 0;
  for (const batch of payload.batches) {
    const ack = await ingestDelivery(store, site, { deviceTime: payload.deviceTime, batch }, { now: options.now, via: 'stick' });
    if (ack.status === 'stored') stored++;
  }
  return { site: { code: site.code, name: site.name }, batches: payload.batches.length, stored, duplicates: payload.batches.length - stored };
}

function readSignedPayload(text: string): SyncFilePayload {
  const file = SyncFileSchema.safeParse(parseJson(text));
  if (!file.success) throw new CollectorError('file.invalid', issuesOf(file.error));
  const raw = parseJson(file.data.payload) as { publicKey?: unknown } | null;
  // The key is inside what it signs: a forger can swap both, which is why an unknown key is
  // accepted only from an administrator, and a known key always belongs to its own site.
  if (typeof raw?.publicKey !== 'string' || !verifies(file.data.payload, file.data.signature, raw.publicKey)) {
    throw new CollectorError('file.signature_invalid');
  }
  const payload = SyncFilePayloadSchema.safeParse(raw);
  if (!payload.success) throw new CollectorError('file.invalid', issuesOf(payload.error));
  return payload.data;
}

function verifies(payload: string, signature: string, publicKey: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(payload, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CollectorError('file.invalid', [{ path: [], message: 'not JSON' }]);
  }
}

async function createSite(store: CollectorStore, payload: SyncFilePayload, now: Date): Promise<SiteRecord> {
  try {
    return await store.createSiteFromStick({ site: payload.site, publicKey: payload.publicKey, at: toInstant(now) });
  } catch (error) {
    // The same new kiosk's file uploaded twice at once: the other upload created the site.
    const site = await store.siteByPublicKey(payload.publicKey);
    if (site) return site;
    throw error;
  }
}
