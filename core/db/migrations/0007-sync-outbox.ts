import type { Database } from 'better-sqlite3';

/**
 * The sync outbox (docs/sync.md). `sync_cells` holds, per cell of the statistics file, what has
 * been counted but not yet put in a batch (`pending`) and what already went into batches
 * (`released`). Triggers on `stats_weekly` fill it, so a count and its outbox entry commit in the
 * same transaction whoever writes the count. `sync_batches` are the batches made from it, kept
 * exactly as sent until the collector acknowledges them. The counts already on the kiosk are
 * pending from the start: the collector gets the site's history too.
 */
const course = (row: string) => `CASE WHEN ${row}.pack_id = '' THEN '' ELSE ${row}.pack_id || '/' || ${row}.course_id END`;

const outboxInsert = (row: string, amount: string) => `
  INSERT INTO sync_cells (week, course, metric, dimension, value, pending) VALUES
    (${row}.week, ${course(row)}, ${row}.metric, 'total', '', ${amount}),
    (${row}.week, ${course(row)}, ${row}.metric, 'gender', ${row}.gender, ${amount}),
    (${row}.week, ${course(row)}, ${row}.metric, 'age_band', ${row}.age_band, ${amount})
  ON CONFLICT (week, course, metric, dimension, value) DO UPDATE SET pending = pending + excluded.pending;`;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE sync_cells (
      week      TEXT NOT NULL,
      course    TEXT NOT NULL,
      metric    TEXT NOT NULL,
      dimension TEXT NOT NULL CHECK (dimension IN ('total', 'gender', 'age_band')),
      value     TEXT NOT NULL,
      released  INTEGER NOT NULL DEFAULT 0 CHECK (released >= 0),
      pending   INTEGER NOT NULL DEFAULT 0 CHECK (pending >= 0),
      PRIMARY KEY (week, course, metric, dimension, value)
    ) STRICT, WITHOUT ROWID;
    -- The outbox's queries name it (INDEXED BY): SQLite, without statistics, would scan every cell.
    CREATE INDEX sync_cells_waiting ON sync_cells (week) WHERE pending > 0;

    CREATE TABLE sync_batches (
      sequence INTEGER PRIMARY KEY,
      key      TEXT NOT NULL UNIQUE,
      -- The batch's JSON, exactly as it is sent every time (the idempotency key is inside).
      body     TEXT NOT NULL,
      row_count INTEGER NOT NULL,
      acked    INTEGER NOT NULL DEFAULT 0 CHECK (acked IN (0, 1))
    ) STRICT;
    CREATE INDEX sync_batches_unacked ON sync_batches (sequence) WHERE acked = 0;

    -- stats_weekly only ever grows (counts are incremented, never lowered or deleted).
    CREATE TRIGGER stats_weekly_to_outbox_insert AFTER INSERT ON stats_weekly BEGIN
      ${outboxInsert('NEW', 'NEW.count')}
    END;
    CREATE TRIGGER stats_weekly_to_outbox_update AFTER UPDATE OF count ON stats_weekly WHEN NEW.count > OLD.count BEGIN
      ${outboxInsert('NEW', 'NEW.count - OLD.count')}
    END;

    INSERT INTO sync_cells (week, course, metric, dimension, value, pending)
      SELECT week, ${course('s')}, metric, 'total', '', sum(count) FROM stats_weekly s GROUP BY week, pack_id, course_id, metric
      UNION ALL
      SELECT week, ${course('s')}, metric, 'gender', gender, sum(count) FROM stats_weekly s GROUP BY week, pack_id, course_id, metric, gender
      UNION ALL
      SELECT week, ${course('s')}, metric, 'age_band', age_band, sum(count) FROM stats_weekly s GROUP BY week, pack_id, course_id, metric, age_band;
  `);
}
