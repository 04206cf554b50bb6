import { describe, expect, it } from 'vitest';
import { correctAnswer } from '../../authoring/answers';
import { callHttpOk } from '../support/api';
import { expectNoSeriousViolations } from '../support/axe';
import { bundledManifest } from '../support/bundled-sources';
import { hostAndChromium } from '../support/host-and-chromium';
import { Certificates, KeyboardUser, Ui } from './pages/player';
import { StepDoer } from './pages/steps';

/*
 * Keys only, from the kiosk's first start to a printed certificate: the language, a new profile
 * with a picture, the two questions (the birth year by decade), the courses, a whole lesson of a
 * course that gives a certificate (its other lessons done before, through the API), the lesson's
 * end and its way to the certificate. Not one mouse press from start to end.
 */
const ui = new Ui('ky');
const pack = bundledManifest('kg.ayil.first-steps');
const course = pack.courses.find((c) => c.id === 'computer-basics')!;
const lesson = course.lessons.find((l) => l.id === 'usb-stick')!;
// Ten characters of Crockford base32 (no I, L, O or U), written in two groups of five.
const CODE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

describe('keys only, from the language to the certificate (Debian Chromium against the browser host)', () => {
  const kiosk = hostAndChromium('keyboard');

  it('chooses Kyrgyz, makes a profile, answers the questions, does a whole lesson and opens the certificate, with keys alone', async () => {
    expect(course.certifying).toBe(true);
    const context = await kiosk.browser.newContext({ bypassCSP: true, viewport: { width: 1024, height: 768 } });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(kiosk.host.url);
      const keys = new KeyboardUser(page);
      await page.locator('.language-screen').waitFor();
      await keys.watchForPointerPresses();

      await keys.activate(page.getByRole('button', { name: ui.nativeName, exact: true }), 'Кыргызча');
      const pickerTitle = page.getByRole('heading', { name: ui.t('picker.title'), exact: true });
      await keys.expectFocusOn(pickerTitle, 'the picker’s heading');
      await keys.activate(page.getByRole('button', { name: ui.t('picker.newLearner'), exact: true }), '“New learner”');

      // The name, a picture (arrow keys move among them), no protection, "Start learning".
      await keys.expectFocusOn(page.getByRole('heading', { name: ui.t('newLearner.title'), exact: true }), 'the heading');
      await keys.tabTo(page.getByLabel(ui.t('newLearner.nameLabel'), { exact: true }), 'the name');
      await keys.type('Самара Усенова');
      await keys.tabTo(page.getByRole('radio', { name: ui.t('avatar.sun'), exact: true }), 'the first picture');
      await keys.press('ArrowRight');
      await keys.press('ArrowRight');
      expect(await page.getByRole('radio', { name: ui.t('avatar.tree'), exact: true }).isChecked()).toBe(true);
      await keys.activate(page.getByRole('button', { name: ui.t('newLearner.create'), exact: true }), '“Start learning”');

      // Signed in: the course's other lessons are done before (through the API, with the tab's session).
      await page.getByRole('heading', { name: ui.t('profiles.questions.title'), exact: true }).waitFor();
      const token = await page.evaluate(() => JSON.parse((globalThis as any).sessionStorage.getItem('ayil.session')).token as string);
      for (const other of course.lessons.filter((l) => l !== lesson)) {
        for (const step of other.steps) {
          const answer = correctAnswer(step, 'ky', pack.defaultLanguage);
          await callHttpOk(kiosk.host.url, 'progress.submitStep', { packId: pack.id, lessonId: other.id, stepId: step.id, ...(answer ? { answer } : {}) }, token);
        }
      }

      // A woman born in 1968: the decade, then the year.
      await keys.tabTo(page.getByRole('radio', { name: ui.t('profiles.questions.female'), exact: true }), '“A woman”');
      await keys.press('Space');
      await keys.tabTo(page.getByRole('radio', { name: '1920–1929', exact: true }), 'the first decade');
      for (let presses = 0; !(await page.getByRole('radio', { name: '1960–1969', exact: true }).isChecked()); presses++) {
        if (presses > 10) throw new Error('the arrow keys never reached 1960–1969');
        await keys.press('ArrowRight');
      }
      await keys.tabTo(page.getByRole('radio', { name: '1960', exact: true }), 'the first year of the decade');
      for (let presses = 0; !(await page.getByRole('radio', { name: '1968', exact: true }).isChecked()); presses++) {
        if (presses > 10) throw new Error('the arrow keys never reached 1968');
        await keys.press('ArrowRight');
      }
      await keys.activate(page.getByRole('button', { name: ui.t('profiles.questions.save'), exact: true }), '“Save and continue”');
      // Saved once the page has the answer back: wait for it rather than race the request.
      await expect.poll(async () => callHttpOk(kiosk.host.url, 'learner.me', {}, token)).toMatchObject({ gender: 'female', birthYear: 1968 });

      // The courses: the lesson left, opened from its row.
      const coursesTitle = page.getByRole('heading', { level: 1, name: ui.t('courses.title'), exact: true });
      await keys.expectFocusOn(coursesTitle, 'the courses heading');
      const open = page
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: lesson.title.ky!, exact: true }) })
        .getByRole('button', { name: ui.t('courses.open'), exact: true });
      await keys.activate(open, `“${ui.t('courses.open')}” of the lesson`);

      const doer = new StepDoer(page, ui, 'keyboard', pack.defaultLanguage);
      await keys.expectFocusOn(doer.stepHeading, 'the first step’s heading');
      await doer.walk(lesson);

      // The lesson's end finishes the course: the certificate is ready, one Enter away.
      const done = page.getByRole('heading', { level: 1, name: ui.t('lesson.completedTitle'), exact: true });
      await keys.expectFocusOn(done, 'the heading of the lesson’s end');
      expect(await page.locator('.certificate-ready').innerText()).toBe(`★ ${ui.t('player.summary.certificateReady')}`);
      await keys.activate(page.getByRole('button', { name: ui.t('player.summary.openCertificate'), exact: true }), '“Open my certificate”');
      await keys.expectFocusOn(page.getByRole('heading', { level: 1, name: ui.t('profiles.certificate.heading'), exact: true }), 'the certificate’s heading');
      const certificate = await new Certificates(page, ui).read();
      expect(certificate.name).toBe('Самара Усенова');
      expect(certificate.course).toBe(`«${course.title.ky}»`);
      expect(certificate.code).toMatch(CODE);
      // Print is a Tab away (not pressed: it would open the print dialog).
      await keys.tabTo(page.getByRole('button', { name: ui.t('profiles.certificate.print'), exact: true }), '“Print”', { backwards: true });
      expect(await keys.pointerPresses(), 'mouse presses from the language screen to the certificate').toEqual([]);
      // The certificate screen can be heard too.
      const sounds: string[] = JSON.parse((await page.locator('main .listen-control').getAttribute('data-sounds')) ?? '[]');
      expect(sounds.length).toBeGreaterThan(0);
      for (const sound of sounds) expect((await page.request.get(new URL(sound, page.url()).href)).status(), sound).toBe(200);

      await expectNoSeriousViolations(page, 'the certificate (normal colours)');
      await page.evaluate(() => ((globalThis as any).document.documentElement.dataset.theme = 'contrast'));
      await expectNoSeriousViolations(page, 'the certificate (high contrast)');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
