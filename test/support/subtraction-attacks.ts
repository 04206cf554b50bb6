import { placeWeek } from '../../collector/skew';
import type { IngestMeta } from '../../collector/store/store';
import { AGE_BANDS, GENDERS, type StatsRow, type SyncBatch } from '../../core/contract';

/**
 * What someone holding the collector's store can work out from it: every batch a site sent, in the
 * order received, each with its time of receipt. After each batch the collector's figures are in a
 * new state; the attacker subtracts any earlier state from any later one, cell by cell, and, within
 * a (week, course, measure), the released breakdown cells of any subset of one dimension from the
 * total. Any result between 1 and k − 1 isolates fewer than k people: the rule says none may.
 *
 * This is done twice: by the weeks as the kiosk labelled them, and by the weeks the collector placed
 * them in (collector/skew.ts), where batches of a wrong clock may land on the same week.
 */

export interface ReceivedBatch {
  batch: SyncBatch;
  meta: Pick<IngestMeta, 'clockSkewFlagged' | 'weekShift' | 'receivedAt'>;
}

const BREAKDOWNS = { gender: GENDERS, age_band: AGE_BANDS } as const;

/** Answers what an attack isolates (empty when nothing): the group, the states subtracted and the count. */
export function subtractionAttacks(received: readonly ReceivedBatch[], k: number): string[] {
  return [...attacksIn(received, k, (row) => row.week, 'as labelled'), ...attacksIn(received, k, (row, meta) => placeWeek(row.week, meta), 'as placed')];
}

function attacksIn(received: readonly ReceivedBatch[], k: number, weekOf: (row: StatsRow, meta: ReceivedBatch['meta']) => string, space: string): string[] {
  // Each group's states over time: the empty state first, then one after every batch that changed it.
  const states = new Map<string, Array<Map<string, number>>>();
  const current = new Map<string, Map<string, number>>();
  received.forEach(({ batch, meta }) => {
    const touched = new Set<string>();
    for (const row of batch.rows) {
      const group = `${weekOf(row, meta)}|${row.course}|${row.metric}`;
      let cells = current.get(group);
      if (!cells) {
        current.set(group, (cells = new Map()));
        states.set(group, [new Map()]);
      }
      const cell = `${row.dimension}|${row.value}`;
      cells.set(cell, (cells.get(cell) ?? 0) + row.count);
      touched.add(group);
    }
    for (const group of touched) states.get(group)!.push(new Map(current.get(group)!));
  });

  const found: string[] = [];
  const isolates = (n: number) => n !== 0 && (n < 0 || n < k);
  for (const [group, history] of states) {
    for (let later = 1; later < history.length; later++) {
      for (let earlier = 0; earlier < later; earlier++) {
        const delta = (cell: string) => (history[later]!.get(cell) ?? 0) - (history[earlier]!.get(cell) ?? 0);
        const where = `${space} ${group}, state ${later} − state ${earlier}`;
        for (const cell of new Set([...history[later]!.keys()])) {
          if (isolates(delta(cell))) found.push(`${where}: ${cell} = ${delta(cell)}`);
        }
        const total = delta('total|');
        for (const [dimension, values] of Object.entries(BREAKDOWNS)) {
          const parts = values.map((value) => delta(`${dimension}|${value}`));
          // Every subset of the dimension's cells, subtracted from the total.
          for (let subset = 1; subset < 1 << parts.length; subset++) {
            const rest = total - parts.reduce((sum, part, i) => (subset & (1 << i) ? sum + part : sum), 0);
            if (isolates(rest)) found.push(`${where}: total − ${dimension} subset ${subset.toString(2)} = ${rest}`);
          }
        }
      }
    }
  }
  return found;
}
