import type { Statement, Transaction } from 'better-sqlite3';
import type { z } from 'zod';
import type { ContinuePointSchema, CourseSummary, LessonView, StepAnswer, StepOutcomeSchema } from '../contract';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import type { Catalog, LessonLocation } from '../packs/catalog';
import type { StatsRecorder } from '../stats/recorder';
import { judge } from './judge';
import { toStepView } from './step-view';

type StepOutcome = z.infer<typeof StepOutcomeSchema>;
type ContinuePoint = z.infer<typeof ContinuePointSchema>;

interface LessonRow {
  pack_id: string;
  lesson_id: string;
  current_step_id: string;
  completed_at: string | null;
}

/** The row a saved step leaves in lesson_progress. */
interface LessonRowUpdate {
  learnerId: number;
  packId: string;
  courseId: string;
  lessonId: string;
  current: string;
  at: string;
  completedAt: string | null;
}

/** A finished step to save: who, where, and when. */
interface StepSave {
  learnerId: number;
  found: LessonLocation;
  stepId: string;
  /** The step the learner goes on to (the same one when it was the lesson's last). */
  current: string;
  now: Date;
}

/** A learner's way through lessons: which steps are done, where to resume, what is complete. */
export class Progress {
  // Saving a step is the kiosk's hottest write: its statements are compiled once, not per call.
  private readonly lessonCompletedAt: Statement<[number, string, string], { completed_at: string | null }>;
  private readonly insertStep: Statement<[number, string, string, string, string]>;
  private readonly doneStepIds: Statement<[number, string, string], { step_id: string }>;
  private readonly upsertLesson: Statement<[LessonRowUpdate]>;
  private readonly completedLessonIds: Statement<[number, string], { lesson_id: string }>;
  private readonly saveStep: Transaction<(save: StepSave) => { lessonCompleted: boolean; courseCompleted: boolean }>;

  constructor(
    private readonly db: Db,
    private readonly catalog: Catalog,
    private readonly now: () => Date,
    /**
     * Runs inside the transaction that completes a course's last lesson (issues the certificate);
     * answers whether the course is completed for the first time (a pack update that adds a lesson
     * to a course already completed does not make a second completion).
     */
    private readonly onCourseCompleted: (learnerId: number, found: LessonLocation, at: Date) => boolean = () => true,
    /** Keeps the anonymised counts, in the same transaction as the progress that causes them. */
    private readonly stats: StatsRecorder | null = null,
  ) {
    this.lessonCompletedAt = db.prepare('SELECT completed_at FROM lesson_progress WHERE learner_id = ? AND pack_id = ? AND lesson_id = ?');
    this.insertStep = db.prepare('INSERT OR IGNORE INTO step_progress (learner_id, pack_id, lesson_id, step_id, completed_at) VALUES (?, ?, ?, ?, ?)');
    this.doneStepIds = db.prepare('SELECT step_id FROM step_progress WHERE learner_id = ? AND pack_id = ? AND lesson_id = ?');
    this.upsertLesson = db.prepare(
      `INSERT INTO lesson_progress (learner_id, pack_id, course_id, lesson_id, current_step_id, started_at, updated_at, completed_at)
       VALUES (@learnerId, @packId, @courseId, @lessonId, @current, @at, @at, @completedAt)
       ON CONFLICT (learner_id, pack_id, lesson_id) DO UPDATE SET
         current_step_id = excluded.current_step_id,
         updated_at = excluded.updated_at,
         completed_at = coalesce(lesson_progress.completed_at, excluded.completed_at)`,
    );
    this.completedLessonIds = db.prepare('SELECT lesson_id FROM lesson_progress WHERE learner_id = ? AND pack_id = ? AND completed_at IS NOT NULL');
    this.saveStep = db.transaction((save: StepSave) => this.writeStep(save));
  }

  courses(learnerId: number): { continue: ContinuePoint | null; courses: CourseSummary[] } {
    const lessons = new Map(
      this.db
        .prepare<[number], LessonRow>('SELECT pack_id, lesson_id, current_step_id, completed_at FROM lesson_progress WHERE learner_id = ?')
        .all(learnerId)
        .map((row) => [`${row.pack_id}/${row.lesson_id}`, row]),
    );
    const doneCounts = new Map(
      this.db
        .prepare<[number], { pack_id: string; lesson_id: string; n: number }>(
          'SELECT pack_id, lesson_id, count(*) AS n FROM step_progress WHERE learner_id = ? GROUP BY pack_id, lesson_id',
        )
        .all(learnerId)
        .map((row) => [`${row.pack_id}/${row.lesson_id}`, row.n]),
    );

    const courses = this.catalog.list().flatMap(({ manifest }) =>
      manifest.courses.map((course) => ({
        packId: manifest.id,
        courseId: course.id,
        defaultLanguage: manifest.defaultLanguage,
        title: course.title,
        description: course.description,
        certifying: course.certifying,
        lessons: course.lessons.map((lesson) => {
          const key = `${manifest.id}/${lesson.id}`;
          return {
            lessonId: lesson.id,
            title: lesson.title,
            stepCount: lesson.steps.length,
            doneCount: Math.min(doneCounts.get(key) ?? 0, lesson.steps.length),
            completed: Boolean(lessons.get(key)?.completed_at),
          };
        }),
      })),
    );
    return { continue: this.continuePoint(learnerId), courses };
  }

