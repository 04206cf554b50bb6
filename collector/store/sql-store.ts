import { randomUUID } from 'node:crypto';
import type { SyncBatch, SyncSite } from '../../core/contract';
import type { SqlDriver } from './dialect';
import { cellIncrements, type CellIncrement } from './increments';
import { COLLECTOR_MIGRATIONS } from './migrations';
import { CELLS_SELECT, COUNTS_SELECT, SITE_COLUMNS, SUMMARY_COLUMNS, siteRecord, siteSummary, storedCell, type CellRow, type SiteRow, type SummaryRow } from './rows';
import type { CellFilter, CollectorStore, IngestMeta, IngestOutcome, SiteRecord, SiteSummary, StoreCounts, StoredCell } from './store';

/** Cells per INSERT: well under both databases' limits on parameters, few round trips for a big batch. */
const CELLS_PER_STATEMENT = 500;

/**
 * The collector's store, written once for SQLite and PostgreSQL: every statement is here, in SQL
 * both accept; what differs between them is in ./dialect.ts and the two drivers.
 */
export class SqlStore implements CollectorStore {
  readonly backend: CollectorStore['backend'];

  constructor(private readonly db: SqlDriver) {
    this.backend = db.dialect.name;
  }

  async migrate(): Promise<void> {
    await this.db.migrate(COLLECTOR_MIGRATIONS);
  }

