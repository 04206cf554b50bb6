import type { StatsRow } from '../../core/contract';
import type { SiteRecord, SiteSummary, StoredCell } from './store';

/**
 * What both backends share: the columns they select and how a row becomes a record. SQLite hands
 * back text and 0/1, PostgreSQL Date and booleans; the mappers accept either.
 */

export const SITE_COLUMNS = 'id, code, name, region, district, public_key, enrolled_at';
/** Selected from `sites`, with each site's batch count. */
export const SUMMARY_COLUMNS = `${SITE_COLUMNS}, last_sync_at, clock_skew_seconds, clock_skew_flagged,
  (SELECT count(*) FROM batches b WHERE b.site_id = sites.id) AS batches`;
/** Cells with their site's code and place; each backend adds its filter and order. */
export const CELLS_SELECT = `SELECT c.site_id, s.code AS site_code, s.region, s.district, c.week, c.course, c.metric, c.dimension, c.value, c.count
  FROM cells c JOIN sites s ON s.id = c.site_id`;
export const COUNTS_SELECT = 'SELECT (SELECT count(*) FROM sites) AS sites, (SELECT count(*) FROM batches) AS batches, (SELECT count(*) FROM cells) AS cells';

type Instant = string | Date;

export interface SiteRow {
  id: string;
  code: string;
  name: string;
  region: string;
  district: string;
  public_key: string;
  enrolled_at: Instant;
}

export interface SummaryRow extends SiteRow {
  last_sync_at: Instant | null;
  clock_skew_seconds: number | string | null;
  clock_skew_flagged: number | boolean;
  batches: number | string;
}

export interface CellRow {
  site_id: string;
  site_code: string;
  region: string;
  district: string;
  week: string;
  course: string;
  metric: StatsRow['metric'];
  dimension: StatsRow['dimension'];
  value: string;
  count: number | string;
}

/** An instant to the second, whatever the driver gave. */
export function instant(value: Instant): string {
  const iso = typeof value === 'string' ? value : value.toISOString();
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

export function siteRecord(row: SiteRow): SiteRecord {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    region: row.region,
    district: row.district,
    publicKey: row.public_key,
    enrolledAt: instant(row.enrolled_at),
  };
}

export function siteSummary(row: SummaryRow): SiteSummary {
  const { publicKey: _key, ...site } = siteRecord(row);
  return {
    ...site,
    lastSyncAt: row.last_sync_at === null ? null : instant(row.last_sync_at),
    batches: Number(row.batches),
    clockSkewSeconds: row.clock_skew_seconds === null ? null : Number(row.clock_skew_seconds),
    clockSkewFlagged: Boolean(row.clock_skew_flagged),
  };
}

export function storedCell(row: CellRow): StoredCell {
  return {
    siteId: row.site_id,
    siteCode: row.site_code,
    region: row.region,
    district: row.district,
    week: row.week,
    course: row.course,
    metric: row.metric,
    dimension: row.dimension,
    value: row.value,
    count: Number(row.count),
  } as StoredCell;
}
