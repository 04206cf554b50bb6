import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/db/open';
import { SCHEMA_VERSION } from '../../../core/db/migrations';
import { TryLimits } from '../../../core/sessions/try-limits';
import { Staff } from '../../../core/staff/staff';
import { tempDir } from '../../support/temp-dir';

describe('migration 0003: staff accounts', () => {
  it('adds staff accounts with unique names (ignoring case) and keeps existing rows', async () => {
    const file = path.join(tempDir(), 'ayil.db');
    const old = openDatabase(file, { upTo: 2 });
    old.prepare("INSERT INTO learners (id, display_name, avatar, language, created_at) VALUES (1, 'A', 'sun', 'ky', 't')").run();
    old.close();

    const v3 = openDatabase(file, { upTo: 3 });
    expect(v3.prepare('SELECT display_name FROM learners').all()).toEqual([{ display_name: 'A' }]);
    expect(() => v3.prepare("INSERT INTO staff (name, name_key, role, password_hash, created_at) VALUES ('x', 'айжан', 'admin', 'h', 't'), ('y', 'айжан', 'admin', 'h', 't')").run()).toThrow(/UNIQUE/);
    v3.close();

    // Today's accounts code on the schema as later migrations leave it (sign-in limits need 0008).
    const db = openDatabase(file, { upTo: SCHEMA_VERSION });
    const now = () => new Date();
    const staff = new Staff(db, now, new TryLimits(db, now));
    await staff.create({ name: 'Айжан', role: 'admin', password: 'тоо-суу-2026' });
    await expect(staff.create({ name: 'айжан', role: 'facilitator', password: 'Жашыл тоо 1977' })).rejects.toMatchObject({ code: 'staff.name_taken' });
    expect(() => db.prepare("INSERT INTO staff (name, name_key, role, password_hash, created_at) VALUES ('x', 'айжан', 'admin', 'h', 't')").run()).toThrow(/UNIQUE/);
    expect(await staff.login('Айжан', 'тоо-суу-2026', 'local')).toMatchObject({ role: 'admin' });
    await expect(staff.login('Айжан', 'wrong', 'local')).rejects.toMatchObject({ code: 'staff.login_failed' });
    await expect(staff.login('Nobody', 'тоо-суу-2026', 'local')).rejects.toMatchObject({ code: 'staff.login_failed' });

    const stored = db.prepare<[], { password_hash: string }>('SELECT password_hash FROM staff').get()!.password_hash;
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain('тоо-суу-2026');
    db.close();
  });
});
