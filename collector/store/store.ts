import type { StatsRow, SyncBatch, SyncSite } from '../../core/contract';

/**
 * Everything the collector keeps, behind one interface with two real backends: SQLite (one
 * file, the default) and PostgreSQL (`DATABASE_URL`). Both pass the same test suite.
 * Times are ISO instants (UTC, to the second); weeks are ISO weeks ('2026-W48').
 */

export interface SiteRecord extends SyncSite {
  id: string;
  publicKey: string;
  enrolledAt: string;
}

/** A site as the dashboard lists it. */
export interface SiteSummary extends SyncSite {
  id: string;
  enrolledAt: string;
  /** When the collector last stored or re-acknowledged a batch from it (collector clock). */
  lastSyncAt: string | null;
  batches: number;
  /** Collector time minus the kiosk's clock at its latest batch, in seconds. */
  clockSkewSeconds: number | null;
  /** The latest batch's skew was beyond what a slow stick or network explains. */
  clockSkewFlagged: boolean;
}

/** How one batch arrived and where its weeks were placed. */
export interface IngestMeta {
  via: 'network' | 'stick';
  receivedAt: string;
  deviceTime: string;
  clockSkewSeconds: number;
  clockSkewFlagged: boolean;
  /** Whole weeks added to the kiosk's weeks to put its figures in the real weeks (0 unless flagged). */
  weekShift: number;
}

export type IngestOutcome = 'stored' | 'duplicate';

/** One stored cell: a site's count for a (corrected) week, course, metric and breakdown value. */
export type StoredCell = StatsRow & {
  siteId: string;
  siteCode: string;
  region: string;
  district: string;
};

export interface CellFilter {
  fromWeek?: string;
  toWeek?: string;
  metric?: StatsRow['metric'];
}

export interface StoreCounts {
  sites: number;
  batches: number;
  cells: number;
}

export interface CollectorStore {
  readonly backend: 'sqlite' | 'postgres';
  /** Creates or upgrades the tables; safe to run on every start. */
  migrate(): Promise<void>;

  createEnrolmentCode(input: { codeHash: string; label: string; createdAt: string; expiresAt: string }): Promise<void>;
  /**
   * Gives an unused, unexpired code a challenge for one public key (replacing the code's earlier
   * one, so a code has one at most); false when the code is unknown, used or expired.
   */
  setEnrolmentChallenge(input: { codeHash: string; challengeHash: string; publicKey: string; expiresAt: string; at: string }): Promise<boolean>;
  /**
   * When `challengeHash` is the code's challenge, takes it away (a challenge is good for one try,
   * right or wrong), in one transaction; true only when it was issued for this key and had not
   * expired at `at`. Another value leaves the code's challenge as it was and answers false.
   */
  spendEnrolmentChallenge(input: { codeHash: string; challengeHash: string; publicKey: string; at: string }): Promise<boolean>;
  /** Uses up the code and creates the site, in one transaction; null when the code is unknown, used or expired. */
  enrolSite(input: { codeHash: string; site: SyncSite; publicKey: string; tokenHash: string; at: string }): Promise<SiteRecord | null>;
  siteByTokenHash(tokenHash: string): Promise<SiteRecord | null>;
  siteByPublicKey(publicKey: string): Promise<SiteRecord | null>;
  /** A site first met on a stick file uploaded by an administrator (it has no token until it enrols). */
  createSiteFromStick(input: { site: SyncSite; publicKey: string; at: string }): Promise<SiteRecord>;

  /**
   * Stores the batch and adds its rows to the site's cells, once: a batch whose key the site
   * already sent changes nothing and answers 'duplicate'. One transaction.
   */
  ingest(siteId: string, batch: SyncBatch, meta: IngestMeta): Promise<IngestOutcome>;

  cells(filter?: CellFilter): Promise<StoredCell[]>;
  sites(): Promise<SiteSummary[]>;
  counts(): Promise<StoreCounts>;

  /** Admin accounts for the dashboard: one password hash per name. */
  adminPasswordHash(name: string): Promise<string | null>;
  setAdminPasswordHash(name: string, hash: string): Promise<void>;

  close(): Promise<void>;
}
