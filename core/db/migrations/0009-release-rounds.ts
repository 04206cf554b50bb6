import type { Database } from 'better-sqlite3';

/**
 * One rule for every number that leaves the kiosk, by file or by sync (docs/sync.md, "What may
 * leave"). Counts now leave in weekly release rounds, whole (course, measure) groups at a time:
 *
 * - `release_rounds`: one row per round, keyed by the kiosk's week when it ran (one round a week),
 *   with the k it used and whether its rows have been put into batches yet;
 * - `stats_released`: what each round released, per cell of the statistics file, including the
 *   breakdown cells suppression held back (`held`: counted here for the console, never sent);
 * - `sync_cells` (migration 0007) keeps what waits (`pending`). From now on a round takes a week's
 *   group whole (its total and every breakdown cell), so within each group and dimension the
 *   breakdown cells' pending adds up to the total's. This migration makes that so for what the
 *   previous rule left behind, where breakdown cells waited on their own:
 *   - a group whose total had all gone: its breakdown cells still waiting are dropped (released),
 *     as suppression would drop them; the people are in the total the collector has;
 *   - a group whose total still waits in part: each dimension keeps as much waiting as the total
 *     (cells in the file's order of values), the rest counts as released. Which of the group's
 *     people had already gone cannot be known, so this split is the one approximation, and only
 *     for the groups a kiosk was in the middle of when it was updated.
 * Batches made under the previous rule and not yet acknowledged stay as they are: they may already
 * have reached the collector on a stick.
 */

const VALUE_ORDER = ['female', 'male', 'other', 'undisclosed', 'under-18', '18-29', '30-44', '45-59', '60-plus', 'unknown'];

interface Cell {
  week: string;
  course: string;
  metric: string;
  dimension: string;
  value: string;
  pending: number;
}

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE release_rounds (
      round   INTEGER PRIMARY KEY,
      -- The kiosk's ISO week when the round ran: at most one round a week.
      week    TEXT NOT NULL UNIQUE,
      k       INTEGER NOT NULL CHECK (k > 0),
      batched INTEGER NOT NULL DEFAULT 0 CHECK (batched IN (0, 1))
    ) STRICT;
    CREATE INDEX release_rounds_unbatched ON release_rounds (round) WHERE batched = 0;

    CREATE TABLE stats_released (
      round     INTEGER NOT NULL REFERENCES release_rounds (round),
      -- The last (closed) week of the span released: earlier weeks' small counts are carried into it.
      week      TEXT NOT NULL,
      course    TEXT NOT NULL,
      metric    TEXT NOT NULL,
      dimension TEXT NOT NULL CHECK (dimension IN ('total', 'gender', 'age_band')),
      value     TEXT NOT NULL,
      count     INTEGER NOT NULL CHECK (count > 0),
      held      INTEGER NOT NULL CHECK (held IN (0, 1) AND (held = 0 OR dimension <> 'total')),
      PRIMARY KEY (round, week, course, metric, dimension, value)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX stats_released_week ON stats_released (week);

    UPDATE sync_cells SET released = released + pending, pending = 0
    WHERE dimension <> 'total' AND pending > 0 AND NOT EXISTS (
      SELECT 1 FROM sync_cells t
      WHERE t.week = sync_cells.week AND t.course = sync_cells.course AND t.metric = sync_cells.metric AND t.dimension = 'total' AND t.pending > 0
    );
  `);

  const totals = db.prepare<[], Cell>("SELECT week, course, metric, dimension, value, pending FROM sync_cells WHERE dimension = 'total' AND pending > 0").all();
  const cellsOf = db.prepare<[string, string, string], Cell>(
    "SELECT week, course, metric, dimension, value, pending FROM sync_cells WHERE week = ? AND course = ? AND metric = ? AND dimension <> 'total'",
  );
  const setPending = db.prepare<{ week: string; course: string; metric: string; dimension: string; value: string; pending: number }>(
    `UPDATE sync_cells SET released = released + pending - @pending, pending = @pending
     WHERE week = @week AND course = @course AND metric = @metric AND dimension = @dimension AND value = @value`,
  );
  for (const total of totals) {
    const cells = cellsOf.all(total.week, total.course, total.metric).sort((a, b) => VALUE_ORDER.indexOf(a.value) - VALUE_ORDER.indexOf(b.value));
    let keep = total.pending;
    for (const dimension of ['gender', 'age_band']) {
      const parts = cells.filter((cell) => cell.dimension === dimension);
      const waiting = parts.reduce((sum, cell) => sum + cell.pending, 0);
      // The previous rule sent totals at least as soon as breakdown cells, so this cannot be
      // short; were it so, the total waits no more than its cells do (it stays consistent).
      keep = Math.min(keep, waiting);
    }
    if (keep < total.pending) setPending.run({ ...total, pending: keep });
    for (const dimension of ['gender', 'age_band']) {
      let left = keep;
      for (const cell of cells.filter((c) => c.dimension === dimension)) {
        const pending = Math.min(cell.pending, left);
        left -= pending;
        if (pending !== cell.pending) setPending.run({ ...cell, pending });
      }
    }
  }
}
