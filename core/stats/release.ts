import type { Statement } from 'better-sqlite3';
import { GENDERS } from '../contract';
import { AGE_BANDS, METRICS, type Metric, type StatsRow } from '../contract/console';
import type { Db } from '../db/open';
import { addWeeks, weekOf } from '../../base/iso-week';
import { suppressBreakdown } from '../../base/suppress';

/**
 * What may leave the kiosk, decided once for the statistics file and for sync (docs/sync.md,
 * "What may leave"). Nothing else decides it: the file's rows and the batches' rows are what the
 * release rounds recorded here.
 *
 * Once a week (the first time the kiosk looks in a new week, by its clock), a round takes every
 * count still waiting in a closed week, per course and measure (a *stream*), in week order, and
 * cuts it into *spans*: a span closes at the first week where what it holds reaches k, and is
 * released whole, labelled with that week: its total (at least k) and its gender and age-band
 * cells, suppressed as the file always was. What is left after the last span (under k) waits and
 * is carried into a later span. A released span never changes: a count that arrives later, for
 * any week, waits like any other. So every difference between two releases is a sum of whole
 * spans, each of at least k people.
 */

/** The weeks a round is decided by, on the kiosk's clock. */
export interface RoundWeeks {
  /** The week it is now: still open, nothing of it leaves. */
  current: string;
  /** The week before: the last that has ended. */
  lastClosed: string;
}

/** One cell of a span: a statistics-file row and whether suppression holds it back. */
export type ReleasedCell = StatsRow & { held: boolean };

/** What one round releases of one stream: a total of at least k, then its breakdown cells. */
export interface Span {
  week: string;
  course: string;
  metric: Metric;
  /** The threshold it was decided with. */
  k: number;
  /** The weeks whose waiting counts it takes, each whole. */
  takes: string[];
  /** The total first, then gender cells, then age-band cells, in the file's order. */
  cells: ReleasedCell[];
}

interface PendingCell {
  week: string;
  course: string;
  metric: Metric;
  dimension: StatsRow['dimension'];
  value: string;
  pending: number;
}

/** The file's order of rows: week, course, measure, total then gender then age band, values as listed. */
const METRIC_ORDER = new Map<string, number>(METRICS.map((m, i) => [m, i]));
const DIMENSION_ORDER = { total: 0, gender: 1, age_band: 2 } as const;
const VALUE_ORDER = new Map<string, number>(['', ...GENDERS, ...AGE_BANDS].map((v, i) => [v, i]));
const BREAKDOWNS = [
  ['gender', GENDERS],
  ['age_band', AGE_BANDS],
] as const;

export function compareRows(a: Omit<StatsRow, 'count'>, b: Omit<StatsRow, 'count'>): number {
  return (
    (a.week < b.week ? -1 : a.week > b.week ? 1 : 0) ||
    (a.course < b.course ? -1 : a.course > b.course ? 1 : 0) ||
    METRIC_ORDER.get(a.metric)! - METRIC_ORDER.get(b.metric)! ||
    DIMENSION_ORDER[a.dimension] - DIMENSION_ORDER[b.dimension] ||
    VALUE_ORDER.get(a.value)! - VALUE_ORDER.get(b.value)!
  );
}

/** Every count waiting outside the current week (the index names the few cells that wait). */
export const WAITING_CELLS_SQL = `SELECT week, course, metric, dimension, value, pending FROM sync_cells INDEXED BY sync_cells_waiting
  WHERE pending > 0 AND week <> @current`;

