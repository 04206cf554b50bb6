import type { ErrorParams } from '../contract';
import type { Db } from '../db/open';
import { AppError } from '../errors';

/**
 * What is limited: a learner's profile, the client addresses learners' secrets are guessed from,
 * a staff account (from anywhere, and from one address), and the addresses staff passwords are
 * guessed from. Addresses are the socket's ('local' for the kiosk's own screen over IPC).
 */
export type TryScope = 'learner' | 'learner-address' | 'staff' | 'staff-at-address' | 'staff-address';

export interface TryPolicy {
  /** Wrong tries older than this no longer count. */
  windowMinutes: number;
  /** Each time this many wrong tries have been made within the window, the key locks… */
  triesPerLock: number;
  /** …for these many minutes: the first lock, the second, and so on. */
  lockMinutes: readonly number[];
  /** After the last of `lockMinutes`: until a librarian unlocks it, or the last length again. */
  then: 'librarian' | 'repeat';
}

const DAY = 24 * 60;

/**
 * The policy (docs/architecture.md says why). A profile gets at most 24 wrong tries in any day:
 * the 25th locks it until a librarian unlocks it, so trying all 10,000 PINs takes more than
 * 416 days whoever signs in meanwhile. Staff accounts never lock for good (the last administrator
 * would have nobody to unlock them); their passwords are strong instead. An address only slows
 * down, since the kiosk's own screen is one address that many learners share.
 */
export const TRY_POLICIES: Record<TryScope, TryPolicy> = {
  learner: { windowMinutes: DAY, triesPerLock: 5, lockMinutes: [1, 5, 15, 60], then: 'librarian' },
  'learner-address': { windowMinutes: 60, triesPerLock: 10, lockMinutes: [1, 5, 15, 30], then: 'repeat' },
  staff: { windowMinutes: DAY, triesPerLock: 20, lockMinutes: [1, 5, 15, 60], then: 'repeat' },
  'staff-at-address': { windowMinutes: DAY, triesPerLock: 5, lockMinutes: [1, 5, 15, 60], then: 'repeat' },
  'staff-address': { windowMinutes: DAY, triesPerLock: 10, lockMinutes: [1, 5, 15, 60], then: 'repeat' },
};

export interface TryKey {
  scope: TryScope;
  key: string;
  /** For a learner's profile: its rows go when the learner is erased. */
  learnerId?: number;
}

export type Lock = { kind: 'timed'; seconds: number; minutes: number } | { kind: 'librarian' };

/** One counted try, per key: whether it locked the key, and how many tries are left before the next lock. */
export interface CountedTry {
  key: TryKey;
  tryId: number;
  locked: Lock | null;
  triesLeft: number;
}

export type Reservation = { ok: true; tries: CountedTry[] } | { ok: false; key: TryKey; lock: Lock };

export const learnerTryKey = (learnerId: number): TryKey => ({ scope: 'learner', key: String(learnerId), learnerId });

/**
 * Counts tries before they are checked. `count` runs in one SQLite transaction, and better-sqlite3
 * is synchronous, so no other request of this process can come between reading a key's lock and
 * writing its new try: of any number of guesses sent at once, only those the policy allows are
 * ever checked. A try that turns out right is taken back with `takeBack`.
 */
export class TryLimits {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** The lock on a key now, if any. */
  lockOf(key: TryKey): Lock | null {
    const row = this.db.prepare<[string, string], { locked_until: string | null }>('SELECT locked_until FROM sign_in_locks WHERE scope = ? AND key = ?').get(key.scope, key.key);
    return row ? this.lockFrom(row.locked_until) : null;
  }

  /** A lock row's meaning now: NULL is until a librarian unlocks, a past time is no lock. */
  lockFrom(lockedUntil: string | null): Lock | null {
    if (lockedUntil === null) return { kind: 'librarian' };
    const seconds = Math.ceil((Date.parse(lockedUntil) - this.now().getTime()) / 1000);
    return seconds > 0 ? { kind: 'timed', seconds, minutes: Math.ceil(seconds / 60) } : null;
  }

  /**
   * Refuses when any of the keys is locked (answering the lock that lasts longest: that is how
   * long the caller must wait); otherwise records a try on each of them and locks the keys whose
   * count reaches the next step of their ladder, all in one transaction.
   */
  count(keys: TryKey[]): Reservation {
    return this.db
      .transaction((): Reservation => {
        const now = this.now();
        const locked = longest(keys.map((key) => ({ key, lock: this.lockOf(key) })));
        if (locked) return { ok: false, ...locked };
        return { ok: true, tries: keys.map((key) => this.countOne(key, now)) };
      })
      .immediate();
  }

