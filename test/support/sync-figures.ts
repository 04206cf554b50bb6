import path from 'node:path';
import Database from 'better-sqlite3';
import type { StoredCell } from '../../collector/store/store';
import type { SyncBatch } from '../../core/contract';

/**
 * The figures to compare across the two ends of sync, as maps from `week|course|metric` (totals)
 * and `week|course|metric|dimension|value` (breakdown cells) to counts.
 */
export interface Figures {
  totals: Map<string, number>;
  cells: Map<string, number>;
}

const COURSE = "CASE WHEN pack_id = '' THEN '' ELSE pack_id || '/' || course_id END";

/**
 * A kiosk's own figures (everything it counted), what its release rounds released (what may have
 * left: at the collector once every batch is through), and its batches, read from its database file
 * (after it stopped, or alongside).
 */
export function kioskFigures(databaseFile: string): Figures & { released: Figures; batches: { made: number; acked: number } } {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const rows = (sql: string) => new Map(db.prepare<[], { key: string; count: number }>(sql).all().map((r) => [r.key, r.count]));
    return {
      totals: rows(`SELECT week || '|' || ${COURSE} || '|' || metric AS key, sum(count) AS count FROM stats_weekly GROUP BY week, pack_id, course_id, metric`),
      cells: rows(
        `SELECT week || '|' || ${COURSE} || '|' || metric || '|gender|' || gender AS key, sum(count) AS count
         FROM stats_weekly GROUP BY week, pack_id, course_id, metric, gender
         UNION ALL
         SELECT week || '|' || ${COURSE} || '|' || metric || '|age_band|' || age_band, sum(count)
         FROM stats_weekly GROUP BY week, pack_id, course_id, metric, age_band`,
      ),
      released: {
        totals: rows(`SELECT week || '|' || course || '|' || metric AS key, sum(count) AS count FROM stats_released WHERE dimension = 'total' GROUP BY 1`),
        cells: rows(
          `SELECT week || '|' || course || '|' || metric || '|' || dimension || '|' || value AS key, sum(count) AS count
           FROM stats_released WHERE dimension <> 'total' AND held = 0 GROUP BY 1`,
        ),
      },
      batches: db.prepare<[], { made: number; acked: number }>('SELECT count(*) AS made, coalesce(sum(acked), 0) AS acked FROM sync_batches').get()!,
    };
  } finally {
    db.close();
  }
}

/** The same maps from what a collector stored (optionally for one site code). */
export function collectorFigures(stored: StoredCell[], siteCode?: string): Figures {
  const totals = new Map<string, number>();
  const cells = new Map<string, number>();
  for (const cell of stored) {
    if (siteCode !== undefined && cell.siteCode !== siteCode) continue;
    const key = `${cell.week}|${cell.course}|${cell.metric}`;
    const [map, full] = cell.dimension === 'total' ? [totals, key] : [cells, `${key}|${cell.dimension}|${cell.value}`];
    map.set(full, (map.get(full) ?? 0) + cell.count);
  }
  return { totals, cells };
}

/**
 * The same maps from the batches a collector (SQLite backend) stored, by the weeks the kiosk gave
 * them, before any placement for a wrong clock: what the kiosk sent, each stored batch once.
 */
export function storedBatchFigures(collectorDataDir: string): Figures {
  const db = new Database(path.join(collectorDataDir, 'collector.db'), { readonly: true });
  try {
    const totals = new Map<string, number>();
    const cells = new Map<string, number>();
    for (const { body } of db.prepare<[], { body: string }>('SELECT body FROM batches').all()) {
      for (const row of (JSON.parse(body) as SyncBatch).rows) {
        const key = `${row.week}|${row.course}|${row.metric}`;
        const [map, full] = row.dimension === 'total' ? [totals, key] : [cells, `${key}|${row.dimension}|${row.value}`];
        map.set(full, (map.get(full) ?? 0) + row.count);
      }
    }
    return { totals, cells };
  } finally {
    db.close();
  }
}

/** Per course and measure (`course|metric`), over all weeks: how many of `all` are not in `part`. */
export function lackingPerStream(all: Map<string, number>, part: Map<string, number>): Map<string, number> {
  const stream = (key: string) => key.split('|').slice(1, 3).join('|');
  const lacking = new Map<string, number>();
  for (const [key, count] of all) lacking.set(stream(key), (lacking.get(stream(key)) ?? 0) + count);
  for (const [key, count] of part) lacking.set(stream(key), (lacking.get(stream(key)) ?? 0) - count);
  return lacking;
}
