import type { SyncAck, SyncBatch, SyncDelivery } from '../core/contract';
import { CollectorError } from './errors';
import { assessSkew } from './skew';
import type { CollectorStore, IngestMeta, SiteRecord } from './store/store';
import { isIsoWeek } from '../base/iso-week';

/**
 * One batch from a site, by network or stick: checked against the site, its weeks placed by the
 * clock rule (collector/skew.ts), stored once. The answer is what the kiosk marks a batch sent by.
 */
export async function ingestDelivery(
  store: CollectorStore,
  site: SiteRecord,
  delivery: SyncDelivery,
  options: { now: Date; via: IngestMeta['via'] },
): Promise<SyncAck> {
  const { batch } = delivery;
  checkBatchFor(site.code, batch);
  const meta = assessSkew(options.now, delivery.deviceTime, options.via);
  const status = await store.ingest(site.id, batch, meta);
  return { key: batch.key, sequence: batch.sequence, status, receivedAt: meta.receivedAt, clockSkewSeconds: meta.clockSkewSeconds };
}

/** What the schema cannot say: the batch is this site's, and its weeks exist ('2026-W60' passes the pattern). */
export function checkBatchFor(siteCode: string, batch: SyncBatch): void {
  if (batch.siteCode !== siteCode) throw new CollectorError('batch.site_mismatch');
  const issues = batch.rows.flatMap((row, index) =>
    isIsoWeek(row.week) ? [] : [{ path: ['batch', 'rows', index, 'week'], message: 'not an ISO week' }],
  );
  if (issues.length > 0) throw new CollectorError('batch.invalid', issues);
}
