import pg from 'pg';
import type { SyncBatch, SyncSite } from '../../core/contract';
import { cellIncrements } from './increments';
import { CELLS_SELECT, COUNTS_SELECT, SITE_COLUMNS, SUMMARY_COLUMNS, siteRecord, siteSummary, storedCell, type CellRow, type SiteRow, type SummaryRow } from './rows';
import type { CellFilter, CollectorStore, IngestMeta, IngestOutcome, SiteRecord, SiteSummary, StoreCounts, StoredCell } from './store';

/** Schema versions in order; `collector_schema.version` says how many have run. */
export const POSTGRES_MIGRATIONS = [
  `CREATE TABLE sites (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     code text NOT NULL,
     name text NOT NULL,
     region text NOT NULL,
     district text NOT NULL,
     public_key text NOT NULL UNIQUE,
     token_hash text UNIQUE,
     enrolled_at timestamptz NOT NULL,
     last_sync_at timestamptz,
     clock_skew_seconds bigint,
     clock_skew_flagged boolean NOT NULL DEFAULT false
   );
   CREATE TABLE enrolment_codes (
     code_hash text PRIMARY KEY,
     label text NOT NULL,
     created_at timestamptz NOT NULL,
     expires_at timestamptz NOT NULL,
     used_at timestamptz,
     site_id uuid REFERENCES sites (id)
   );
   CREATE TABLE batches (
     site_id uuid NOT NULL REFERENCES sites (id),
     batch_key uuid NOT NULL,
     sequence integer NOT NULL,
     device_time timestamptz NOT NULL,
     received_at timestamptz NOT NULL,
     skew_seconds bigint NOT NULL,
     skew_flagged boolean NOT NULL,
     week_shift integer NOT NULL,
     via text NOT NULL CHECK (via IN ('network', 'stick')),
     row_count integer NOT NULL,
     body jsonb NOT NULL,
     PRIMARY KEY (site_id, batch_key)
   );
   CREATE TABLE cells (
     site_id uuid NOT NULL REFERENCES sites (id),
     week text NOT NULL,
     course text NOT NULL,
     metric text NOT NULL,
     dimension text NOT NULL,
     value text NOT NULL,
     count bigint NOT NULL,
     PRIMARY KEY (site_id, week, course, metric, dimension, value)
   );
   CREATE INDEX cells_by_week ON cells (week);
   CREATE TABLE admins (name text PRIMARY KEY, password_hash text NOT NULL);`,
  // 2: enrolment proves the key: a code's one outstanding challenge (its hash), for one key, until when.
  `ALTER TABLE enrolment_codes ADD COLUMN challenge_hash text, ADD COLUMN challenge_public_key text, ADD COLUMN challenge_expires_at timestamptz;`,
];

/** Any number the migration lock is known by; two collectors starting together migrate one after the other. */
const MIGRATION_LOCK = 7_412_001;

/** The backend for a programme that outgrows one machine (`DATABASE_URL=postgres://…`). */
export class PostgresStore implements CollectorStore {
  readonly backend = 'postgres';
  private readonly pool: pg.Pool;

  constructor(connectionString: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
    // An idle client losing its connection (a restarted server) must not crash the collector.
    this.pool.on('error', () => {});
  }

