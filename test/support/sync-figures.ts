import Database from 'better-sqlite3';
import type { StoredCell } from '../../collector/store/store';

/**
 * The figures to compare across the two ends of sync, as maps from `week|course|metric` (totals)
 * and `week|course|metric|dimension|value` (breakdown cells) to counts.
 */
export interface Figures {
  totals: Map<string, number>;
  cells: Map<string, number>;
}

const COURSE = "CASE WHEN pack_id = '' THEN '' ELSE pack_id || '/' || course_id END";

/** A kiosk's own figures and batches, read from its database file (after it stopped, or alongside). */
export function kioskFigures(databaseFile: string): Figures & { batches: { made: number; acked: number } } {
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

/** The breakdown cells that may have left the kiosk: those whose count reached k. */
export const releasedCells = (cells: Map<string, number>, k: number) => new Map([...cells].filter(([, count]) => count >= k));
