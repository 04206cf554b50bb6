import { stringify } from 'csv-stringify/sync';
import { AGE_BANDS, METRICS, STATS_SCHEMA_VERSION, type StatsFile, type StatsRow } from '../contract/console';
import { GENDERS } from '../contract';
import type { Db } from '../db/open';
import type { WeekRange } from './period';
import { suppressedCellsSql } from './suppress';

export type StatsFormat = 'csv' | 'json';

/** A statistics file and how many breakdown cells were held back from it. */
export interface StatsPreview extends StatsFile {
  suppressedCells: number;
}

/** The CSV's columns, in order (docs/statistics-format.md). */
export const CSV_COLUMNS = ['schema_version', 'site_code', 'week', 'course', 'metric', 'dimension', 'value', 'count'] as const;

// Rows come out in a fixed order (week, course, metric, total then gender then age band, values
// in the contract's order), so two exports of the same figures are byte-for-byte the same.
const order = (column: string, values: readonly string[]) => `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} END`;

const VALUE_ORDER = order('value', ['', ...GENDERS, ...AGE_BANDS]);

/**
 * Every count of the period's weeks as the file's rows, with `held` set on the breakdown cells
 * suppression holds back: totals and their gender and age-band breakdowns, summed and suppressed
 * by SQLite from the weekly aggregates. Parameters: @fromWeek, @toWeek, @k.
 */
export const STATS_ROWS_SQL = `
  WITH cells AS (
    SELECT week, pack_id, course_id, metric, 'total' AS dimension, '' AS value, sum(count) AS count
    FROM stats_weekly WHERE week BETWEEN @fromWeek AND @toWeek GROUP BY week, metric, pack_id, course_id
    UNION ALL
    SELECT week, pack_id, course_id, metric, 'gender', gender, sum(count)
    FROM stats_weekly WHERE week BETWEEN @fromWeek AND @toWeek GROUP BY week, metric, pack_id, course_id, gender
    UNION ALL
    SELECT week, pack_id, course_id, metric, 'age_band', age_band, sum(count)
    FROM stats_weekly WHERE week BETWEEN @fromWeek AND @toWeek GROUP BY week, metric, pack_id, course_id, age_band
  ),
  ${suppressedCellsSql('cells', VALUE_ORDER)}
  SELECT week, CASE WHEN pack_id = '' THEN '' ELSE pack_id || '/' || course_id END AS course, metric, dimension, value, count, held
  FROM decided
  ORDER BY week, pack_id, course_id, ${order('metric', METRICS)}, ${order('dimension', ['total', 'gender', 'age_band'])}, ${VALUE_ORDER}`;

/**
 * Builds the statistics file for a range of weeks: totals as they are, breakdown cells under k
 * held back with secondary suppression (./suppress). The preview shows exactly this.
 */
export function buildStatsFile(db: Db, range: WeekRange, site: { siteCode: string; k: number }): StatsPreview {
  const cells = db.prepare<WeekRange & { k: number }, StatsRow & { held: 0 | 1 }>(STATS_ROWS_SQL).all({ ...range, k: site.k });
  const rows: StatsRow[] = [];
  let suppressedCells = 0;
  for (const { held, ...row } of cells) {
    if (held) suppressedCells++;
    else rows.push(row);
  }
  return {
    schema: 'ayil.statistics',
    schemaVersion: STATS_SCHEMA_VERSION,
    siteCode: site.siteCode,
    k: site.k,
    fromWeek: range.fromWeek,
    toWeek: range.toWeek,
    rows,
    suppressedCells,
  };
}

/** The file's name: which site and which weeks, nothing else. */
export function statsFileName(file: StatsFile, format: StatsFormat): string {
  return `ayil-stats-${file.siteCode}-${file.fromWeek}-${file.toWeek}.${format}`;
}

export function renderStatsFile(preview: StatsPreview, format: StatsFormat): string {
  const { suppressedCells: _held, ...file } = preview;
  if (format === 'json') return `${JSON.stringify(file, null, 2)}\n`;
  return stringify(
    file.rows.map((row) => [file.schemaVersion, file.siteCode, row.week, row.course, row.metric, row.dimension, row.value, row.count]),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'unix' },
  );
}
