import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { LANGUAGES, type Language } from '../../core/contract';
import { callHttpOk } from '../support/api';
import { expectNoSeriousViolations } from '../support/axe';
import { bundledManifest } from '../support/bundled-sources';
import { hostAndChromium } from '../support/host-and-chromium';
import { KioskEntrance, Ui } from './pages/player';
import { StepDoer } from './pages/steps';

/*
 * "Everything a learner must read can be heard": every screen a learner sees has a Listen control;
 * each recording it plays exists and is in the interface's language (ky, ru and en), and pressing
 * it really plays (the media element's time moves on). On the way, axe finds nothing serious on
 * any of these screens, in the normal and the high-contrast theme.
 */
const pack = bundledManifest('kg.ayil.first-steps');
const tour = pack.courses.find((c) => c.id === 'practice-tour')!.lessons[0]!;

describe('a Listen control on every learner screen, in ky, ru and en (Debian Chromium against the browser host)', () => {
  const kiosk = hostAndChromium('listen');
  beforeAll(async () => {
    // A protected profile, for the screen that asks for a PIN.
    await callHttpOk(kiosk.host.url, 'learners.create', { displayName: 'Нурлан', avatar: 'moon', language: 'ky', secret: { kind: 'pin', pin: '1357' } });
  });

  /**
   * The screen's Listen control: each file it plays is served as audio and is in `language` (the
   * language screen's is in all three), and pressing it plays. With `axe`, axe checks the screen in
   * both themes too.
   */
  async function expectListen(page: Page, ui: Ui, where: string, control: Locator, options: { axe?: boolean; languages?: readonly Language[] } = {}): Promise<void> {
    await control.waitFor({ timeout: 10_000 });
    const sounds: string[] = JSON.parse((await control.getAttribute('data-sounds')) ?? '[]');
    expect(sounds.length, `${where}: recordings`).toBeGreaterThan(0);
    for (const language of options.languages ?? [ui.language]) expect(sounds.some((s) => s.includes(`/${language}/`)), `${where}: a recording in ${language}: ${sounds.join(', ')}`).toBe(true);
    for (const sound of sounds) {
      expect(sound, `${where}: ${sound} is in the interface's language`).toMatch(new RegExp(`/(${(options.languages ?? [ui.language]).join('|')})/`));
      const response = await page.request.get(new URL(sound, page.url()).href);
      expect(response.status(), `${where}: ${sound}`).toBe(200);
      expect(response.headers()['content-type'], `${where}: ${sound}`).toContain('audio/ogg');
      expect((await response.body()).length, `${where}: ${sound}`).toBeGreaterThan(1000);
    }
    const button = control.getByRole('button', { name: ui.t('player.listen.play'), exact: true });
    await button.click();
    await expect
      .poll(() => control.locator('audio').evaluate((audio: any) => audio.currentTime), { message: `${where}: the recording plays`, timeout: 10_000 })
      .toBeGreaterThan(0);
    // The same button stops it.
    await control.getByRole('button', { name: ui.t('player.listen.stop'), exact: true }).click();
    await control.getByRole('button', { name: ui.t('player.listen.play'), exact: true }).waitFor();
    if (options.axe) {
      await expectNoSeriousViolations(page, `${where} (${ui.language}, normal colours)`);
      await page.evaluate(() => ((globalThis as any).document.documentElement.dataset.theme = 'contrast'));
      await expectNoSeriousViolations(page, `${where} (${ui.language}, high contrast)`);
      await page.evaluate(() => ((globalThis as any).document.documentElement.dataset.theme = 'standard'));
    }
  }

  const screenListen = (page: Page) => page.locator('main .listen-control').first();

  async function everyScreen(language: Language, axe: boolean, firstStart = false): Promise<void> {
    const ui = new Ui(language);
    const context = await kiosk.browser.newContext({ bypassCSP: true, viewport: { width: 1024, height: 768 } });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(kiosk.host.url);
      const check = (where: string, control = screenListen(page), options: { languages?: readonly Language[] } = {}) => expectListen(page, ui, where, control, { axe, ...options });

      // The first start (the first test): "Choose your language", said in each language.
      if (firstStart) {
        await page.locator('.language-screen').waitFor();
        await check('the language screen', screenListen(page), { languages: LANGUAGES });
      }
      const entrance = new KioskEntrance(page, ui);
      await entrance.chooseLanguage();
      await check('the picker');

      // A protected profile's PIN.
      await page.getByRole('button', { name: 'Нурлан', exact: true }).click();
      await page.getByRole('heading', { name: 'Нурлан', exact: true }).waitFor();
      await check('the PIN screen');
      await page.getByRole('button', { name: ui.t('profiles.unlock.notMe'), exact: true }).click();

      await page.getByRole('button', { name: ui.t('picker.newLearner'), exact: true }).click();
      await page.getByRole('heading', { name: ui.t('newLearner.title'), exact: true }).waitFor();
      await check('the new profile');
      await page.getByLabel(ui.t('newLearner.nameLabel'), { exact: true }).fill(`Окуучу ${language}`);
      await page.getByRole('radio', { name: ui.t('avatar.heart'), exact: true }).check();
      await page.getByRole('button', { name: ui.t('newLearner.create'), exact: true }).click();
      await page.getByRole('heading', { name: ui.t('profiles.questions.title'), exact: true }).waitFor();
      await check('the two questions');
      await page.getByRole('button', { name: ui.t('profiles.questions.skip'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: ui.t('courses.title'), exact: true }).waitFor();
      await check('the courses');

      // Every step of the practice tour, each kind once; a wrong answer's feedback; the lesson's end.
      await page
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: tour.title[language]!, exact: true }) })
        .getByRole('button', { name: ui.t('courses.open'), exact: true })
        .click();
      const doer = new StepDoer(page, ui, 'pointer', pack.defaultLanguage);
      for (const [i, step] of tour.steps.entries()) {
        await expect.poll(() => doer.stepHeading.innerText()).toBe(ui.t('lesson.stepOf', { current: i + 1, total: tour.steps.length }));
        const where = `step ${i + 1} (${step.kind})`;
        // An audio step is its own narration, with its own Listen button.
        if (step.kind === 'audio') {
          const play = page.locator('.audio-controls').getByRole('button', { name: ui.t('player.audio.play'), exact: true });
          await play.click();
          await expect.poll(() => page.locator('.audio-step audio').evaluate((a: any) => a.currentTime), { message: `${where}: plays` }).toBeGreaterThan(0);
          await page.locator('.audio-controls').getByRole('button', { name: ui.t('player.audio.pause'), exact: true }).click();
        } else {
          await check(where, page.locator('.lesson-head .listen-control'));
        }
        if (step.kind === 'single-choice') {
          const wrong = step.options.find((o) => o.id !== step.correctOptionId)!;
          await doer.chooseOne(wrong.text[language]!);
          await doer.check();
          await check(`the feedback on a wrong answer at ${where}`, page.locator('.feedback-area .listen-control'));
        }
        await doer.doStep(step);
        if (step.kind === 'multiple-choice') await check(`the feedback on a right answer at ${where}`, page.locator('.feedback-area .listen-control'));
        await doer.next();
      }
      await page.locator('.lesson-done').waitFor();
      await check('the end of the lesson');
      await page.getByRole('button', { name: ui.t('lesson.back'), exact: true }).click();
      await page.getByRole('button', { name: ui.t('profiles.certificates.button'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: ui.t('profiles.certificates.title'), exact: true }).waitFor();
      await check('my certificates');

      // Signing out asks first, and the question can be heard.
      await page.getByRole('button', { name: ui.t('profiles.signOut.button'), exact: true }).click();
      const question = page.getByRole('dialog', { name: ui.t('profiles.signOut.title') });
      await check('the question before signing out', question.locator('.listen-control'));
      await question.getByRole('button', { name: ui.t('profiles.signOut.confirm'), exact: true }).click();
      await page.getByRole('heading', { name: ui.t('picker.title'), exact: true }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }

  it('in Kyrgyz, from the first start (the language screen) to signing out; axe finds nothing serious on any of these screens in either theme', () => everyScreen('ky', true, true), 240_000);
  it('in Russian, every screen from the picker to signing out', () => everyScreen('ru', false), 180_000);
  it('in English, every screen from the picker to signing out', () => everyScreen('en', false), 180_000);

  it('reads each screen aloud by itself for a learner who asks for it, and remembers it for them alone', async () => {
    const ui = new Ui('ru');
    const context = await kiosk.browser.newContext({ viewport: { width: 1024, height: 768 } });
    try {
      const page = await context.newPage();
      await page.goto(kiosk.host.url);
      for (const name of ['Асель', 'Тимур']) {
        const grant = await callHttpOk<{ token: string }>(kiosk.host.url, 'learners.create', { displayName: name, avatar: 'star', language: 'ru' });
        await callHttpOk(kiosk.host.url, 'learner.setProfile', { gender: 'undisclosed', birthYear: null }, grant.token);
      }
      await callHttpOk(kiosk.host.url, 'kiosk.setLanguage', { language: 'ru' });
      await page.reload();
      const open = async (name: string) => {
        await page.getByRole('button', { name, exact: true }).click();
        await page.getByRole('heading', { level: 1, name: ui.t('courses.title'), exact: true }).waitFor();
      };
      const openTour = () =>
        page
          .getByRole('listitem')
          .filter({ has: page.getByRole('heading', { name: tour.title.ru!, exact: true }) })
          .getByRole('button', { name: ui.t('courses.open'), exact: true })
          .click();
      const stepAudio = () => page.locator('.lesson-head .listen-control audio');
      const signOut = async () => {
        await page.getByRole('button', { name: ui.t('profiles.signOut.button'), exact: true }).click();
        await page.getByRole('dialog').getByRole('button', { name: ui.t('profiles.signOut.confirm'), exact: true }).click();
        await page.getByRole('heading', { name: ui.t('picker.title'), exact: true }).waitFor();
      };

      await open('Асель');
      // "Language and text" opens the choices, the choice to read aloud among them.
      await page.getByRole('button', { name: new RegExp(ui.t('profiles.display.button')) }).click();
      await page.getByRole('checkbox', { name: ui.t('profiles.display.autoplay'), exact: true }).check();
      await page.keyboard.press('Escape');
      await openTour();
      await expect.poll(() => stepAudio().evaluate((a: any) => a.currentTime), { message: 'the step reads itself aloud', timeout: 10_000 }).toBeGreaterThan(0);
      await signOut();

      // Another learner has not asked for it: nothing plays by itself.
      await open('Тимур');
      await openTour();
      await page.waitForTimeout(1500);
      expect(await stepAudio().evaluate((a: any) => a.currentTime)).toBe(0);
      await signOut();

      await open('Асель');
      await openTour();
      await expect.poll(() => stepAudio().evaluate((a: any) => a.currentTime), { message: 'remembered for her', timeout: 10_000 }).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  }, 60_000);
});
