import type { Avatar, Language, Learner } from '../contract';
import type { Db } from '../db/open';
import { AppError } from '../errors';

interface LearnerRow {
  id: number;
  display_name: string;
  avatar: Avatar;
  language: Language;
}

const toLearner = (row: LearnerRow): Learner => ({
  id: row.id,
  displayName: row.display_name,
  avatar: row.avatar,
  language: row.language,
});

/** Learner profiles on this kiosk. Names never leave the kiosk. */
export class Learners {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  create(input: { displayName: string; avatar: Avatar; language: Language }): Learner {
    const info = this.db
      .prepare('INSERT INTO learners (display_name, avatar, language, created_at) VALUES (?, ?, ?, ?)')
      .run(input.displayName, input.avatar, input.language, this.now().toISOString());
    return this.get(Number(info.lastInsertRowid));
  }

  get(id: number): Learner {
    const row = this.db.prepare<[number], LearnerRow>('SELECT id, display_name, avatar, language FROM learners WHERE id = ?').get(id);
    if (!row) throw new AppError('learner.not_found', { learnerId: id });
    return toLearner(row);
  }

  /** All learners, sorted as people read names (Cyrillic and Latin alike), not by byte order. */
  list(): Learner[] {
    const rows = this.db.prepare<[], LearnerRow>('SELECT id, display_name, avatar, language FROM learners').all();
    const collator = new Intl.Collator(['ky', 'ru', 'en'], { sensitivity: 'base', numeric: true });
    return rows.map(toLearner).sort((a, b) => collator.compare(a.displayName, b.displayName) || a.id - b.id);
  }

  setLanguage(id: number, language: Language): void {
    this.db.prepare('UPDATE learners SET language = ? WHERE id = ?').run(language, id);
  }
}
