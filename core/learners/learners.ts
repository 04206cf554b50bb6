import type { Avatar, Gender, Language, Learner, Secret } from '../contract';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { hashSecret, verifySecret } from '../../base/secret-hash';
import { foldName } from '../contract/fold-name';
import { addressLockedError, learnerTryKey, lockParams, longest, type Lock, type TryKey, type TryLimits } from '../sessions/try-limits';

interface LearnerRow {
  id: number;
  display_name: string;
  avatar: Avatar;
  language: Language;
  secret_kind: 'pin' | 'pictures' | null;
  secret_hash: string | null;
  gender: Gender | null;
  birth_year: number | null;
  profile_asked: number;
  guest: number;
  /** The profile's lock, from sign_in_locks: NULL with `locked` 1 means until a librarian unlocks it. */
  lock_until: string | null;
  locked: number;
}

/** A learner's row with their lock, if any. */
const LEARNER_SQL = `
  SELECT l.*, k.locked_until AS lock_until, k.scope IS NOT NULL AS locked
  FROM learners l LEFT JOIN sign_in_locks k ON k.learner_id = l.id AND k.scope = 'learner'`;

/** Learner profiles on this kiosk. Names and secrets never leave it. */
export class Learners {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly tries: TryLimits,
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
    const rows = this.db.prepare<[], LearnerRow>(`${LEARNER_SQL} WHERE l.guest = 0`).all();
    const collator = new Intl.Collator(['ky', 'ru', 'en'], { sensitivity: 'base', numeric: true });
    return rows.map((row) => this.toLearner(row)).sort((a, b) => collator.compare(a.displayName, b.displayName) || a.id - b.id);
  }

  /**
   * Checks a learner's secret before opening their profile; answers how many wrong tries were made
   * on it since its owner last opened it (and forgets that number: they have been told).
   *
   * A try is counted, for the profile and for the address it comes from, before the slow check,
   * in the same transaction that checks the locks (TryLimits), so guesses sent in parallel
   * cannot get more checks than the policy allows. A right secret takes its own try back but
   * not the wrong ones before it: the owner signing in does not give a guesser new tries.
   */
  async unlock(id: number, secret: Secret | undefined, address: string): Promise<number> {
    const row = this.row(id);
    if (!row.secret_kind || !row.secret_hash) return this.takeWrongTriesUnseen(id);
    const keys: TryKey[] = [learnerTryKey(id), { scope: 'learner-address', key: address }];
    if (!secret) {
      const locked = this.lockOf(row);
      if (locked) throw lockedError(keys[0]!, locked, false);
      throw new AppError('learner.secret_required', { kind: row.secret_kind });
    }
    const counted = this.tries.count(keys);
    if (!counted.ok) throw lockedError(counted.key, counted.lock, false);
    const right = secret.kind === row.secret_kind && (await verifySecret(secretText(secret), row.secret_hash));
    if (right) {
      this.tries.takeBack(counted.tries);
      return this.takeWrongTriesUnseen(id);
    }
    this.db.prepare('UPDATE learners SET wrong_tries_unseen = wrong_tries_unseen + 1 WHERE id = ?').run(id);
    const locked = longest(counted.tries.map((t) => ({ key: t.key, lock: t.locked })));
    if (locked) throw lockedError(locked.key, locked.lock, true);
    const { triesLeft } = counted.tries[0]!;
    throw new AppError('learner.secret_wrong', { triesLeft, count: triesLeft });
  }

  /** The learner's own choice, made while signed in; the tries others made keep counting. */
  async setSecret(id: number, secret: Secret | null): Promise<void> {
    const hash = secret ? await hashSecret(secretText(secret)) : null;
    this.db.prepare('UPDATE learners SET secret_kind = ?, secret_hash = ? WHERE id = ?').run(secret?.kind ?? null, hash, id);
  }

  /**
   * A facilitator's reset: the secret, the wrong tries and any lock (even one that waits for a
   * librarian) are gone; the learner may set a new secret. They are still told, at their next
   * sign-in, how many wrong tries were made.
   */
  resetSecret(id: number): void {
    this.row(id);
    this.db.transaction(() => {
      this.db.prepare('UPDATE learners SET secret_kind = NULL, secret_hash = NULL WHERE id = ?').run(id);
      this.tries.clear(learnerTryKey(id));
    })();
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
    const row = this.db.prepare<[number], LearnerRow>(`${LEARNER_SQL} WHERE l.id = ?`).get(id);
    if (!row) throw new AppError('learner.not_found', { learnerId: id });
    return row;
  }

  private lockOf(row: LearnerRow): Lock | null {
    return row.locked ? this.tries.lockFrom(row.lock_until) : null;
  }

  /** The number of wrong tries the owner has not been told about, now told. */
  private takeWrongTriesUnseen(id: number): number {
    return this.db.transaction(() => {
      const { n } = this.db.prepare<[number], { n: number }>('SELECT wrong_tries_unseen AS n FROM learners WHERE id = ?').get(id) ?? { n: 0 };
      if (n > 0) this.db.prepare('UPDATE learners SET wrong_tries_unseen = 0 WHERE id = ?').run(id);
      return n;
    })();
  }

  private toLearner(row: LearnerRow): Learner {
    const lock = this.lockOf(row);
    return {
      id: row.id,
      displayName: row.display_name,
      avatar: row.avatar,
      language: row.language,
      secret: row.secret_kind ?? 'none',
      lockedSeconds: lock?.kind === 'timed' ? lock.seconds : 0,
      needsLibrarian: lock?.kind === 'librarian',
      guest: row.guest === 1,
    };
  }
}

/**
 * The answer to a try while the profile or the address is locked. `justLocked`: this very try
 * (checked, and wrong) set the lock, so the screen can say the secret was wrong as well.
 */
function lockedError(key: TryKey, lock: Lock, justLocked: boolean): AppError {
  if (key.scope !== 'learner') return addressLockedError(lock, justLocked);
  if (lock.kind === 'librarian') return new AppError('learner.locked_ask_librarian', { justLocked });
  return new AppError('learner.locked', { ...lockParams(lock), justLocked });
}

/** The text that is hashed: kind-prefixed, so a PIN can never match a picture sequence. */
function secretText(secret: Secret): string {
  return secret.kind === 'pin' ? `pin:${secret.pin}` : `pictures:${secret.pictures.join(',')}`;
}
