import type { Statement } from 'better-sqlite3';
import type { z } from 'zod';
import { HostNameSchema, KeyboardLayoutSchema, LANGUAGES, LanguageSchema, SiteSettingsSchema, type KeyboardLayout, type Language, type SiteSettings } from '../contract';
import { newSiteKey } from '../certificates/certificates';
import type { Db } from '../db/open';

/** A learner is logged out after 5 minutes of nothing unless the site chose otherwise. */
export const DEFAULT_IDLE_SECONDS = 300;
/** Staff are signed out of the console after 15 minutes of nothing unless the site chose otherwise. */
export const DEFAULT_STAFF_IDLE_SECONDS = 15 * 60;
/** The privacy threshold unless the site chose otherwise: no breakdown cell under 5 leaves the kiosk. */
export const DEFAULT_K = 5;

const KEPT_KEYS = new Set(['site.idle_timeout_seconds', 'site.staff_idle_timeout_seconds']);

/** Kiosk-wide settings kept in the database (so they survive restarts and follow backups). */
export class Settings {
  /** Once true it stays true (nothing undoes set-up), so it is read from the database only until then. */
  private setUp = false;
  private addedHostNames: string[] | null = null;
  /**
   * The settings every API call reads (a session's idle time), kept once read. Only this class
   * writes them, and `set` forgets them; nothing read inside a transaction is kept, so a rolled-back
   * change is never remembered.
   */
  private readonly kept = new Map<string, string | undefined>();
  private readonly select: Statement<[string], { value: string }>;

  constructor(private readonly db: Db) {
    this.select = db.prepare('SELECT value FROM settings WHERE key = ?');
  }

  private get(key: string): string | undefined {
    if (this.kept.has(key)) return this.kept.get(key);
    const value = this.select.get(key)?.value;
    if (KEPT_KEYS.has(key) && !this.db.inTransaction) this.kept.set(key, value);
    return value;
  }

  private set(key: string, value: string): void {
    this.kept.delete(key);
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  /** False until the first-run set-up is done; learners cannot use the kiosk before. */
  isSetUp(): boolean {
    if (!this.setUp) this.setUp = this.get('kiosk.set_up') === '1';
    return this.setUp;
  }

  /** Call inside set-up's transaction. */
  markSetUp(): void {
    this.set('kiosk.set_up', '1');
  }

  /** The language the kiosk last showed; the next person sees it first. */
  language(): Language | null {
    const parsed = LanguageSchema.safeParse(this.get('kiosk.language'));
    return parsed.success ? parsed.data : null;
  }

  setLanguage(language: Language): void {
    this.set('kiosk.language', language);
  }

  siteName(): string {
    return this.get('site.name') ?? '';
  }

  /** What the programme knows the site by; empty before set-up. */
  siteCode(): string {
    return this.get('site.code') ?? '';
  }

  /** The interface languages learners may choose (all of them until the site chooses). */
  languages(): Language[] {
    const stored = (this.get('site.languages') ?? '').split(',').filter((l): l is Language => LanguageSchema.safeParse(l).success);
    return stored.length > 0 ? stored : [...LANGUAGES];
  }

  /** Idle time before a learner is logged out (the site's setting; 5 minutes unless changed). */
  idleTimeoutSeconds(): number {
    return positiveInt(this.get('site.idle_timeout_seconds')) ?? DEFAULT_IDLE_SECONDS;
  }

  /** Idle time before staff are signed out of the console (the site's setting; 15 minutes unless changed). */
  staffIdleTimeoutSeconds(): number {
    return positiveInt(this.get('site.staff_idle_timeout_seconds')) ?? DEFAULT_STAFF_IDLE_SECONDS;
  }

  /** The smallest count a breakdown cell may show once it leaves the kiosk. */
  privacyThreshold(): number {
    return positiveInt(this.get('site.k')) ?? DEFAULT_K;
  }

  /** The Kyrgyz keyboard layout the site's PCs have (Windows' unless the site chose otherwise). */
  keyboardLayout(): KeyboardLayout {
    const parsed = KeyboardLayoutSchema.safeParse(this.get('site.keyboard_layout'));
    return parsed.success ? parsed.data : 'windows';
  }

  /** The desktop app's kiosk mode (full screen, no way out but the app); off unless the administrator chose it. */
  fullScreen(): boolean {
    return this.get('desktop.full_screen') === '1';
  }

  site(): SiteSettings {
    return {
      siteName: this.siteName(),
      siteCode: this.siteCode(),
      district: this.get('site.district') ?? '',
      region: this.get('site.region') ?? '',
      languages: this.languages(),
      idleTimeoutSeconds: this.idleTimeoutSeconds(),
      staffIdleTimeoutSeconds: this.staffIdleTimeoutSeconds(),
      k: this.privacyThreshold(),
      keyboardLayout: this.keyboardLayout(),
      fullScreen: this.fullScreen(),
    };
  }

  /** Stores all site details at once (validated again here: core is the last line). */
  updateSite(input: z.input<typeof SiteSettingsSchema>): void {
    const site = SiteSettingsSchema.parse(input);
    this.db.transaction(() => {
      this.set('site.name', site.siteName);
      this.set('site.code', site.siteCode);
      this.set('site.district', site.district);
      this.set('site.region', site.region);
      this.set('site.languages', [...new Set(site.languages)].join(','));
      this.set('site.idle_timeout_seconds', String(site.idleTimeoutSeconds));
      this.set('site.staff_idle_timeout_seconds', String(site.staffIdleTimeoutSeconds));
      this.set('site.k', String(site.k));
      this.set('site.keyboard_layout', site.keyboardLayout);
      this.set('desktop.full_screen', site.fullScreen ? '1' : '0');
    })();
  }

  /** Names the administrator added for the host to answer to (host-names.ts), read once and kept. */
  hostNames(): string[] {
    if (!this.addedHostNames) {
      let parsed: unknown = [];
      try {
        parsed = JSON.parse(this.get('host.names') ?? '[]');
      } catch {
        // A value that is not a list means none were added.
      }
      this.addedHostNames = Array.isArray(parsed) ? parsed.filter((name): name is string => HostNameSchema.safeParse(name).success) : [];
    }
    return this.addedHostNames;
  }

  setHostNames(names: readonly string[]): void {
    const valid = [...new Set(names.map((name) => HostNameSchema.parse(name)))];
    this.set('host.names', JSON.stringify(valid));
    this.addedHostNames = valid;
  }

  /** The key certificate codes are derived with; made once, never leaves the kiosk. */
  certificateKey(): Buffer {
    let key = this.get('site.certificate_key');
    if (!key) {
      key = newSiteKey();
      this.set('site.certificate_key', key);
    }
    return Buffer.from(key, 'base64');
  }
}

function positiveInt(text: string | undefined): number | null {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : null;
}
