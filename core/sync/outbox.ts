import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { MAX_BATCH_ROWS, SYNC_SCHEMA_VERSION, SyncBatchSchema, type StatsRow, type SyncBatch } from '../contract';
import type { Db } from '../db/open';

interface CellRow {
  week: string;
  course: string;
  metric: StatsRow['metric'];
  dimension: StatsRow['dimension'];
  value: string;
  pending: number;
}

/**
 * The kiosk's outbox: turns what the triggers of migration 0007 counted into batches, and keeps
 * each batch, exactly as first made, until the collector acknowledges it.
 *
 * A breakdown cell (gender, age band) goes into a batch only once its running count (what was
 * already sent plus what waits) reaches k; until then it waits here. Totals go as they are.
 */
export class Outbox {
  private readonly releasable: Statement<{ k: number; limit: number }, CellRow>;
  private readonly release: Statement<CellRow>;
  private readonly nextSequence: Statement<[], { next: number }>;
  private readonly insertBatch: Statement<{ sequence: number; key: string; body: string; rowCount: number }>;

  constructor(private readonly db: Db) {
    // INDEXED BY: without statistics (the kiosk never runs ANALYZE) SQLite scans every cell of
    // the site's history here, at each status poll and loop tick, instead of the few that wait.
    this.releasable = db.prepare(
      `SELECT week, course, metric, dimension, value, pending FROM sync_cells INDEXED BY sync_cells_waiting
       WHERE pending > 0 AND (dimension = 'total' OR released + pending >= @k)
       ORDER BY week, course, metric, dimension, value LIMIT @limit`,
    );
    this.release = db.prepare(
      `UPDATE sync_cells SET released = released + pending, pending = 0
       WHERE week = @week AND course = @course AND metric = @metric AND dimension = @dimension AND value = @value`,
    );
    this.nextSequence = db.prepare('SELECT coalesce(max(sequence), 0) + 1 AS next FROM sync_batches');
    this.insertBatch = db.prepare('INSERT INTO sync_batches (sequence, key, body, row_count) VALUES (@sequence, @key, @body, @rowCount)');
  }

  /**
   * Moves every releasable count into new batches (several when there are many rows), in one
   * transaction: a count is either waiting or in exactly one batch. Answers how many were made.
   */
  makeBatches(site: { siteCode: string; k: number }, maxRows = MAX_BATCH_ROWS): number {
    return this.db.transaction(() => {
      let made = 0;
      for (;;) {
        const cells = this.releasable.all({ k: site.k, limit: maxRows });
        if (cells.length === 0) return made;
        const batch: SyncBatch = SyncBatchSchema.parse({
          schema: 'ayil.sync-batch',
          schemaVersion: SYNC_SCHEMA_VERSION,
          siteCode: site.siteCode,
          sequence: this.nextSequence.get()!.next,
          key: randomUUID(),
          k: site.k,
          rows: cells.map(({ pending, ...cell }) => ({ ...cell, count: pending })),
        });
        for (const cell of cells) this.release.run(cell);
        this.insertBatch.run({ sequence: batch.sequence, key: batch.key, body: JSON.stringify(batch), rowCount: batch.rows.length });
        made++;
      }
    })();
  }

  /**
   * How many batches wait, after making batches of whatever may leave if none did: counts made
   * meanwhile then go as one batch, not one per look (a status poll, an attempt of the loop).
   */
  waitingBatches(site: { siteCode: string; k: number }): number {
    const pending = this.pendingBatches();
    return pending > 0 ? pending : this.makeBatches(site);
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

  /** Breakdown cells still waiting for their running count to reach k. */
  heldCells(k: number): number {
    return this.db
      .prepare<[number], { n: number }>("SELECT count(*) AS n FROM sync_cells INDEXED BY sync_cells_waiting WHERE pending > 0 AND dimension <> 'total' AND released + pending < ?")
      .get(k)!.n;
  }

  /** Only the collector's acknowledgement (stored, or already had it) marks a batch sent. */
  markAcked(key: string): void {
    this.db.prepare('UPDATE sync_batches SET acked = 1 WHERE key = ?').run(key);
  }
}