  /** The try was right after all: it no longer counts, and a lock it set is lifted. */
  takeBack(tries: CountedTry[]): void {
    this.db.transaction(() => {
      for (const counted of tries) {
        this.db.prepare('DELETE FROM sign_in_tries WHERE id = ?').run(counted.tryId);
        if (counted.locked) this.db.prepare('DELETE FROM sign_in_locks WHERE scope = ? AND key = ?').run(counted.key.scope, counted.key.key);
      }
    })();
  }

  /** Forgets a key's tries and lock (a librarian's reset, a staff member's right password). */
  clear(key: TryKey): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sign_in_tries WHERE scope = ? AND key = ?').run(key.scope, key.key);
      this.db.prepare('DELETE FROM sign_in_locks WHERE scope = ? AND key = ?').run(key.scope, key.key);
    })();
  }

  private countOne(key: TryKey, now: Date): CountedTry {
    const policy = TRY_POLICIES[key.scope];
    const since = new Date(now.getTime() - policy.windowMinutes * 60_000).toISOString();
    // Tries that no longer count and locks that are over are forgotten (for every key of the
    // scope: the tables stay small).
    this.db.prepare('DELETE FROM sign_in_tries WHERE scope = ? AND at <= ?').run(key.scope, since);
    this.db.prepare('DELETE FROM sign_in_locks WHERE scope = ? AND locked_until <= ?').run(key.scope, now.toISOString());
    const info = this.db
      .prepare('INSERT INTO sign_in_tries (scope, key, learner_id, at) VALUES (?, ?, ?, ?)')
      .run(key.scope, key.key, key.learnerId ?? null, now.toISOString());
    const { n } = this.db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM sign_in_tries WHERE scope = ? AND key = ?').get(key.scope, key.key)!;
    const sinceLastLock = n % policy.triesPerLock;
    const locked = sinceLastLock === 0 ? this.lock(key, policy, n / policy.triesPerLock, now) : null;
    return { key, tryId: Number(info.lastInsertRowid), locked, triesLeft: locked ? 0 : policy.triesPerLock - sinceLastLock };
  }

  /** Sets the `step`-th lock of the ladder (1 = the first). */
  private lock(key: TryKey, policy: TryPolicy, step: number, now: Date): Lock {
    const minutes = lockMinutesAt(policy, step);
    const until = minutes === null ? null : new Date(now.getTime() + minutes * 60_000).toISOString();
    this.db
      .prepare('INSERT INTO sign_in_locks (scope, key, learner_id, locked_until) VALUES (?, ?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET locked_until = excluded.locked_until')
      .run(key.scope, key.key, key.learnerId ?? null, until);
    return minutes === null ? { kind: 'librarian' } : { kind: 'timed', seconds: minutes * 60, minutes };
  }
}

/** Of keys and their locks, the one that lasts longest (until a librarian unlocks it beats any time); null when none is locked. */
export function longest<T extends { key: TryKey; lock: Lock | null }>(entries: T[]): (T & { lock: Lock }) | null {
  let found: (T & { lock: Lock }) | null = null;
  const length = (lock: Lock) => (lock.kind === 'librarian' ? Infinity : lock.seconds);
  for (const entry of entries) {
    if (entry.lock && (!found || length(entry.lock) > length(found.lock))) found = entry as T & { lock: Lock };
  }
  return found;
}

/** Minutes of the `step`-th lock (1 = the first); null when it lasts until a librarian unlocks it. */
export function lockMinutesAt(policy: TryPolicy, step: number): number | null {
  const minutes = policy.lockMinutes[step - 1];
  if (minutes !== undefined) return minutes;
  return policy.then === 'librarian' ? null : policy.lockMinutes[policy.lockMinutes.length - 1]!;
}

/** How long a timed lock lasts, as the translated messages say it (`count` picks the plural). */
export function lockParams(lock: Lock & { kind: 'timed' }): ErrorParams {
  return { seconds: lock.seconds, minutes: lock.minutes, count: lock.minutes };
}

/** Too many wrong tries came from this client address (for learners' secrets or staff passwords). */
export function addressLockedError(lock: Lock, justLocked: boolean): AppError {
  // An address never waits for a librarian (TRY_POLICIES), so its lock is always timed.
  const timed = lock.kind === 'timed' ? lock : { kind: 'timed' as const, seconds: 3600, minutes: 60 };
  return new AppError('auth.too_many_tries', { ...lockParams(timed), justLocked });
}
