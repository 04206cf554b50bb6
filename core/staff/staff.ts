import type { Db } from '../db/open';
import { AppError } from '../errors';
import { addressLockedError, lockParams, longest, type Lock, type TryKey, type TryLimits } from '../sessions/try-limits';
import { hashSecret, verifySecret } from '../../base/secret-hash';
import { assertStrongPassword } from './password-strength';

export type StaffRole = 'facilitator' | 'admin';

export interface StaffAccount {
  id: number;
  name: string;
  role: StaffRole;
  createdAt: string;
}

interface StaffRow {
  id: number;
  name: string;
  role: StaffRole;
  password_hash: string;
  created_at: string;
}

/** A well-formed hash of nothing anyone knows: checked against for an unknown name, so timing tells nothing. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Facilitator and administrator accounts. Set-up and the console create them; login checks them. */
export class Staff {
  /**
   * @param siteWords the site's name and code: words someone in the library would try first in a
   *   password, refused as its main part.
   */
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly tries: TryLimits,
    private readonly siteWords: () => string[] = () => [],
  ) {}

  async create(input: { name: string; role: StaffRole; password: string }): Promise<number> {
    assertStrongPassword(input.password, [input.name, ...this.siteWords()]);
    // The hash takes tens of milliseconds: computed before the write, so the write stays one short step.
    const hash = await hashSecret(input.password);
    return this.insertHashed(input.name, input.role, hash);
  }

  /** Adds an account whose password is already hashed (set-up does it inside its transaction). */
  insertHashed(name: string, role: StaffRole, passwordHash: string): number {
    const key = nameKey(name);
    if (this.db.prepare('SELECT 1 FROM staff WHERE name_key = ?').get(key)) throw new AppError('staff.name_taken', { name: name.trim() });
    const info = this.db
      .prepare('INSERT INTO staff (name, name_key, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(name.trim(), key, role, passwordHash, this.now().toISOString());
    return Number(info.lastInsertRowid);
  }

  list(): StaffAccount[] {
    return this.db.prepare<[], StaffRow>('SELECT * FROM staff ORDER BY name_key, id').all().map(toAccount);
  }

  get(id: number): StaffAccount {
    return toAccount(this.row(id));
  }

  /**
   * The account's role when name and password match; the same error for a wrong name or password,
   * and the same limits (an unknown name is counted like an account, so locks tell nothing).
   */
  async login(name: string, password: string, address: string): Promise<{ id: number; role: StaffRole }> {
    const key = nameKey(name);
    const row = this.db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE name_key = ?').get(key);
    const ok = await this.checkCounted(key, address, password, row?.password_hash);
    if (!row || !ok) throw new AppError('staff.login_failed');
    return { id: row.id, role: row.role };
  }

  /** The password re-entered before a sensitive action; a wrong one changes nothing and counts like a wrong sign-in. */
  async confirmPassword(id: number, password: string, address: string): Promise<void> {
    const row = this.db.prepare<[number], StaffRow>('SELECT * FROM staff WHERE id = ?').get(id);
    const ok = await this.checkCounted(row ? nameKey(row.name) : `#${id}`, address, password, row?.password_hash);
    if (!row || !ok) throw new AppError('staff.password_wrong');
  }

  /** A new password, as strong as the rule asks. Ending the account's sessions is the caller's part (sessions live in core's memory). */
  async setPassword(id: number, password: string): Promise<void> {
    const row = this.row(id);
    assertStrongPassword(password, [row.name, ...this.siteWords()]);
    const hash = await hashSecret(password);
    const info = this.db.prepare('UPDATE staff SET password_hash = ? WHERE id = ?').run(hash, id);
    if (info.changes === 0) throw new AppError('staff.not_found', { staffId: id });
    // A new password starts with a clean slate for the account (its address limits stay).
    this.tries.clear({ scope: 'staff', key: nameKey(row.name) });
  }

  /**
   * Counts the try for the account, the account from this address and the address, then checks
   * the password (see TryLimits for why in that order). Throws when a limit is reached; answers
   * whether the password is right. A right one clears the account's count.
   */
  private async checkCounted(key: string, address: string, password: string, hash: string | undefined): Promise<boolean> {
    const keys: TryKey[] = [
      { scope: 'staff', key },
      { scope: 'staff-at-address', key: `${address} ${key}` },
      { scope: 'staff-address', key: address },
    ];
    const counted = this.tries.count(keys);
    if (!counted.ok) throw staffLockedError(counted.key, counted.lock, false);
    const ok = (await verifySecret(password, hash ?? DUMMY_HASH)) && hash !== undefined;
    if (ok) {
      this.tries.takeBack(counted.tries);
      this.tries.clear(keys[0]!);
      this.tries.clear(keys[1]!);
      return true;
    }
    const locked = longest(counted.tries.map((t) => ({ key: t.key, lock: t.locked })));
    if (locked) throw staffLockedError(locked.key, locked.lock, true);
    return false;
  }

  /** Removes an account; never the last administrator, or nobody could run the console any more. */
  remove(id: number): void {
    this.db
      .transaction(() => {
        const row = this.row(id);
        if (row.role === 'admin') {
          const { n } = this.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM staff WHERE role = 'admin'").get()!;
          if (n <= 1) throw new AppError('staff.last_admin');
        }
        this.db.prepare('DELETE FROM staff WHERE id = ?').run(id);
      })
      .immediate();
  }

  private row(id: number): StaffRow {
    const row = this.db.prepare<[number], StaffRow>('SELECT * FROM staff WHERE id = ?').get(id);
    if (!row) throw new AppError('staff.not_found', { staffId: id });
    return row;
  }
}

/** An account (from anywhere or from this address) or an address that has had too many wrong passwords. */
function staffLockedError(key: TryKey, lock: Lock, justLocked: boolean): AppError {
  if (key.scope === 'staff-address') return addressLockedError(lock, justLocked);
  // Staff accounts never wait for a librarian (TRY_POLICIES): their locks are always timed.
  const timed = lock.kind === 'timed' ? lock : { kind: 'timed' as const, seconds: 3600, minutes: 60 };
  return new AppError('staff.locked', { ...lockParams(timed), justLocked });
}

const toAccount = (row: StaffRow): StaffAccount => ({ id: row.id, name: row.name, role: row.role, createdAt: row.created_at });

/** Names are matched as people read them: trimmed, NFC, lower-case in any script. */
const nameKey = (name: string) => name.trim().normalize('NFC').toLocaleLowerCase();
