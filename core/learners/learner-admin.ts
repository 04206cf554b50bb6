import type { z } from 'zod';
import type { LearnerCourseProgressSchema, LearnerDetailSchema, LearnerRowSchema, LocalizedText } from '../contract';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import type { Catalog } from '../packs/catalog';
import { foldName } from '../contract/fold-name';

export type LearnerRow = z.infer<typeof LearnerRowSchema>;
export type LearnerDetail = z.infer<typeof LearnerDetailSchema>;
type CourseProgress = z.infer<typeof LearnerCourseProgressSchema>;

interface RowFromDb {
  id: number;
  display_name: string;
  avatar: LearnerRow['avatar'];
  language: LearnerRow['language'];
  created_at: string;
  last_active: string | null;
  secret_kind: 'pin' | 'pictures' | null;
  /** The profile's lock (sign_in_locks): NULL with `has_lock` 1 waits for a librarian. */
  lock_until: string | null;
  has_lock: number;
  lessons_completed: number;
  courses_completed: number;
}

// One row per learner with its counts; the subqueries use the (learner_id, …) primary keys.
const ROW_SQL = `
  SELECT l.id, l.display_name, l.avatar, l.language, l.created_at, l.secret_kind,
         (SELECT k.locked_until FROM sign_in_locks k WHERE k.learner_id = l.id AND k.scope = 'learner') AS lock_until,
         EXISTS (SELECT 1 FROM sign_in_locks k WHERE k.learner_id = l.id AND k.scope = 'learner') AS has_lock,
         (SELECT max(p.updated_at) FROM lesson_progress p WHERE p.learner_id = l.id) AS last_active,
         (SELECT count(*) FROM lesson_progress p WHERE p.learner_id = l.id AND p.completed_at IS NOT NULL) AS lessons_completed,
         (SELECT count(*) FROM certificates c WHERE c.learner_id = l.id) AS courses_completed
  FROM learners l`;

/** The console's side of learners: find them, see their progress, erase them completely. */
export class LearnerAdmin {
  constructor(
    private readonly db: Db,
    private readonly catalog: Catalog,
    private readonly now: () => Date,
  ) {}

  /** Learners whose folded name contains the folded query, most recently active first; guests never. */
  search(query: string, offset: number, limit: number): { total: number; learners: LearnerRow[] } {
    const q = foldName(query);
    const where = `WHERE l.guest = 0 AND instr(l.name_key, @q) > 0`;
    const { total } = this.db.prepare<{ q: string }, { total: number }>(`SELECT count(*) AS total FROM learners l ${where}`).get({ q })!;
    const rows = this.db
      .prepare<{ q: string; limit: number; offset: number }, RowFromDb>(
        `SELECT * FROM (${ROW_SQL} ${where}) ORDER BY coalesce(last_active, created_at) DESC, id DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ q, limit, offset });
    return { total, learners: rows.map((row) => this.toRow(row)) };
  }

  /** One learner's progress by course: the courses of installed packs they started, and any with a certificate. */
  detail(learnerId: number): LearnerDetail {
    const row = this.db.prepare<[number], RowFromDb>(`${ROW_SQL} WHERE l.id = ? AND l.guest = 0`).get(learnerId);
    if (!row) throw new AppError('learner.not_found', { learnerId });
    const progress = this.db
      .prepare<[number], { pack_id: string; course_id: string; completed: number }>(
        `SELECT pack_id, course_id, count(completed_at) AS completed FROM lesson_progress WHERE learner_id = ? GROUP BY pack_id, course_id`,
      )
      .all(learnerId);
    const certificates = this.db
      .prepare<[number], { pack_id: string; course_id: string; code: string; course_title_json: string }>(
        'SELECT pack_id, course_id, code, course_title_json FROM certificates WHERE learner_id = ?',
      )
      .all(learnerId);

    const courses = new Map<string, CourseProgress>();
    const key = (packId: string, courseId: string) => `${packId}/${courseId}`;
    for (const p of progress) {
      const course = this.findCourse(p.pack_id, p.course_id);
      if (!course) continue; // its pack was removed and no certificate names it: nothing to show
      courses.set(key(p.pack_id, p.course_id), {
        packId: p.pack_id,
        courseId: p.course_id,
        title: course.title,
        lessonsTotal: course.lessons,
        lessonsCompleted: Math.min(p.completed, course.lessons),
        completed: course.lessons > 0 && p.completed >= course.lessons,
        certificateCode: null,
      });
    }
    for (const c of certificates) {
      const found = courses.get(key(c.pack_id, c.course_id));
      const course = this.findCourse(c.pack_id, c.course_id);
      const lessons = course?.lessons ?? found?.lessonsCompleted ?? 0;
      courses.set(key(c.pack_id, c.course_id), {
        packId: c.pack_id,
        courseId: c.course_id,
        title: course?.title ?? (JSON.parse(c.course_title_json) as LocalizedText),
        lessonsTotal: lessons,
        lessonsCompleted: lessons,
        completed: true,
        certificateCode: c.code,
      });
    }
    return { learner: this.toRow(row), courses: [...courses.values()] };
  }

  /**
   * Erases a learner: their row and, through the foreign keys, every per-learner row. Checked in
   * the same transaction against every table that has a learner_id column, so a table added later
   * without ON DELETE CASCADE makes erasing fail loudly instead of leaving data behind.
   */
  erase(learnerId: number): void {
    this.db
      .transaction(() => {
        const info = this.db.prepare('DELETE FROM learners WHERE id = ?').run(learnerId);
        if (info.changes === 0) throw new AppError('learner.not_found', { learnerId });
        for (const table of tablesWithLearnerId(this.db)) {
          const left = this.db.prepare(`SELECT 1 FROM "${table}" WHERE learner_id = ? LIMIT 1`).get(learnerId);
          if (left) throw new Error(`erasing learner left rows in ${table}`);
        }
      })
      .immediate();
  }

  private findCourse(packId: string, courseId: string): { title: LocalizedText; lessons: number } | undefined {
    const pack = this.catalog.list().find((p) => p.manifest.id === packId);
    const course = pack?.manifest.courses.find((c) => c.id === courseId);
    return course ? { title: course.title, lessons: course.lessons.length } : undefined;
  }

  private toRow(row: RowFromDb): LearnerRow {
    return {
      id: row.id,
      displayName: row.display_name,
      avatar: row.avatar,
      language: row.language,
      createdOn: row.created_at.slice(0, 10),
      lastActiveOn: row.last_active ? row.last_active.slice(0, 10) : null,
      secret: row.secret_kind ?? 'none',
      locked: row.has_lock === 1 && row.lock_until !== null && Date.parse(row.lock_until) > this.now().getTime(),
      needsLibrarian: row.has_lock === 1 && row.lock_until === null,
      lessonsCompleted: row.lessons_completed,
      coursesCompleted: row.courses_completed,
    };
  }
}

/** Every table with a learner_id column, found in the schema itself. */
export function tablesWithLearnerId(db: Db): string[] {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  return tables
    .map((t) => t.name)
    .filter((name) => db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(name).some((c) => c.name === 'learner_id'));
}
