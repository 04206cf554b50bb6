import { AGE_BANDS, GENDERS, METRICS, type StatsRow } from '../core/contract';
import type { StoredCell } from './store/store';
import { addWeeks, compareWeeks } from '../base/iso-week';
import { suppressBreakdown } from '../base/suppress';

/**
 * The dashboard's figures, computed from stored cells: pure functions, no store, no HTTP.
 *
 * Kiosks send no number under their k (docs/sync.md), but a dashboard that adds sites and weeks
 * together, or narrows the weeks, can still make small figures: so every figure shown as part
 * of a breakdown goes through the suppression rule of base/suppress.ts (the kiosk's own, with zeros), and
 * a held-back figure is `null`, never its number.
 */

/** The programme's target share of women among the people who complete a course. */
export const WOMEN_TARGET = 0.3;

/** Weeks are listed one by one (empty ones too) up to this span; beyond it only weeks with figures. */
export const MAX_FILLED_WEEKS = 260;

export const GROUPINGS = ['course', 'week', 'region', 'site'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** One figure as it may be shown: `count` is null when it is held back. */
export interface ShownCell {
  key: string;
  count: number | null;
}

/** A published total and its parts as they may be shown. */
export interface Breakdown {
  total: number;
  cells: ShownCell[];
}

export interface WeekRange {
  fromWeek?: string;
  toWeek?: string;
}

/** Applies the suppression rule (base/suppress.ts) to named counts, in their given order (which also breaks ties). */
function showBreakdown(entries: ReadonlyArray<readonly [string, number]>, k: number): Breakdown {
  const counts = entries.map(([, count]) => count);
  const held = suppressBreakdown(counts, k);
  return {
    total: counts.reduce((a, b) => a + b, 0),
    cells: entries.map(([key, count], i) => ({ key, count: held[i] ? null : count })),
  };
}

const isCompletion = (cell: StoredCell) => cell.metric === 'courses_completed';

/**
 * Course completions (the totals) grouped by course, ISO week, region or site (keyed by site id,
 * ordered by site code). Weeks run without gaps from the range's first to its last week.
 */
export function completionsBy(cells: readonly StoredCell[], groupBy: Grouping, k: number, range: WeekRange = {}): Breakdown {
  const sums = new Map<string, number>();
  for (const cell of cells) {
    if (!isCompletion(cell) || cell.dimension !== 'total' || !inRange(cell.week, range)) continue;
    const key = groupKey(cell, groupBy);
    sums.set(key, (sums.get(key) ?? 0) + cell.count);
  }
  if (groupBy === 'week') {
    for (const week of weeksToShow([...sums.keys()], range)) if (!sums.has(week)) sums.set(week, 0);
  }
  // Sites in the order of their codes (what people read), ties (a code enrolled twice) by id.
  const codes = new Map(cells.map((cell) => [cell.siteId, cell.siteCode]));
  const order = (key: string) => (groupBy === 'site' ? `${codes.get(key)}\u0000${key}` : key);
  const entries = [...sums.entries()].sort(([a], [b]) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return showBreakdown(entries, k);
}

/** Course completers by gender, from the gender cells the kiosks released. */
export interface WomenShare extends Breakdown {
  /** female / every released gender count; null when there are none, or when the female count is held back. */
  share: number | null;
  /** True when there are figures but the female count is held back (so the share would give it away). */
  shareHeld: boolean;
  target: number;
}

export function completersByGender(cells: readonly StoredCell[], k: number, range: WeekRange = {}): WomenShare {
  const breakdown = breakdownOf(cells, 'gender', GENDERS, k, range);
  const female = breakdown.cells.find((cell) => cell.key === 'female')!.count;
  const shareHeld = breakdown.total > 0 && female === null;
  const share = breakdown.total > 0 && female !== null ? female / breakdown.total : null;
  return { ...breakdown, share, shareHeld, target: WOMEN_TARGET };
}

/** Course completers by age band, from the age-band cells the kiosks released. */
export function completersByAgeBand(cells: readonly StoredCell[], k: number, range: WeekRange = {}): Breakdown {
  return breakdownOf(cells, 'age_band', AGE_BANDS, k, range);
}

function breakdownOf(
  cells: readonly StoredCell[],
  dimension: 'gender' | 'age_band',
  values: readonly string[],
  k: number,
  range: WeekRange,
): Breakdown {
  const sums = new Map<string, number>(values.map((value) => [value, 0]));
  for (const cell of cells) {
    if (!isCompletion(cell) || cell.dimension !== dimension || !inRange(cell.week, range)) continue;
    sums.set(cell.value, (sums.get(cell.value) ?? 0) + cell.count);
  }
  return showBreakdown([...sums.entries()], k);
}

/** One line of the CSV export: a stored cell as it may be shown (count null when held back). */
export type ExportRow = Omit<StoredCell, 'count'> & { count: number | null };

const DIMENSION_ORDER: Record<StatsRow['dimension'], number> = { total: 0, gender: 1, age_band: 2 };
const VALUE_ORDER = new Map<string, number>([['', 0], ...GENDERS.map((g, i) => [g, i] as const), ...AGE_BANDS.map((b, i) => [b, i] as const)]);
const METRIC_ORDER = new Map<string, number>(METRICS.map((m, i) => [m, i]));

/**
 * The stored cells at their finest (site, week, course, metric), held back as the dashboard would:
 * a total under k is held back, and its breakdowns with it (they would add up to it); a shown
 * total's gender and age-band cells follow `suppress`. Ordered by site code, week, course, metric,
 * dimension and value.
 */
export function exportRows(cells: readonly StoredCell[], k: number, range: WeekRange = {}): ExportRow[] {
  const groups = new Map<string, StoredCell[]>();
  for (const cell of cells) {
    if (!inRange(cell.week, range)) continue;
    const key = [cell.siteCode, cell.siteId, cell.week, cell.course, String(METRIC_ORDER.get(cell.metric)).padStart(2, '0')].join('\u0000');
    const group = groups.get(key);
    if (group) group.push(cell);
    else groups.set(key, [cell]);
  }
  const rows: ExportRow[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!.sort(
      (a, b) => DIMENSION_ORDER[a.dimension] - DIMENSION_ORDER[b.dimension] || VALUE_ORDER.get(a.value)! - VALUE_ORDER.get(b.value)!,
    );
    const total = group.find((cell) => cell.dimension === 'total');
    const totalHeld = total !== undefined && total.count > 0 && total.count < k;
    const held = new Set<StoredCell>();
    for (const dimension of ['gender', 'age_band'] as const) {
      const parts = group.filter((cell) => cell.dimension === dimension);
      const partsHeld = totalHeld ? parts.map(() => true) : suppressBreakdown(parts.map((cell) => cell.count), k);
      parts.forEach((cell, i) => partsHeld[i] && held.add(cell));
    }
    if (totalHeld) held.add(total);
    for (const cell of group) rows.push({ ...cell, count: held.has(cell) ? null : cell.count });
  }
  return rows;
}

/** The weeks a by-week chart lists: the range (or the figures' first to last week), without gaps. */
export function weeksToShow(weeks: readonly string[], range: WeekRange = {}): string[] {
  const sorted = [...weeks].sort();
  const first = range.fromWeek ?? sorted[0];
  const last = range.toWeek ?? sorted[sorted.length - 1];
  if (first === undefined || last === undefined || compareWeeks(first, last) > 0) return sorted;
  const all: string[] = [];
  for (let week = first; compareWeeks(week, last) <= 0; week = addWeeks(week, 1)) {
    if (all.length >= MAX_FILLED_WEEKS) return sorted;
    all.push(week);
  }
  return all;
}

function inRange(week: string, range: WeekRange): boolean {
  return (range.fromWeek === undefined || week >= range.fromWeek) && (range.toWeek === undefined || week <= range.toWeek);
}

function groupKey(cell: StoredCell, groupBy: Grouping): string {
  switch (groupBy) {
    case 'course':
      return cell.course;
    case 'week':
      return cell.week;
    case 'region':
      return cell.region;
    case 'site':
      return cell.siteId;
  }
}
