import { LanguageSchema, type Language } from '../contract';
import { newSiteKey } from '../certificates/certificates';
import type { Db } from '../db/open';

/** Kiosk-wide settings kept in the database (so they survive restarts and follow backups). */
export class Settings {
  constructor(private readonly db: Db) {}

  private get(key: string): string | undefined {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)?.value;
  }

  private set(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
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

  /** Idle time before a learner is logged out (the site's setting; 5 minutes unless changed). */
  idleTimeoutSeconds(): number {
    const value = Number(this.get('site.idle_timeout_seconds'));
    return Number.isInteger(value) && value > 0 ? value : 300;
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