  /** The unfinished lesson the learner touched last, if it is still installed. */
  private continuePoint(learnerId: number): ContinuePoint | null {
    const rows = this.db
      .prepare<[number], LessonRow>(
        `SELECT pack_id, lesson_id, current_step_id, completed_at FROM lesson_progress
         WHERE learner_id = ? AND completed_at IS NULL ORDER BY updated_at DESC, rowid DESC`,
      )
      .all(learnerId);
    for (const row of rows) {
      const found = this.catalog.findLesson(row.pack_id, row.lesson_id);
      if (!found) continue;
      return {
        packId: row.pack_id,
        lessonId: row.lesson_id,
        courseId: found.course.id,
        defaultLanguage: found.pack.defaultLanguage,
        lessonTitle: found.lesson.title,
        stepId: resumeStep(found, row.current_step_id),
      };
    }
    return null;
  }

  lesson(learnerId: number, packId: string, lessonId: string): LessonView {
    const found = this.locate(packId, lessonId);
    const row = this.db
      .prepare<[number, string, string], LessonRow>(
        'SELECT pack_id, lesson_id, current_step_id, completed_at FROM lesson_progress WHERE learner_id = ? AND pack_id = ? AND lesson_id = ?',
      )
      .get(learnerId, packId, lessonId);
    const done = this.doneStepIds.all(learnerId, packId, lessonId).map((r) => r.step_id);
    const doneIds = new Set(done);
    return {
      packId,
      lessonId,
      courseId: found.course.id,
      certifying: found.course.certifying,
      defaultLanguage: found.pack.defaultLanguage,
      title: found.lesson.title,
      steps: found.lesson.steps.map(toStepView),
      // In the lesson's order (and only steps it still has), whatever order they were done in.
      doneStepIds: found.lesson.steps.map((s) => s.id).filter((id) => doneIds.has(id)),
      resumeStepId: row && !row.completed_at ? resumeStep(found, row.current_step_id) : null,
      completed: Boolean(row?.completed_at),
    };
  }

  /**
   * Records that the learner finished a step. Judged steps count only when answered correctly;
   * a wrong answer changes nothing, so the learner simply tries again.
   */
  submitStep(learnerId: number, packId: string, lessonId: string, stepId: string, answer?: StepAnswer): StepOutcome {
    const found = this.locate(packId, lessonId);
    const steps = found.lesson.steps;
    const index = steps.findIndex((s) => s.id === stepId);
    const step = steps[index];
    if (!step) throw new AppError('step.not_found', { stepId });

    const judgement = judge(step, answer);
    if (judgement.correct === false) {
      return {
        correct: false,
        lessonCompleted: false,
        courseCompleted: false,
        certified: false,
        nextStepId: step.id,
        ...(judgement.fieldErrors ? { fieldErrors: judgement.fieldErrors } : {}),
        ...(judgement.explanations ? { explanations: judgement.explanations } : {}),
        ...(judgement.wrongItems ? { wrongItems: judgement.wrongItems } : {}),
      };
    }

    const next = steps[index + 1] ?? null;
    const { lessonCompleted, courseCompleted } = this.saveStep({ learnerId, found, stepId, current: (next ?? step).id, now: this.now() });
    return {
      correct: judgement.correct,
      lessonCompleted,
      courseCompleted,
      certified: courseCompleted && found.course.certifying,
      nextStepId: next?.id ?? null,
      ...(judgement.reference ? { reference: judgement.reference } : {}),
      ...(judgement.explanations ? { explanations: judgement.explanations } : {}),
      ...(judgement.unticked ? { unticked: judgement.unticked } : {}),
    };
  }

  /** Saves a finished step and the counts it changes; runs inside `saveStep`'s transaction. */
  private writeStep({ learnerId, found, stepId, current, now }: StepSave): { lessonCompleted: boolean; courseCompleted: boolean } {
    const packId = found.pack.id;
    const lessonId = found.lesson.id;
    const at = now.toISOString();
    // What the lesson was before this step tells the statistics what is a first.
    const before = this.lessonCompletedAt.get(learnerId, packId, lessonId);
    this.insertStep.run(learnerId, packId, lessonId, stepId, at);
    const doneIds = new Set(this.doneStepIds.all(learnerId, packId, lessonId).map((r) => r.step_id));
    const complete = found.lesson.steps.every((s) => doneIds.has(s.id));
    this.upsertLesson.run({ learnerId, packId, courseId: found.course.id, lessonId, current, at, completedAt: complete ? at : null });
    const courseDone = complete && this.courseComplete(learnerId, found);
    const courseFirstDone = courseDone && this.onCourseCompleted(learnerId, found, now);
    // A lesson completed again (steps redone) is no new completion, of it or of its course.
    const firstCompletion = complete && !before?.completed_at;
    this.stats?.record({
      learnerId,
      packId,
      courseId: found.course.id,
      lessonId,
      at,
      lessonStarted: !before,
      lessonCompleted: firstCompletion,
      courseCompleted: courseFirstDone && firstCompletion,
    });
    return { lessonCompleted: complete, courseCompleted: courseDone };
  }

  private courseComplete(learnerId: number, found: LessonLocation): boolean {
    const done = new Set(this.completedLessonIds.all(learnerId, found.pack.id).map((r) => r.lesson_id));
    return found.course.lessons.every((lesson) => done.has(lesson.id));
  }

  private locate(packId: string, lessonId: string): LessonLocation {
    const found = this.catalog.findLesson(packId, lessonId);
    if (!found) throw new AppError('lesson.not_found', { packId, lessonId });
    return found;
  }
}

/** A stored resume point may name a step a pack update removed; then start at the first step. */
function resumeStep(found: LessonLocation, stepId: string): string {
  return found.lesson.steps.some((s) => s.id === stepId) ? stepId : found.lesson.steps[0]!.id;
}

