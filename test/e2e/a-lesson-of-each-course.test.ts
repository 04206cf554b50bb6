import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../core/contract';
import { expectNoSeriousViolations } from '../support/axe';
import { bundledManifest, bundledSourceDirs } from '../support/bundled-sources';
import { hostAndChromium } from '../support/host-and-chromium';
import { learnerAt, openAs, type StepPlace } from './pages/at-step';
import { Ui } from './pages/player';
import { StepDoer } from './pages/steps';

/*
 * The curriculum as learners meet it: one lesson of each course of the bundled packs, done to its
 * end in Chromium with the mouse, the courses taking turns at Kyrgyz, Russian and English, and a
 * different lesson of each course from one course to the next (the first of the first course, the
 * second of the second, ...). axe checks every step. The courses and lessons are read from the
 * sources, so a course added later is walked without new test code.
 */
const COURSES = bundledSourceDirs().flatMap((dir) => {
  const manifest = bundledManifest(path.basename(dir));
  return manifest.courses.map((course) => ({ manifest, course }));
});

describe('one lesson of each course, in ky, ru and en (Debian Chromium against the browser host)', () => {
  const kiosk = hostAndChromium('courses');

  it('has courses enough to cover every language', () => {
    expect(COURSES.length).toBeGreaterThanOrEqual(6);
  });

  COURSES.forEach(({ manifest, course }, n) => {
    const language = manifest.languages.includes(LANGUAGES[n % LANGUAGES.length]!) ? LANGUAGES[n % LANGUAGES.length]! : manifest.defaultLanguage;
    const lesson = course.lessons[n % course.lessons.length]!;
    it(`${manifest.id} ${course.id}: does “${lesson.id}” to its end in ${language}, axe finding nothing serious on any step`, async () => {
      const ui = new Ui(language);
      const context = await kiosk.browser.newContext({ bypassCSP: true, viewport: { width: 1024, height: 768 } });
      try {
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('pageerror', (error) => problems.push(error.message));
        await page.goto(kiosk.host.url);
        const place: StepPlace = { packId: manifest.id, lessonId: lesson.id, lesson, index: 0, step: lesson.steps[0]!, language, defaultLanguage: manifest.defaultLanguage };
        const session = await learnerAt(kiosk.host.url, place, `Окуучу ${n + 1}`);
        await openAs(page, session, { packId: manifest.id, lessonId: lesson.id }, { textSize: 'normal', highContrast: false });
        const doer = new StepDoer(page, ui, 'pointer', manifest.defaultLanguage);
        const total = lesson.steps.length;
        for (const [index, step] of lesson.steps.entries()) {
          const where = `${manifest.id} ${lesson.id} step ${index + 1}/${total} “${step.id}” (${step.kind}, ${language})`;
          await expect.poll(() => doer.stepHeading.innerText(), { timeout: 10_000, message: where }).toBe(ui.t('lesson.stepOf', { current: index + 1, total }));
          await expectNoSeriousViolations(page, where);
          await doer.doStep(step);
          await doer.next();
        }
        await page.locator('.lesson-done').waitFor({ timeout: 10_000 });
        await expectNoSeriousViolations(page, `the end of ${lesson.id} (${language})`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }, 180_000);
  });
});
