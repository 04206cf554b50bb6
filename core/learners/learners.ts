import type { Avatar, Gender, Language, Learner, Secret } from '../contract';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { hashSecret, verifySecret } from '../staff/password-hash';
import { foldName } from '../contract/fold-name';

interface LearnerRow {
  id: number;
  display_name: string;
  avatar: Avatar;
  language: Language;
  secret_kind: 'pin' | 'pictures' | null;
  secret_hash: string | null;
  failed_tries: number;
  locked_until: string | null;
  gender: Gender | null;
  birth_year: number | null;
  profile_asked: number;
  guest: number;
}

/** Five wrong tries lock a profile for a minute: long enough to stop guessing, short enough to wait. */
export const MAX_TRIES = 5;
export const LOCK_SECONDS = 60;

/** Learner profiles on this kiosk. Names and secrets never leave it. */
export class Learners {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async create(input: { displayName: string; avatar: Avatar; language: Language; secret?: Secret; guest?: boolean }): Promise<Learner> {
    const hash = input.secret ? await hashSecret(secretText(input.secret)) : null;
    const info = this.db
      .prepare('INSERT INTO learners (display_name, name_key, avatar, language, created_at, secret_kind, secret_hash, guest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(input.displayName, foldName(input.displayName), input.avatar, input.language, this.now().toISOString(), input.secret?.kind ?? null, hash, input.guest ? 1 : 0);
    return this.get(Number(info.lastInsertRowid));
  }

  get(id: number): Learner {
    return this.toLearner(this.row(id));
  }

  /** Everyone who has a profile (not guests), sorted as people read names, not by byte order. */
  list(): Learner[] {
    const rows = this.db.prepare<[], LearnerRow>('SELECT * FROM learners WHERE guest = 0').all();
    const collator = new Intl.Collator(['ky', 'ru', 'en'], { sensitivity: 'base', numeric: true });
    return rows.map((row) => this.toLearner(row)).sort((a, b) => collator.compare(a.displayName, b.displayName) || a.id - b.id);
  }

  /**
   * Checks a learner's secret before opening their profile. Wrong tries are counted in the
   * database (a restart does not reset them); the fifth locks the profile for a minute.
   */
  async unlock(id: number, secret: Secret | undefined): Promise<void> {
    const row = this.row(id);
    if (!row.secret_kind || !row.secret_hash) return;
    const lockedSeconds = this.lockedSeconds(row);
    if (lockedSeconds > 0) throw new AppError('learner.locked', { seconds: lockedSeconds });
    if (!secret) throw new AppError('learner.secret_required', { kind: row.secret_kind });
    if (secret.kind === row.secret_kind && (await verifySecret(secretText(secret), row.secret_hash))) {
      this.db.prepare('UPDATE learners SET failed_tries = 0, locked_until = NULL WHERE id = ?').run(id);
      return;
    }
    const tries = row.failed_tries + 1;
    if (tries >= MAX_TRIES) {
      const until = new Date(this.now().getTime() + LOCK_SECONDS * 1000).toISOString();
      this.db.prepare('UPDATE learners SET failed_tries = 0, locked_until = ? WHERE id = ?').run(until, id);
      throw new AppError('learner.locked', { seconds: LOCK_SECONDS });
    }
    this.db.prepare('UPDATE learners SET failed_tries = ? WHERE id = ?').run(tries, id);
    throw new AppError('learner.secret_wrong', { triesLeft: MAX_TRIES - tries, count: MAX_TRIES - tries });
  }

  async setSecret(id: number, secret: Secret | null): Promise<void> {
    const hash = secret ? await hashSecret(secretText(secret)) : null;
    this.db.prepare('UPDATE learners SET secret_kind = ?, secret_hash = ?, failed_tries = 0, locked_until = NULL WHERE id = ?').run(secret?.kind ?? null, hash, id);
  }

  /** A facilitator's reset: the secret and any lock are gone; the learner may set a new one. */
  resetSecret(id: number): void {
    this.row(id);
    this.db.prepare('UPDATE learners SET secret_kind = NULL, secret_hash = NULL, failed_tries = 0, locked_until = NULL WHERE id = ?').run(id);
  }

  setLanguage(id: number, language: Language): void {
    this.db.prepare('UPDATE learners SET language = ? WHERE id = ?').run(language, id);
  }

  profile(id: number): { asked: boolean; gender: Gender | null; birthYear: number | null } {
    const row = this.row(id);
    return { asked: row.profile_asked === 1, gender: row.gender, birthYear: row.birth_year };
  }

  /** The optional fields the programme reports on; asked once, each may be "prefer not to say". */
  setProfile(id: number, profile: { gender: Gender; birthYear: number | null }): void {
    this.db.prepare('UPDATE learners SET gender = ?, birth_year = ?, profile_asked = 1 WHERE id = ?').run(profile.gender, profile.birthYear, id);
  }

  /** Guests leave nothing behind: their profile and progress go when they leave (or at start). */
  removeGuest(id: number): void {
    this.db.prepare('DELETE FROM learners WHERE id = ? AND guest = 1').run(id);
  }

  removeAllGuests(): void {
    this.db.prepare('DELETE FROM learners WHERE guest = 1').run();
  }

  private row(id: number): LearnerRow {
    const row = this.db.prepare<[number], LearnerRow>('SELECT * FROM learners WHERE id = ?').get(id);
    if (!row) throw new AppError('learner.not_found', { learnerId: id });
    return row;
  }

  private lockedSeconds(row: LearnerRow): number {
    if (!row.locked_until) return 0;
    return Math.max(0, Math.ceil((Date.parse(row.locked_until) - this.now().getTime()) / 1000));
  }

  private toLearner(row: LearnerRow): Learner {
    return {
      id: row.id,
      displayName: row.display_name,
      avatar: row.avatar,
      language: row.language,
      secret: row.secret_kind ?? 'none',
      lockedSeconds: this.lockedSeconds(row),
      guest: row.guest === 1,
    };
  }
}

/** The text that is hashed: kind-prefixed, so a PIN can never match a picture sequence. */
function secretText(secret: Secret): string {
  return secret.kind === 'pin' ? `pin:${secret.pin}` : `pictures:${secret.pictures.join(',')}`;
}
