import type { Page } from 'playwright-core';
import type { Language } from '../../../core/contract';
import type { LessonDef, Step } from '../../../core/packs/manifest';
import { correctAnswer } from '../../../authoring/answers';
import { callHttpOk } from '../../support/api';

export interface LearnerSession {
  token: string;
  learnerId: number;
}

export interface StepPlace {
  packId: string;
  lessonId: string;
  lesson: LessonDef;
  /** The step's index in its lesson. */
  index: number;
  step: Step;
  language: Language;
  defaultLanguage: Language;
}

/**
 * A new learner (through the API, as a client on the LAN would), who answered the two questions
 * and did the step before `place` right, so their lesson resumes at `place`.
 */
export async function learnerAt(hostUrl: string, place: StepPlace, name: string): Promise<LearnerSession> {
  const grant = await callHttpOk<{ token: string; learner: { id: number } }>(hostUrl, 'learners.create', { displayName: name, avatar: 'tree', language: place.language });
  await callHttpOk(hostUrl, 'learner.setProfile', { gender: 'undisclosed', birthYear: null }, grant.token);
  const before = place.lesson.steps[place.index - 1];
  if (before) {
    const answer = correctAnswer(before, place.language, place.defaultLanguage);
    await callHttpOk(hostUrl, 'progress.submitStep', { packId: place.packId, lessonId: place.lessonId, stepId: before.id, ...(answer ? { answer } : {}) }, grant.token);
  }
  return { token: grant.token, learnerId: grant.learner.id };
}

/**
 * Opens the app in this tab as that learner, on that lesson, with a text size and contrast: the tab
 * holds the learner's session (as it does after signing in, so that a reload keeps them in) and
 * the kiosk its text size and contrast. The page must already be on the app's origin.
 */
export async function openAs(page: Page, session: LearnerSession, lesson: { packId: string; lessonId: string } | null, comfort: { textSize: string; highContrast: boolean }): Promise<void> {
  await page.evaluate(
    ([kept, shown]) => {
      const tab = globalThis as any;
      tab.sessionStorage.setItem('ayil.session', JSON.stringify({ ...kept, lastActive: Date.now() }));
      tab.localStorage.setItem('ayil.comfort', JSON.stringify(shown));
    },
    [{ token: session.token, learnerId: session.learnerId, lesson }, comfort] as const,
  );
  await page.reload();
}
