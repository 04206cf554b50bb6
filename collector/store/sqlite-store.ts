import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SyncBatch, SyncSite } from '../../core/contract';
import { cellIncrements } from './increments';
import { CELLS_SELECT, COUNTS_SELECT, SITE_COLUMNS, SUMMARY_COLUMNS, siteRecord, siteSummary, storedCell, type CellRow, type SiteRow, type SummaryRow } from './rows';
import type { CellFilter, CollectorStore, IngestMeta, IngestOutcome, SiteRecord, SiteSummary, StoreCounts, StoredCell } from './store';

/** Schema versions in order; `PRAGMA user_version` says how many have run. */
export const SQLITE_MIGRATIONS = [
  `CREATE TABLE sites (
     id TEXT PRIMARY KEY,
     code TEXT NOT NULL,
     name TEXT NOT NULL,
     region TEXT NOT NULL,
     district TEXT NOT NULL,
     public_key TEXT NOT NULL UNIQUE,
     token_hash TEXT UNIQUE,
     enrolled_at TEXT NOT NULL,
     last_sync_at TEXT,
     clock_skew_seconds INTEGER,
     clock_skew_flagged INTEGER NOT NULL DEFAULT 0
   ) STRICT;
   CREATE TABLE enrolment_codes (
     code_hash TEXT PRIMARY KEY,
     label TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT,
     site_id TEXT REFERENCES sites (id)
   ) STRICT;
   CREATE TABLE batches (
     site_id TEXT NOT NULL REFERENCES sites (id),
     batch_key TEXT NOT NULL,
     sequence INTEGER NOT NULL,
     device_time TEXT NOT NULL,
     received_at TEXT NOT NULL,
     skew_seconds INTEGER NOT NULL,
     skew_flagged INTEGER NOT NULL,
     week_shift INTEGER NOT NULL,
     via TEXT NOT NULL CHECK (via IN ('network', 'stick')),
     row_count INTEGER NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (site_id, batch_key)
   ) STRICT;
   CREATE TABLE cells (
     site_id TEXT NOT NULL REFERENCES sites (id),
     week TEXT NOT NULL,
     course TEXT NOT NULL,
     metric TEXT NOT NULL,
     dimension TEXT NOT NULL,
     value TEXT NOT NULL,
     count INTEGER NOT NULL,
     PRIMARY KEY (site_id, week, course, metric, dimension, value)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX cells_by_week ON cells (week);
   CREATE TABLE admins (name TEXT PRIMARY KEY, password_hash TEXT NOT NULL) STRICT;`,
  // 2: enrolment proves the key: a code's one outstanding challenge (its hash), for one key, until when.
  `ALTER TABLE enrolment_codes ADD COLUMN challenge_hash TEXT;
   ALTER TABLE enrolment_codes ADD COLUMN challenge_public_key TEXT;
   ALTER TABLE enrolment_codes ADD COLUMN challenge_expires_at TEXT;`,
];

