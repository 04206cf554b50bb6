import type { StatsRow, SyncBatch } from '../../core/contract';
import { placeWeek } from '../skew';
import type { IngestMeta } from './store';

export type CellIncrement = Pick<StatsRow, 'week' | 'course' | 'metric' | 'dimension' | 'value' | 'count'>;

/**
 * What a batch adds to the cells: its rows at their placed weeks, merged where two rows land on the
 * same cell (a clamp to the receipt week can do that), in a fixed order so that concurrent
 * transactions lock rows in the same order.
 */
export function cellIncrements(batch: SyncBatch, meta: IngestMeta): CellIncrement[] {
  const merged = new Map<string, CellIncrement>();
  for (const row of batch.rows) {
    if (row.count === 0) continue;
    const week = placeWeek(row.week, meta);
    const key = [week, row.course, row.metric, row.dimension, row.value].join('\u0000');
    const existing = merged.get(key);
    if (existing) existing.count += row.count;
    else merged.set(key, { week, course: row.course, metric: row.metric, dimension: row.dimension, value: row.value, count: row.count } as CellIncrement);
  }
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, cell]) => cell);
}