  async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS collector_schema (version integer NOT NULL)');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM collector_schema');
      const version = rows[0]?.version ?? 0;
      if (version > POSTGRES_MIGRATIONS.length) {
        throw new Error(`The collector database is from a newer version (schema ${version}; this one knows ${POSTGRES_MIGRATIONS.length}).`);
      }
      for (const sql of POSTGRES_MIGRATIONS.slice(version)) await client.query(sql);
      if (rows.length === 0) await client.query('INSERT INTO collector_schema (version) VALUES ($1)', [POSTGRES_MIGRATIONS.length]);
      else await client.query('UPDATE collector_schema SET version = $1', [POSTGRES_MIGRATIONS.length]);
    });
  }

  async createEnrolmentCode(input: { codeHash: string; label: string; createdAt: string; expiresAt: string }): Promise<void> {
    await this.pool.query('INSERT INTO enrolment_codes (code_hash, label, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      input.codeHash,
      input.label,
      input.createdAt,
      input.expiresAt,
    ]);
  }

  async setEnrolmentChallenge(input: { codeHash: string; challengeHash: string; publicKey: string; expiresAt: string; at: string }): Promise<boolean> {
    const set = await this.pool.query(
      `UPDATE enrolment_codes SET challenge_hash = $2, challenge_public_key = $3, challenge_expires_at = $4
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $5`,
      [input.codeHash, input.challengeHash, input.publicKey, input.expiresAt, input.at],
    );
    return set.rowCount === 1;
  }

  async spendEnrolmentChallenge(input: { codeHash: string; challengeHash: string; publicKey: string; at: string }): Promise<boolean> {
    return this.transaction(async (client) => {
      // Locked until the challenge is cleared: of two tries with one challenge, only the first finds it.
      const { rows } = await client.query<{ fresh: boolean }>(
        `SELECT challenge_public_key = $3 AND challenge_expires_at > $4 AS fresh
         FROM enrolment_codes WHERE code_hash = $1 AND challenge_hash = $2 FOR UPDATE`,
        [input.codeHash, input.challengeHash, input.publicKey, input.at],
      );
      if (rows.length === 0) return false;
      await client.query('UPDATE enrolment_codes SET challenge_hash = NULL, challenge_public_key = NULL, challenge_expires_at = NULL WHERE code_hash = $1', [input.codeHash]);
      return rows[0]!.fresh === true;
    });
  }

  async enrolSite(input: { codeHash: string; site: SyncSite; publicKey: string; tokenHash: string; at: string }): Promise<SiteRecord | null> {
    return this.transaction(async (client) => {
      // Claiming the code first makes two kiosks racing with one code end with one site.
      const claimed = await client.query(
        'UPDATE enrolment_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2',
        [input.codeHash, input.at],
      );
      if (claimed.rowCount === 0) return null;
      const { code, name, region, district } = input.site;
      // A kiosk that enrols again (a lost token, or first met on a stick) keeps its site: same key, same site.
      const { rows } = await client.query<SiteRow>(
        `INSERT INTO sites (code, name, region, district, public_key, token_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (public_key) DO UPDATE SET code = excluded.code, name = excluded.name, region = excluded.region,
           district = excluded.district, token_hash = excluded.token_hash, enrolled_at = excluded.enrolled_at
         RETURNING ${SITE_COLUMNS}`,
        [code, name, region, district, input.publicKey, input.tokenHash, input.at],
      );
      const site = siteRecord(rows[0]!);
      await client.query('UPDATE enrolment_codes SET site_id = $1 WHERE code_hash = $2', [site.id, input.codeHash]);
      return site;
    });
  }

  async siteByTokenHash(tokenHash: string): Promise<SiteRecord | null> {
    return this.siteWhere('token_hash = $1', tokenHash);
  }

  async siteByPublicKey(publicKey: string): Promise<SiteRecord | null> {
    return this.siteWhere('public_key = $1', publicKey);
  }

  async createSiteFromStick(input: { site: SyncSite; publicKey: string; at: string }): Promise<SiteRecord> {
    const { code, name, region, district } = input.site;
    const { rows } = await this.pool.query<SiteRow>(
      `INSERT INTO sites (code, name, region, district, public_key, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${SITE_COLUMNS}`,
      [code, name, region, district, input.publicKey, input.at],
    );
    return siteRecord(rows[0]!);
  }

  async ingest(siteId: string, batch: SyncBatch, meta: IngestMeta): Promise<IngestOutcome> {
    const increments = cellIncrements(batch, meta);
    return this.transaction(async (client) => {
      // A second delivery of the same batch waits here on the key until the first commits, then does nothing.
      const inserted = await client.query(
        `INSERT INTO batches (site_id, batch_key, sequence, device_time, received_at, skew_seconds, skew_flagged, week_shift, via, row_count, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
        [
          siteId,
          batch.key,
          batch.sequence,
          meta.deviceTime,
          meta.receivedAt,
          meta.clockSkewSeconds,
          meta.clockSkewFlagged,
          meta.weekShift,
          meta.via,
          batch.rows.length,
          JSON.stringify(batch),
        ],
      );
      const stored = inserted.rowCount === 1;
      if (stored && increments.length > 0) {
        // One statement for the whole batch: a round trip per row would be most of the cost.
        await client.query(
          `INSERT INTO cells (site_id, week, course, metric, dimension, value, count)
           SELECT $1::uuid, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
           ON CONFLICT (site_id, week, course, metric, dimension, value) DO UPDATE SET count = cells.count + excluded.count`,
          [
            siteId,
            increments.map((c) => c.week),
            increments.map((c) => c.course),
            increments.map((c) => c.metric),
            increments.map((c) => c.dimension),
            increments.map((c) => c.value),
            increments.map((c) => c.count),
          ],
        );
      }
      // A duplicate is still contact: the kiosk is alive and its clock is as it says now.
      await client.query('UPDATE sites SET last_sync_at = $2, clock_skew_seconds = $3, clock_skew_flagged = $4 WHERE id = $1', [
        siteId,
        meta.receivedAt,
        meta.clockSkewSeconds,
        meta.clockSkewFlagged,
      ]);
      return stored ? 'stored' : 'duplicate';
    });
  }

  async cells(filter: CellFilter = {}): Promise<StoredCell[]> {
    const { rows } = await this.pool.query<CellRow>(
      `${CELLS_SELECT}
       WHERE ($1::text IS NULL OR c.week >= $1) AND ($2::text IS NULL OR c.week <= $2) AND ($3::text IS NULL OR c.metric = $3)
       ORDER BY c.week COLLATE "C", s.code COLLATE "C", c.site_id, c.course COLLATE "C", c.metric COLLATE "C", c.dimension COLLATE "C", c.value COLLATE "C"`,
      [filter.fromWeek ?? null, filter.toWeek ?? null, filter.metric ?? null],
    );
    return rows.map(storedCell);
  }

  async sites(): Promise<SiteSummary[]> {
    const { rows } = await this.pool.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM sites ORDER BY code COLLATE "C", id`,
    );
    return rows.map(siteSummary);
  }

  async counts(): Promise<StoreCounts> {
    const { rows } = await this.pool.query<{ sites: string; batches: string; cells: string }>(COUNTS_SELECT);
    const row = rows[0]!;
    return { sites: Number(row.sites), batches: Number(row.batches), cells: Number(row.cells) };
  }

  async adminPasswordHash(name: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ password_hash: string }>('SELECT password_hash FROM admins WHERE name = $1', [name]);
    return rows[0]?.password_hash ?? null;
  }

  async setAdminPasswordHash(name: string, hash: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO admins (name, password_hash) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash',
      [name, hash],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async siteWhere(condition: string, value: string): Promise<SiteRecord | null> {
    const { rows } = await this.pool.query<SiteRow>(`SELECT ${SITE_COLUMNS} FROM sites WHERE ${condition}`, [value]);
    return rows[0] ? siteRecord(rows[0]) : null;
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}