  async createEnrolmentCode(input: { codeHash: string; label: string; createdAt: string; expiresAt: string }): Promise<void> {
    await this.db.query('INSERT INTO enrolment_codes (code_hash, label, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      input.codeHash,
      input.label,
      input.createdAt,
      input.expiresAt,
    ]);
  }

  async setEnrolmentChallenge(input: { codeHash: string; challengeHash: string; publicKey: string; expiresAt: string; at: string }): Promise<boolean> {
    const set = await this.db.query(
      `UPDATE enrolment_codes SET challenge_hash = $2, challenge_public_key = $3, challenge_expires_at = $4
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $5`,
      [input.codeHash, input.challengeHash, input.publicKey, input.expiresAt, input.at],
    );
    return set.rowCount === 1;
  }

  async spendEnrolmentChallenge(input: { codeHash: string; challengeHash: string; publicKey: string; at: string }): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // Locked until the challenge is cleared: of two tries with one challenge, only the first finds it.
      const { rows } = await tx.query<{ fresh: boolean | number | null }>(
        `SELECT challenge_public_key = $3 AND challenge_expires_at > $4 AS fresh
         FROM enrolment_codes WHERE code_hash = $1 AND challenge_hash = $2${this.db.dialect.forUpdate}`,
        [input.codeHash, input.challengeHash, input.publicKey, input.at],
      );
      if (rows.length === 0) return false;
      await tx.query('UPDATE enrolment_codes SET challenge_hash = NULL, challenge_public_key = NULL, challenge_expires_at = NULL WHERE code_hash = $1', [input.codeHash]);
      return Boolean(rows[0]!.fresh);
    });
  }

  async enrolSite(input: { codeHash: string; site: SyncSite; publicKey: string; tokenHash: string; at: string }): Promise<SiteRecord | null> {
    return this.db.transaction(async (tx) => {
      // Claiming the code first makes two kiosks racing with one code end with one site.
      const claimed = await tx.query('UPDATE enrolment_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2', [
        input.codeHash,
        input.at,
      ]);
      if (claimed.rowCount === 0) return null;
      const { code, name, region, district } = input.site;
      // A kiosk that enrols again (a lost token, or first met on a stick) keeps its site: same key, same site.
      const { rows } = await tx.query<SiteRow>(
        `INSERT INTO sites (id, code, name, region, district, public_key, token_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (public_key) DO UPDATE SET code = excluded.code, name = excluded.name, region = excluded.region,
           district = excluded.district, token_hash = excluded.token_hash, enrolled_at = excluded.enrolled_at
         RETURNING ${SITE_COLUMNS}`,
        [randomUUID(), code, name, region, district, input.publicKey, input.tokenHash, input.at],
      );
      const site = siteRecord(rows[0]!);
      await tx.query('UPDATE enrolment_codes SET site_id = $1 WHERE code_hash = $2', [site.id, input.codeHash]);
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
    const { rows } = await this.db.query<SiteRow>(
      `INSERT INTO sites (id, code, name, region, district, public_key, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${SITE_COLUMNS}`,
      [randomUUID(), code, name, region, district, input.publicKey, input.at],
    );
    return siteRecord(rows[0]!);
  }

  async ingest(siteId: string, batch: SyncBatch, meta: IngestMeta): Promise<IngestOutcome> {
    const increments = cellIncrements(batch, meta);
    return this.db.transaction(async (tx) => {
      // A second delivery of the same batch waits here on the key until the first commits, then does nothing.
      const inserted = await tx.query(
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
      if (stored) {
        for (let start = 0; start < increments.length; start += CELLS_PER_STATEMENT) {
          const [sql, params] = addCells(siteId, increments.slice(start, start + CELLS_PER_STATEMENT));
          await tx.query(sql, params);
        }
      }
      // A duplicate is still contact: the kiosk is alive and its clock is as it says now.
      await tx.query('UPDATE sites SET last_sync_at = $2, clock_skew_seconds = $3, clock_skew_flagged = $4 WHERE id = $1', [
        siteId,
        meta.receivedAt,
        meta.clockSkewSeconds,
        meta.clockSkewFlagged,
      ]);
      return stored ? 'stored' : 'duplicate';
    });
  }

  async cells(filter: CellFilter = {}): Promise<StoredCell[]> {
    const bytes = this.db.dialect.byteOrder;
    const { rows } = await this.db.query<CellRow>(
      `${CELLS_SELECT}
       WHERE (CAST($1 AS TEXT) IS NULL OR c.week >= $1) AND (CAST($2 AS TEXT) IS NULL OR c.week <= $2) AND (CAST($3 AS TEXT) IS NULL OR c.metric = $3)
       ORDER BY c.week${bytes}, s.code${bytes}, c.site_id, c.course${bytes}, c.metric${bytes}, c.dimension${bytes}, c.value${bytes}`,
      [filter.fromWeek ?? null, filter.toWeek ?? null, filter.metric ?? null],
    );
    return rows.map(storedCell);
  }

  async sites(): Promise<SiteSummary[]> {
    const { rows } = await this.db.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM sites ORDER BY code${this.db.dialect.byteOrder}, id`);
    return rows.map(siteSummary);
  }

  async counts(): Promise<StoreCounts> {
    const { rows } = await this.db.query<Record<keyof StoreCounts, number | string>>(COUNTS_SELECT);
    const row = rows[0]!;
    return { sites: Number(row.sites), batches: Number(row.batches), cells: Number(row.cells) };
  }

  async adminPasswordHash(name: string): Promise<string | null> {
    const { rows } = await this.db.query<{ password_hash: string }>('SELECT password_hash FROM admins WHERE name = $1', [name]);
    return rows[0]?.password_hash ?? null;
  }

  async setAdminPasswordHash(name: string, hash: string): Promise<void> {
    await this.db.query(
      'INSERT INTO admins (name, password_hash) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash',
      [name, hash],
    );
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private async siteWhere(condition: string, value: string): Promise<SiteRecord | null> {
    const { rows } = await this.db.query<SiteRow>(`SELECT ${SITE_COLUMNS} FROM sites WHERE ${condition}`, [value]);
    return rows[0] ? siteRecord(rows[0]) : null;
  }
}

/** One statement adding a run of cells to a site's counts (the site is $1; each cell six more). */
function addCells(siteId: string, cells: readonly CellIncrement[]): [string, unknown[]] {
  const values = cells.map((_, i) => `($1, ${[2, 3, 4, 5, 6, 7].map((n) => `$${i * 6 + n}`).join(', ')})`);
  const params = [siteId, ...cells.flatMap((c) => [c.week, c.course, c.metric, c.dimension, c.value, c.count])];
  return [
    `INSERT INTO cells (site_id, week, course, metric, dimension, value, count) VALUES ${values.join(', ')}
     ON CONFLICT (site_id, week, course, metric, dimension, value) DO UPDATE SET count = cells.count + excluded.count`,
    params,
  ];
}
