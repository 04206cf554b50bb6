import { stringify } from 'csv-stringify/sync';
import { STATS_SCHEMA_VERSION, type StatsFile, type StatsRow } from '../contract/console';
import type { WeekRange } from './period';

export type StatsFormat = 'csv' | 'json';

/** A statistics file and how many breakdown cells were held back from it. */
export interface StatsPreview extends StatsFile {
  suppressedCells: number;
}

/** The CSV's columns, in order (docs/statistics-format.md). */
export const CSV_COLUMNS = ['schema_version', 'site_code', 'week', 'course', 'metric', 'dimension', 'value', 'count'] as const;

/**
 * The statistics file for a range of weeks, from what the release rounds decided may leave
 * (./release): the same rows sync sends, summed per week. `released` comes from `Release.rows`;
 * the file's k is the smallest its rows were released with (the site's own when there are none).
 */
export function buildStatsFile(
  range: WeekRange,
  site: { siteCode: string; k: number },
  released: { rows: StatsRow[]; held: number; k: number | null },
): StatsPreview {
  return {
    schema: 'ayil.statistics',
    schemaVersion: STATS_SCHEMA_VERSION,
    siteCode: site.siteCode,
    k: released.k ?? site.k,
    fromWeek: range.fromWeek,
    toWeek: range.toWeek,
    rows: released.rows,
    suppressedCells: released.held,
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