/** The default backend: one SQLite file, written durably (WAL, synchronous=FULL). */
export class SqliteStore implements CollectorStore {
  readonly backend = 'sqlite';
  private readonly db: Database.Database;
  /** Statements prepared once (preparing is a good part of a small query's cost). */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // An acknowledged batch must survive a power cut: the kiosk forgets it once acknowledged.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // The CLI may import a stick file while the service runs on the same file.
    this.db.pragma('busy_timeout = 10000');
  }

  async migrate(): Promise<void> {
    this.db
      .transaction(() => {
        const version = this.db.pragma('user_version', { simple: true }) as number;
        if (version > SQLITE_MIGRATIONS.length) {
          throw new Error(`The collector database is from a newer version (schema ${version}; this one knows ${SQLITE_MIGRATIONS.length}).`);
        }
        for (const sql of SQLITE_MIGRATIONS.slice(version)) this.db.exec(sql);
        this.db.pragma(`user_version = ${SQLITE_MIGRATIONS.length}`);
      })
      .immediate();
  }

  async createEnrolmentCode(input: { codeHash: string; label: string; createdAt: string; expiresAt: string }): Promise<void> {
    this.sql('INSERT INTO enrolment_codes (code_hash, label, created_at, expires_at) VALUES (@codeHash, @label, @createdAt, @expiresAt)').run(input);
  }

  async setEnrolmentChallenge(input: { codeHash: string; challengeHash: string; publicKey: string; expiresAt: string; at: string }): Promise<boolean> {
    const set = this.sql(
      `UPDATE enrolment_codes SET challenge_hash = @challengeHash, challenge_public_key = @publicKey, challenge_expires_at = @expiresAt
       WHERE code_hash = @codeHash AND used_at IS NULL AND expires_at > @at`,
    ).run(input);
    return set.changes === 1;
  }

  async spendEnrolmentChallenge(input: { codeHash: string; challengeHash: string; publicKey: string; at: string }): Promise<boolean> {
    const spend = this.db.transaction(() => {
      const row = this.sql<typeof input, { fresh: number }>(
        `SELECT challenge_public_key = @publicKey AND challenge_expires_at > @at AS fresh
         FROM enrolment_codes WHERE code_hash = @codeHash AND challenge_hash = @challengeHash`,
      ).get(input);
      if (!row) return false;
      this.sql('UPDATE enrolment_codes SET challenge_hash = NULL, challenge_public_key = NULL, challenge_expires_at = NULL WHERE code_hash = ?').run(input.codeHash);
      return row.fresh === 1;
    });
    return spend.immediate();
  }

  async enrolSite(input: { codeHash: string; site: SyncSite; publicKey: string; tokenHash: string; at: string }): Promise<SiteRecord | null> {
    const enrol = this.db.transaction(() => {
      const claimed = this.sql(
        'UPDATE enrolment_codes SET used_at = @at WHERE code_hash = @codeHash AND used_at IS NULL AND expires_at > @at',
      ).run({ codeHash: input.codeHash, at: input.at });
      if (claimed.changes === 0) return null;
      // A kiosk that enrols again (a lost token, or first met on a stick) keeps its site: same key, same site.
      const existing = this.siteWhere('public_key = ?', input.publicKey);
      const id = existing?.id ?? randomUUID();
      const values = { id, ...input.site, publicKey: input.publicKey, tokenHash: input.tokenHash, at: input.at };
      if (existing) {
        this.sql(
          `UPDATE sites SET code = @code, name = @name, region = @region, district = @district, token_hash = @tokenHash, enrolled_at = @at
           WHERE id = @id`,
        ).run(values);
      } else {
        this.sql(
          `INSERT INTO sites (id, code, name, region, district, public_key, token_hash, enrolled_at)
           VALUES (@id, @code, @name, @region, @district, @publicKey, @tokenHash, @at)`,
        ).run(values);
      }
      this.sql('UPDATE enrolment_codes SET site_id = ? WHERE code_hash = ?').run(id, input.codeHash);
      return this.siteWhere('id = ?', id);
    });
    return enrol.immediate();
  }

  async siteByTokenHash(tokenHash: string): Promise<SiteRecord | null> {
    return this.siteWhere('token_hash = ?', tokenHash);
  }

  async siteByPublicKey(publicKey: string): Promise<SiteRecord | null> {
    return this.siteWhere('public_key = ?', publicKey);
  }

  async createSiteFromStick(input: { site: SyncSite; publicKey: string; at: string }): Promise<SiteRecord> {
    this.sql(
      `INSERT INTO sites (id, code, name, region, district, public_key, enrolled_at)
       VALUES (@id, @code, @name, @region, @district, @publicKey, @at)`,
    ).run({ id: randomUUID(), ...input.site, publicKey: input.publicKey, at: input.at });
    return this.siteWhere('public_key = ?', input.publicKey)!;
  }

  async ingest(siteId: string, batch: SyncBatch, meta: IngestMeta): Promise<IngestOutcome> {
    const increments = cellIncrements(batch, meta);
    const flagged = meta.clockSkewFlagged ? 1 : 0;
    const ingest = this.db.transaction((): IngestOutcome => {
      const inserted = this.sql(
        `INSERT INTO batches (site_id, batch_key, sequence, device_time, received_at, skew_seconds, skew_flagged, week_shift, via, row_count, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ).run(siteId, batch.key, batch.sequence, meta.deviceTime, meta.receivedAt, meta.clockSkewSeconds, flagged, meta.weekShift, meta.via, batch.rows.length, JSON.stringify(batch));
      const stored = inserted.changes === 1;
      if (stored) {
        const upsert = this.sql(
          `INSERT INTO cells (site_id, week, course, metric, dimension, value, count) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (site_id, week, course, metric, dimension, value) DO UPDATE SET count = count + excluded.count`,
        );
        for (const cell of increments) upsert.run(siteId, cell.week, cell.course, cell.metric, cell.dimension, cell.value, cell.count);
      }
      // A duplicate is still contact: the kiosk is alive and its clock is as it says now.
      this.sql('UPDATE sites SET last_sync_at = ?, clock_skew_seconds = ?, clock_skew_flagged = ? WHERE id = ?').run(
        meta.receivedAt,
        meta.clockSkewSeconds,
        flagged,
        siteId,
      );
      return stored ? 'stored' : 'duplicate';
    });
    return ingest.immediate();
  }

  async cells(filter: CellFilter = {}): Promise<StoredCell[]> {
    const rows = this.sql<{ fromWeek: string | null; toWeek: string | null; metric: string | null }, CellRow>(
      `${CELLS_SELECT}
       WHERE (@fromWeek IS NULL OR c.week >= @fromWeek) AND (@toWeek IS NULL OR c.week <= @toWeek) AND (@metric IS NULL OR c.metric = @metric)
       ORDER BY c.week, s.code, c.site_id, c.course, c.metric, c.dimension, c.value`,
    ).all({ fromWeek: filter.fromWeek ?? null, toWeek: filter.toWeek ?? null, metric: filter.metric ?? null });
    return rows.map(storedCell);
  }

  async sites(): Promise<SiteSummary[]> {
    const rows = this.sql<[], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM sites ORDER BY code, id`,
    ).all();
    return rows.map(siteSummary);
  }

  async counts(): Promise<StoreCounts> {
    return this.sql<[], StoreCounts>(COUNTS_SELECT).get()!;
  }

  async adminPasswordHash(name: string): Promise<string | null> {
    return this.sql<[string], { password_hash: string }>('SELECT password_hash FROM admins WHERE name = ?').get(name)?.password_hash ?? null;
  }

  async setAdminPasswordHash(name: string, hash: string): Promise<void> {
    this.sql(
      'INSERT INTO admins (name, password_hash) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash',
    ).run(name, hash);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private sql<P extends unknown[] | object = unknown[], R = unknown>(source: string): Database.Statement<P, R> {
    let statement = this.statements.get(source);
    if (!statement) this.statements.set(source, (statement = this.db.prepare(source)));
    return statement as Database.Statement<P, R>;
  }

  private siteWhere(condition: string, value: string): SiteRecord | null {
    const row = this.sql<[string], SiteRow>(`SELECT ${SITE_COLUMNS} FROM sites WHERE ${condition}`).get(value);
    return row ? siteRecord(row) : null;
  }
}
