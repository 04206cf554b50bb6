import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/db/open';
import { tempDir } from '../../support/temp-dir';

describe('migration 0004: learner secrets, profile fields, guests, certificates', () => {
  it('keeps existing learners as unprotected, not-yet-asked, non-guest profiles, and certificates go with their learner', () => {
    const file = path.join(tempDir(), 'ayil.db');
    const old = openDatabase(file, { upTo: 3 });
    old.prepare("INSERT INTO learners (id, display_name, avatar, language, created_at) VALUES (7, 'Аида', 'sun', 'ky', 't')").run();
    old.close();

    const db = openDatabase(file, { upTo: 4 });
    expect(db.prepare('SELECT display_name, secret_kind, failed_tries, locked_until, gender, birth_year, profile_asked, guest FROM learners').get()).toEqual({
      display_name: 'Аида',
      secret_kind: null,
      failed_tries: 0,
      locked_until: null,
      gender: null,
      birth_year: null,
      profile_asked: 0,
      guest: 0,
    });
    db.prepare("INSERT INTO certificates (learner_id, pack_id, course_id, learner_name, course_title_json, site_name, issued_on, code) VALUES (7, 'p', 'c', 'Аида', '{}', 's', '2026-01-01', 'AAAAA-BBBBB')").run();
    expect(() => db.prepare("UPDATE learners SET gender = 'x' WHERE id = 7").run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM learners WHERE id = 7').run();
    expect(db.prepare('SELECT count(*) AS n FROM certificates').get()).toEqual({ n: 0 });
    db.close();
  });
});