export class Release {
  private readonly roundOf: Statement<[string], { round: number }>;
  private readonly waitingCells: Statement<{ current: string }, PendingCell>;
  private readonly waitingStreams: Statement<[], { course: string; metric: string; week: string }>;
  private readonly insertRound: Statement<{ week: string; k: number }>;
  private readonly insertCell: Statement<{ round: number; week: string; course: string; metric: string; dimension: string; value: string; count: number; held: number }>;
  private readonly take: Statement<{ week: string; course: string; metric: string }>;
  private readonly released: Statement<{ fromWeek: string; toWeek: string }, StatsRow & { held: 0 | 1; entries: number; k: number }>;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {
    this.roundOf = db.prepare('SELECT round FROM release_rounds WHERE week = ?');
    this.waitingCells = db.prepare(WAITING_CELLS_SQL);
    this.waitingStreams = db.prepare(
      "SELECT DISTINCT course, metric, week FROM sync_cells INDEXED BY sync_cells_waiting WHERE pending > 0 AND dimension = 'total'",
    );
    this.insertRound = db.prepare('INSERT INTO release_rounds (week, k) VALUES (@week, @k)');
    this.insertCell = db.prepare(
      `INSERT INTO stats_released (round, week, course, metric, dimension, value, count, held)
       VALUES (@round, @week, @course, @metric, @dimension, @value, @count, @held)`,
    );
    this.take = db.prepare(
      'UPDATE sync_cells SET released = released + pending, pending = 0 WHERE week = @week AND course = @course AND metric = @metric AND pending > 0',
    );
    this.released = db.prepare(
      `SELECT s.week, s.course, s.metric, s.dimension, s.value, s.held, sum(s.count) AS count, count(*) AS entries, min(r.k) AS k
       FROM stats_released s JOIN release_rounds r ON r.round = s.round
       WHERE s.week BETWEEN @fromWeek AND @toWeek GROUP BY s.week, s.course, s.metric, s.dimension, s.value, s.held`,
    );
  }

  weeks(): RoundWeeks {
    // The same local weeks the counts are kept in (./sql weekOf).
    const current = weekOf(this.now());
    return { current, lastClosed: addWeeks(current, -1) };
  }

  /** What this week's round would release, were it to run now (nothing once it has run). Reads only. */
  plan(k: number): Span[] {
    const weeks = this.weeks();
    return this.roundOf.get(weeks.current) ? [] : this.decide(k, weeks).spans;
  }

  /** Runs this week's round unless it has run; answers how many spans it released. */
  run(k: number): number {
    return this.db
      .transaction(() => {
        const weeks = this.weeks();
        if (this.roundOf.get(weeks.current)) return 0;
        const { spans } = this.decide(k, weeks);
        const round = Number(this.insertRound.run({ week: weeks.current, k }).lastInsertRowid);
        for (const span of spans) {
          for (const { held, ...cell } of span.cells) this.insertCell.run({ round, ...cell, held: held ? 1 : 0 });
          for (const week of span.takes) this.take.run({ week, course: span.course, metric: span.metric });
        }
        return spans.length;
      })
      .immediate();
  }

  /**
   * What this week's round would release were it to run now (nothing once it has run), and how
   * many streams (a course's measure, or learners active) keep counts waiting on the kiosk after
   * it: this week's, and those carried under k. Reads only; one decision for both.
   */
  look(k: number): { planned: Span[]; waiting: number } {
    const weeks = this.weeks();
    const streams = this.waitingStreams.all();
    if (this.roundOf.get(weeks.current)) return { planned: [], waiting: new Set(streams.map((s) => `${s.course}|${s.metric}`)).size };
    const { spans, left } = this.decide(k, weeks);
    for (const s of streams) if (s.week === weeks.current) left.add(`${s.course}|${s.metric}`);
    return { planned: spans, waiting: left.size };
  }

