import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ky from '../../renderer/src/i18n/locales/ky.json';
import { launchChromium } from '../support/chromium';
import { startHostProcess } from '../support/host-process';
import { bundledManifest } from '../support/bundled-sources';
import { tempDir } from '../support/temp-dir';
import { CoursesScreen, LanguageScreen, PickerScreen, expectStepPosition } from './pages/kiosk';
import { Ui } from './pages/player';
import { StepDoer } from './pages/steps';

const pack = bundledManifest('kg.ayil.first-steps');
const lessonDef = pack.courses.flatMap((c) => c.lessons).find((l) => l.id === 'parts-of-a-computer')!;
const LESSON = lessonDef.title.ky!;
const STEPS = lessonDef.steps.length;

describe('a learner finishes a first lesson in Kyrgyz (Debian Chromium against the browser host)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('picks Kyrgyz, creates a profile, resumes, completes the lesson, and still sees it after a restart', async () => {
    const dataDir = tempDir();
    let host = await startHostProcess(dataDir);
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(host.url);

      const picker = await new LanguageScreen(page).choose('Кыргызча');
      await picker.isShown();
      expect(await page.getAttribute('html', 'lang')).toBe('ky');
      let courses = await (await picker.newLearner()).create('Айгүл', ky.avatar.flower);
      await courses.isShown();

      // First step, then walk away: "Sign out" and come back to continue at the exact step.
      let lesson = await courses.openLesson(LESSON);
      await expectStepPosition(lesson, 1, STEPS);
      await lesson.next();
      await expectStepPosition(lesson, 2, STEPS);
      const picker2 = await (await lesson.backToCourses()).signOut();
      courses = await picker2.choose('Айгүл');
      await courses.isShown();
      lesson = await courses.continueLesson();
      await expectStepPosition(lesson, 2, STEPS);

      // The rest of the lesson, each step done right.
      await new StepDoer(page, new Ui('ky'), 'pointer', pack.defaultLanguage).walk(lessonDef);
      await lesson.expectCompleted();
      courses = await lesson.backToCourses();
      expect(await courses.lessonStatus(LESSON)).toContain(ky.courses.completed);
      expect(pageErrors).toEqual([]);
      await context.close();

      await host.stop();
      host = await startHostProcess(dataDir);

      // A fresh browser profile: the language comes from the kiosk's data folder, not the browser.
      const after = await browser.newContext();
      const again = await after.newPage();
      await again.goto(host.url);
      const pickerAgain = new PickerScreen(again);
      await pickerAgain.isShown();
      expect(await again.getAttribute('html', 'lang')).toBe('ky');
      const coursesAgain: CoursesScreen = await pickerAgain.choose('Айгүл');
      await coursesAgain.isShown();
      expect(await coursesAgain.lessonStatus(LESSON)).toContain(ky.courses.completed);
      expect(await coursesAgain.hasContinueCard()).toBe(false);
      await after.close();
    } finally {
      await host.stop();
    }
  });
});
