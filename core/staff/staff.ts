import type { Db } from '../db/open';
import { AppError } from '../errors';
import { hashSecret, verifySecret } from './password-hash';

export type StaffRole = 'facilitator' | 'admin';

/** Facilitator and administrator accounts. Set-up screens create them; login checks them. */
export class Staff {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async create(input: { name: string; role: StaffRole; password: string }): Promise<number> {
    const hash = await hashSecret(input.password);
    const info = this.db
      .prepare('INSERT INTO staff (name, name_key, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(input.name, nameKey(input.name), input.role, hash, this.now().toISOString());
    return Number(info.lastInsertRowid);
  }

  /** The account's role when name and password match; the same error for a wrong name or password. */
  async login(name: string, password: string): Promise<{ id: number; role: StaffRole }> {
    const row = this.db
      .prepare<[string], { id: number; role: StaffRole; password_hash: string }>('SELECT id, role, password_hash FROM staff WHERE name_key = ?')
      .get(nameKey(name));
    // Hash even for an unknown name, so timing does not tell which names exist.
    const ok = await verifySecret(password, row?.password_hash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    if (!row || !ok) throw new AppError('staff.login_failed');
    return { id: row.id, role: row.role };
  }
}

/** Names are matched as people read them: trimmed, NFC, lower-case in any script. */
const nameKey = (name: string) => name.trim().normalize('NFC').toLocaleLowerCase();