  /**
   * The statistics file's rows for a range of weeks: every released cell, summed over rounds
   * (and over `planned` spans, for a preview of a round not yet run), without the held-back ones;
   * how many held-back cells there are; and the smallest k any of them was released with (null
   * when there is none: a site may raise its k, and what left before stays as it left).
   */
  rows(range: { fromWeek: string; toWeek: string }, planned: Span[] = []): { rows: StatsRow[]; held: number; k: number | null } {
    const shown = new Map<string, StatsRow>();
    let held = 0;
    let k: number | null = null;
    const add = (cell: StatsRow, isHeld: boolean, entries: number, cellK: number) => {
      k = k === null ? cellK : Math.min(k, cellK);
      if (isHeld) {
        held += entries;
        return;
      }
      const key = [cell.week, cell.course, cell.metric, cell.dimension, cell.value].join('|');
      const row = shown.get(key);
      if (row) row.count += cell.count;
      else shown.set(key, { ...cell });
    };
    for (const { held: isHeld, entries, k: cellK, ...cell } of this.released.all(range)) add(cell as StatsRow, isHeld === 1, entries, cellK);
    for (const span of planned) {
      if (span.week < range.fromWeek || span.week > range.toWeek) continue;
      for (const { held: isHeld, ...cell } of span.cells) add(cell as StatsRow, isHeld, 1, span.k);
    }
    return { rows: [...shown.values()].sort(compareRows), held, k };
  }

  /**
   * The one decision: which waiting counts a round takes, cut into spans per stream, and which
   * streams keep counts waiting. A week after the current one (the clock was ahead, or has been
   * put back) has ended as far as the kiosk can tell: its counts go under the last closed week.
   */
  private decide(k: number, weeks: RoundWeeks): { spans: Span[]; left: Set<string> } {
    const streams = new Map<string, Map<string, PendingCell[]>>();
    for (const cell of this.waitingCells.all({ current: weeks.current })) {
      const key = `${cell.course}|${cell.metric}`;
      let byWeek = streams.get(key);
      if (!byWeek) streams.set(key, (byWeek = new Map()));
      const cells = byWeek.get(cell.week);
      if (cells) cells.push(cell);
      else byWeek.set(cell.week, [cell]);
    }

    const spans: Span[] = [];
    const left = new Set<string>();
    for (const [key, byWeek] of [...streams].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const label = (week: string) => (week > weeks.lastClosed ? weeks.lastClosed : week);
      const ordered = [...byWeek.keys()].sort();
      let takes: string[] = [];
      let sum = 0;
      ordered.forEach((week, i) => {
        takes.push(week);
        sum += totalOf(byWeek.get(week)!);
        // A span closes only at the end of a label: every week carried into a label goes with it.
        const next = ordered[i + 1];
        if (sum >= k && (next === undefined || label(next) !== label(week))) {
          spans.push(span(label(week), takes.map((w) => byWeek.get(w)!), takes, k));
          takes = [];
          sum = 0;
        }
      });
      if (takes.length > 0) left.add(key);
    }
    return { spans, left };
  }
}

const totalOf = (cells: PendingCell[]) => cells.find((c) => c.dimension === 'total')?.pending ?? 0;

/** A span's rows: its total, and each breakdown suppressed as the file's rule says. */
function span(week: string, weeks: PendingCell[][], takes: string[], k: number): Span {
  const { course, metric } = weeks[0]![0]!;
  const sums = new Map<string, number>();
  for (const cell of weeks.flat()) {
    const key = `${cell.dimension}|${cell.value}`;
    sums.set(key, (sums.get(key) ?? 0) + cell.pending);
  }
  const total = sums.get('total|') ?? 0;
  const cells: ReleasedCell[] = [{ week, course, metric, dimension: 'total', value: '', count: total, held: false }];
  for (const [dimension, values] of BREAKDOWNS) {
    const present = values.filter((value) => (sums.get(`${dimension}|${value}`) ?? 0) > 0);
    const counts = present.map((value) => sums.get(`${dimension}|${value}`)!);
    // Each count is in its three cells, so a breakdown adds up to its total; were it ever not to
    // (a bug), the whole breakdown is held, which gives nothing away.
    const consistent = counts.reduce((a, b) => a + b, 0) === total;
    const held = consistent ? suppressBreakdown(counts, k) : counts.map(() => true);
    present.forEach((value, i) => cells.push({ week, course, metric, dimension, value, count: counts[i]!, held: held[i]! } as ReleasedCell));
  }
  return { week, course, metric, k, takes, cells };
}
