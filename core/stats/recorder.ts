import type { Statement } from 'better-sqlite3';
import type { Metric } from '../contract/console';
import type { Db } from '../db/open';
import { ageBandOf, genderOf, weekOf } from './sql';

/** What one saved step changed for the statistics; firsts only, so nothing is counted twice. */
export interface StepEvent {
  learnerId: number;
  packId: string;
  courseId: string;
  lessonId: string;
  /** The step's time, as stored (ISO, UTC). */
  at: string;
  /** The learner had no progress in this lesson before this step. */
  lessonStarted: boolean;
  /** This step completed the lesson for the first time. */
  lessonCompleted: boolean;
  /** …and with it the whole course. */
  courseCompleted: boolean;
}

/**
 * Keeps the anonymised weekly counts up to date as progress is saved. It must run inside the
 * transaction that saves the step: a count and the progress that caused it commit together or
 * not at all. A plain step costs one indexed INSERT OR IGNORE (the learner's activity that week).
 */
export class StatsRecorder {
  private readonly markActive: Statement<[number, string]>;
  private readonly otherLessonInCourse: Statement<[number, string, string, string], { found: 1 }>;
  private readonly count: Statement<{ learnerId: number; at: string; metric: Metric; packId: string; courseId: string }>;

  constructor(db: Db) {
    this.markActive = db.prepare(`INSERT OR IGNORE INTO learner_activity (learner_id, week) VALUES (?, ${weekOf('?')})`);
    this.otherLessonInCourse = db.prepare(
      'SELECT 1 AS found FROM lesson_progress WHERE learner_id = ? AND pack_id = ? AND course_id = ? AND lesson_id <> ? LIMIT 1',
    );
    // The learner's gender and age band are read as they are now; the row keeps only the band.
    // (The WHERE clause also keeps SQLite from reading ON CONFLICT as a join constraint.)
    this.count = db.prepare(
      `INSERT INTO stats_weekly (week, metric, pack_id, course_id, gender, age_band, count)
       SELECT week, @metric, @packId, @courseId, ${genderOf('gender')}, ${ageBandOf('week', 'birth_year')}, 1
       FROM (SELECT ${weekOf('@at')} AS week), learners WHERE learners.id = @learnerId
       ON CONFLICT (week, metric, pack_id, course_id, gender, age_band) DO UPDATE SET count = count + 1`,
    );
  }

  /** Call after the step's progress rows are written, in the same transaction. */
  record(event: StepEvent): void {
    const { learnerId, at, packId, courseId } = event;
    const bump = (metric: Metric, site = false) =>
      this.count.run({ learnerId, at, metric, packId: site ? '' : packId, courseId: site ? '' : courseId });

    if (this.markActive.run(learnerId, at).changes > 0) bump('learners_active', true);
    if (event.lessonStarted) {
      bump('lessons_started');
      if (!this.otherLessonInCourse.get(learnerId, packId, courseId, event.lessonId)) bump('courses_started');
    }
    if (event.lessonCompleted) bump('lessons_completed');
    if (event.courseCompleted) bump('courses_completed');
  }
}
