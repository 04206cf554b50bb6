import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { MAX_BATCH_ROWS, SYNC_SCHEMA_VERSION, SyncBatchSchema, type StatsRow, type SyncBatch } from '../contract';
import type { Db } from '../db/open';
import { compareRows, type Span } from '../stats/release';

/**
 * The kiosk's outbox: batches of what the release rounds released (core/stats/release.ts), each
 * kept exactly as first made until the collector acknowledges it. A batch holds one round's rows
 * (several batches when there are many), and a span (a total and its breakdown cells) is never
 * split between two batches: at no moment can the collector have part of one.
 */
export class Outbox {
  private readonly unbatchedRounds: Statement<[], { round: number; k: number }>;
  private readonly rowsOfRound: Statement<[number], StatsRow>;
  private readonly spanSizes: Statement<[], { round: number; rows: number }>;
  private readonly markBatched: Statement<[number]>;
  private readonly nextSequence: Statement<[], { next: number }>;
  private readonly insertBatch: Statement<{ sequence: number; key: string; body: string; rowCount: number }>;

  constructor(private readonly db: Db) {
    this.unbatchedRounds = db.prepare('SELECT round, k FROM release_rounds WHERE batched = 0 ORDER BY round');
    this.rowsOfRound = db.prepare('SELECT week, course, metric, dimension, value, count FROM stats_released WHERE round = ? AND held = 0');
    this.spanSizes = db.prepare(
      `SELECT r.round, count(*) AS rows FROM release_rounds r JOIN stats_released s ON s.round = r.round
       WHERE r.batched = 0 AND s.held = 0 GROUP BY r.round, s.week, s.course, s.metric ORDER BY r.round, s.week, s.course, s.metric`,
    );
    this.markBatched = db.prepare('UPDATE release_rounds SET batched = 1 WHERE round = ?');
    this.nextSequence = db.prepare('SELECT coalesce(max(sequence), 0) + 1 AS next FROM sync_batches');
    this.insertBatch = db.prepare('INSERT INTO sync_batches (sequence, key, body, row_count) VALUES (@sequence, @key, @body, @rowCount)');
  }

  /**
   * Puts every released row not yet in a batch into new batches (of at most `maxRows` rows), in one
   * transaction: a row is in exactly one batch, made once. Answers how many were made.
   */
  makeBatches(siteCode: string, maxRows = MAX_BATCH_ROWS): number {
    return this.db.transaction(() => {
      let made = 0;
      for (const { round, k } of this.unbatchedRounds.all()) {
        const rows = this.rowsOfRound.all(round).sort(compareRows);
        for (const chunk of inBatches(spansOf(rows), maxRows)) {
          const batch: SyncBatch = SyncBatchSchema.parse({
            schema: 'ayil.sync-batch',
            schemaVersion: SYNC_SCHEMA_VERSION,
            siteCode,
            sequence: this.nextSequence.get()!.next,
            key: randomUUID(),
            k,
            rows: chunk.flat(),
          });
          this.insertBatch.run({ sequence: batch.sequence, key: batch.key, body: JSON.stringify(batch), rowCount: batch.rows.length });
          made++;
        }
        this.markBatched.run(round);
      }
      return made;
    })();
  }

  /**
   * How many batches `makeBatches` would make now from what has been released, plus `planned`
   * (a round not yet run). Reads only: the status counts what waits without making it.
   */
  batchesToMake(planned: readonly Span[], maxRows = MAX_BATCH_ROWS): number {
    const rounds = new Map<number, number[]>();
    for (const { round, rows } of this.spanSizes.all()) rounds.set(round, [...(rounds.get(round) ?? []), rows]);
    const shown = (span: Span) => span.cells.filter((cell) => !cell.held).length;
    return [...rounds.values(), planned.map(shown)].reduce((sum, sizes) => sum + inBatches(sizes.map((n) => Array<null>(n).fill(null)), maxRows).length, 0);
  }

  /** Batches not yet acknowledged, oldest first, exactly as they were made. */
  unacked(limit = Number.MAX_SAFE_INTEGER): SyncBatch[] {
    return this.db
      .prepare<[number], { body: string }>('SELECT body FROM sync_batches WHERE acked = 0 ORDER BY sequence LIMIT ?')
      .all(limit)
      .map((row) => JSON.parse(row.body) as SyncBatch);
  }

  /** Whether any batch was ever made: figures have left (or are on their way) under the site's code. */
  madeAny(): boolean {
    return this.db.prepare('SELECT 1 FROM sync_batches LIMIT 1').get() !== undefined;
  }

  pendingBatches(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sync_batches WHERE acked = 0').get()!.n;
  }

  /** Only the collector's acknowledgement (stored, or already had it) marks a batch sent. */
  markAcked(key: string): void {
    this.db.prepare('UPDATE sync_batches SET acked = 1 WHERE key = ?').run(key);
  }
}

/** Rows in the file's order, grouped into spans (one week, course and measure: a total and its cells). */
function spansOf(rows: StatsRow[]): StatsRow[][] {
  const spans: StatsRow[][] = [];
  for (const row of rows) {
    const last = spans.at(-1)?.[0];
    if (last && last.week === row.week && last.course === row.course && last.metric === row.metric) spans.at(-1)!.push(row);
    else spans.push([row]);
  }
  return spans;
}

/** Whole spans, in order, into batches of at most `maxRows` rows (a span has at most 11). */
function inBatches<T>(spans: T[][], maxRows: number): T[][][] {
  const batches: T[][][] = [];
  let rows = 0;
  for (const span of spans) {
    if (batches.length === 0 || rows + span.length > maxRows) {
      batches.push([]);
      rows = 0;
    }
    batches.at(-1)!.push(span);
    rows += span.length;
  }
  return batches;
}
