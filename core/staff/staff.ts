import type { Db } from '../db/open';
import { AppError } from '../errors';
import { hashSecret, verifySecret } from './password-hash';

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
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async create(input: { name: string; role: StaffRole; password: string }): Promise<number> {
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

  /** The account's role when name and password match; the same error for a wrong name or password. */
  async login(name: string, password: string): Promise<{ id: number; role: StaffRole }> {
    const row = this.db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE name_key = ?').get(nameKey(name));
    const ok = await verifySecret(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) throw new AppError('staff.login_failed');
    return { id: row.id, role: row.role };
  }

  /** The password re-entered before an export or a restore; a wrong one changes nothing. */
  async confirmPassword(id: number, password: string): Promise<void> {
    const row = this.db.prepare<[number], StaffRow>('SELECT * FROM staff WHERE id = ?').get(id);
    const ok = await verifySecret(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) throw new AppError('staff.password_wrong');
  }

  async setPassword(id: number, password: string): Promise<void> {
    this.row(id);
    const hash = await hashSecret(password);
    const info = this.db.prepare('UPDATE staff SET password_hash = ? WHERE id = ?').run(hash, id);
    if (info.changes === 0) throw new AppError('staff.not_found', { staffId: id });
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

const toAccount = (row: StaffRow): StaffAccount => ({ id: row.id, name: row.name, role: row.role, createdAt: row.created_at });

/** Names are matched as people read them: trimmed, NFC, lower-case in any script. */
const nameKey = (name: string) => name.trim().normalize('NFC').toLocaleLowerCase();
