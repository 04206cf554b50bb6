import { SyncProblemSchema, type SyncProblem } from '../contract';
import type { Db } from '../db/open';

/** What enrolment gave the kiosk: where to send, and the token it sends with. */
export interface Enrolment {
  collectorUrl: string;
  token: string;
  siteId: string;
  allowPlainHttp: boolean;
}

const KEYS = {
  url: 'sync.collector_url',
  token: 'sync.site_token',
  siteId: 'sync.site_id',
  allowPlainHttp: 'sync.allow_plain_http',
  lastSuccessAt: 'sync.last_success_at',
  lastAttemptAt: 'sync.last_attempt_at',
  lastErrorCode: 'sync.last_error_code',
  lastErrorAt: 'sync.last_error_at',
  clockSkew: 'sync.clock_skew_seconds',
  lastSavedToStickAt: 'sync.last_saved_to_stick_at',
} as const;

/** A row of the settings table, where sync keeps its state and the signing identity its keys. */
export function readSetting(db: Db, key: string): string | undefined {
  return db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)?.value;
}

/** Stores a row of the settings table; null removes it. */
export function writeSetting(db: Db, key: string, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/**
 * Where sync stands, kept in the settings table so it survives restarts (and follows a backup:
 * a restored kiosk is still enrolled). Times are the kiosk's clock as instants (./time).
 */
export class SyncState {
  constructor(private readonly db: Db) {}

  private get(key: string): string | undefined {
    return readSetting(this.db, key);
  }

  private set(key: string, value: string | null): void {
    writeSetting(this.db, key, value);
  }

  /** Null until an enrolment succeeded. */
  enrolment(): Enrolment | null {
    const collectorUrl = this.get(KEYS.url);
    const token = this.get(KEYS.token);
    if (!collectorUrl || !token) return null;
    return { collectorUrl, token, siteId: this.get(KEYS.siteId) ?? '', allowPlainHttp: this.allowPlainHttp() };
  }

  allowPlainHttp(): boolean {
    return this.get(KEYS.allowPlainHttp) === '1';
  }

  collectorUrl(): string | null {
    return this.get(KEYS.url) ?? null;
  }

  /** A new enrolment replaces the old one and forgets the old one's last problem. */
  enrol(enrolment: Enrolment): void {
    this.db.transaction(() => {
      this.set(KEYS.url, enrolment.collectorUrl);
      this.set(KEYS.token, enrolment.token);
      this.set(KEYS.siteId, enrolment.siteId);
      this.set(KEYS.allowPlainHttp, enrolment.allowPlainHttp ? '1' : '0');
      this.set(KEYS.lastErrorCode, null);
      this.set(KEYS.lastErrorAt, null);
    })();
  }

  lastSuccessAt(): string | null {
    return this.get(KEYS.lastSuccessAt) ?? null;
  }

  lastAttemptAt(): string | null {
    return this.get(KEYS.lastAttemptAt) ?? null;
  }

  recordAttempt(at: string): void {
    this.set(KEYS.lastAttemptAt, at);
  }

  /**
   * The collector acknowledged a batch: `markAcked` runs in the same transaction as the record
   * of the success and of the clock's skew the collector measured.
   */
  recordAcknowledged(markAcked: () => void, at: string, clockSkewSeconds: number): void {
    this.db.transaction(() => {
      markAcked();
      this.set(KEYS.lastSuccessAt, at);
      this.set(KEYS.clockSkew, String(clockSkewSeconds));
    })();
  }

  /** Everything waiting went: an earlier problem is over. */
  clearProblem(): void {
    this.db.transaction(() => {
      this.set(KEYS.lastErrorCode, null);
      this.set(KEYS.lastErrorAt, null);
    })();
  }

  recordProblem(code: SyncProblem, at: string): void {
    this.db.transaction(() => {
      this.set(KEYS.lastErrorCode, code);
      this.set(KEYS.lastErrorAt, at);
    })();
  }

  lastError(): { code: SyncProblem; at: string } | null {
    const code = SyncProblemSchema.safeParse(this.get(KEYS.lastErrorCode));
    const at = this.get(KEYS.lastErrorAt);
    return code.success && at ? { code: code.data, at } : null;
  }

  clockSkewSeconds(): number | null {
    const value = Number(this.get(KEYS.clockSkew) ?? NaN);
    return Number.isInteger(value) ? value : null;
  }

  lastSavedToStickAt(): string | null {
    return this.get(KEYS.lastSavedToStickAt) ?? null;
  }

  recordSavedToStick(at: string): void {
    this.set(KEYS.lastSavedToStickAt, at);
  }
}
