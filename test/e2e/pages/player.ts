import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { LANGUAGE_NATIVE_NAMES, type Language } from '../../../core/contract';
import { catalogues as CATALOGUES } from '../../../renderer/src/i18n/catalogues';
import type en from '../../../renderer/src/i18n/locales/en.json';

/**
 * Page objects for the lesson player and the certificate, in any of the kiosk's languages (the
 * ones in kiosk.ts are Kyrgyz only). Every text they look for comes from the renderer's own
 * catalogues, so they find nothing unless the interface really is in the language asked for.
 *
 * Each screen has a pointer flavour (clicks, fills) and a keyboard flavour that only presses keys:
 * it reaches a control by pressing Tab (or Shift+Tab) until the control has focus, and fails,
 * naming what has focus instead, when it does not get there within a few presses. Locators only
 * say which element is wanted; the keyboard flavour never clicks or fills them.
 */

export type Input = 'pointer' | 'keyboard';

/** The interface's words in one language, looked up the way i18next does (plurals, {{names}}). */
export class Ui {
  constructor(readonly language: Language) {}

  get nativeName(): string {
    return LANGUAGE_NATIVE_NAMES[this.language];
  }

  t(key: string, params: Record<string, string | number> = {}): string {
    const lookup = (path: string): unknown =>
      path.split('.').reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), CATALOGUES[this.language]);
    let template = lookup(key);
    if (template === undefined && typeof params.count === 'number') {
      template = lookup(`${key}_${new Intl.PluralRules(this.language).select(params.count)}`) ?? lookup(`${key}_other`);
    }
    if (typeof template !== 'string') throw new Error(`the ${this.language} catalogue has no text "${key}"`);
    return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      if (!(name in params)) throw new Error(`"${key}" needs {{${name}}}`);
      return String(params[name]);
    });
  }
}

/** Keys only: Tab to a control, then press or type. */
export class KeyboardUser {
  constructor(private readonly page: Page) {}

  press(key: string): Promise<void> {
    return this.page.keyboard.press(key);
  }

  type(text: string): Promise<void> {
    return this.page.keyboard.type(text);
  }

  /** What has focus, in words, for failure messages. */
  async focused(): Promise<string> {
    return this.page.evaluate(() => {
      const element = (globalThis as any).document.activeElement;
      if (!element || element === (globalThis as any).document.body) return 'nothing (the page itself)';
      const name = element.getAttribute('aria-label') ?? (element.textContent ?? '').trim().slice(0, 60);
      const type = element.getAttribute('type');
      return `<${element.tagName.toLowerCase()}${type ? ` type=${type}` : ''}> "${name}"`;
    });
  }

  /**
   * From now on, counts the presses of a mouse, pen or finger the page receives (a click made by
   * Enter or Space is no press). A keyboard-only run must end with none.
   */
  async watchForPointerPresses(): Promise<void> {
    await this.page.evaluate(() => {
      const page = globalThis as any;
      page.__pointerPresses = [];
      for (const type of ['pointerdown', 'mousedown', 'touchstart', 'wheel']) {
        page.addEventListener(type, (event: any) => event.isTrusted && page.__pointerPresses.push(type), { capture: true });
      }
    });
  }

  pointerPresses(): Promise<string[]> {
    return this.page.evaluate(() => (globalThis as any).__pointerPresses);
  }

  /** Whether focus is on the element (or, for a locator matching several, on any of them). */
  async hasFocus(target: Locator): Promise<boolean> {
    return target.evaluateAll((elements) => elements.some((element) => element === element.ownerDocument.activeElement));
  }

  /** Presses Tab (or Shift+Tab) until the target has focus; fails after `max` presses. */
  async tabTo(target: Locator, what: string, options: { backwards?: boolean; max?: number } = {}): Promise<void> {
    const max = options.max ?? 40;
    const key = options.backwards ? 'Shift+Tab' : 'Tab';
    await target
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => {
        throw new Error(`${what} is not on the screen`);
      });
    for (let presses = 0; !(await this.hasFocus(target)); presses++) {
      if (presses === max) throw new Error(`pressed ${key} ${max} times without reaching ${what}; focus is on ${await this.focused()}`);
      await this.press(key);
    }
  }

  /** Waits until focus lands on the target by itself (the app moves it, e.g. to a new heading). */
  async expectFocusOn(target: Locator, what: string): Promise<void> {
    await expect.poll(() => this.hasFocus(target), { message: `focus should move to ${what}`, timeout: 10_000 }).toBe(true);
  }

  /** Tab to the control and press Enter on it. */
  async activate(target: Locator, what: string, options: { backwards?: boolean } = {}): Promise<void> {
    await this.tabTo(target, what, options);
    await this.press('Enter');
  }
}

/** From a fresh browser profile to the learner's courses screen, in the given language. */
export class KioskEntrance {
  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
  ) {}

  /**
   * The language screen on the kiosk's first start, and the language switch in the top bar once
   * a language was chosen (the kiosk remembers it): either way, the language's own name.
   */
  async chooseLanguage(): Promise<void> {
    const languageScreen = this.page.locator('.language-screen');
    const languageSwitch = this.page.locator('nav.language-switch');
    await languageScreen.or(languageSwitch).first().waitFor();
    const on = (await languageScreen.isVisible()) ? languageScreen : languageSwitch;
    await on.getByRole('button', { name: this.ui.nativeName, exact: true }).click();
    await this.page.getByRole('heading', { name: this.ui.t('picker.title'), exact: true }).waitFor();
    expect(await this.page.getAttribute('html', 'lang')).toBe(this.ui.language);
  }

  /** A new profile with a name and a picture and no secret; the once-asked questions skipped. */
  async createLearner(name: string, avatar: keyof typeof en.avatar): Promise<Courses> {
    await this.page.getByRole('button', { name: this.ui.t('picker.newLearner'), exact: true }).click();
    await this.page.getByRole('heading', { name: this.ui.t('newLearner.title'), exact: true }).waitFor();
    await this.page.getByLabel(this.ui.t('newLearner.nameLabel'), { exact: true }).fill(name);
    await this.page.getByRole('radio', { name: this.ui.t(`avatar.${avatar}`), exact: true }).check();
    await this.page.getByRole('radio', { name: this.ui.t('profiles.secret.none') }).check();
    await this.page.getByRole('button', { name: this.ui.t('newLearner.create'), exact: true }).click();
    await this.page.getByRole('heading', { name: this.ui.t('profiles.questions.title'), exact: true }).waitFor();
    await this.page.getByRole('button', { name: this.ui.t('profiles.questions.skip'), exact: true }).click();
    const courses = new Courses(this.page, this.ui);
    await courses.isShown();
    return courses;
  }
}

export class Courses {
  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
  ) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.ui.t('courses.title'), exact: true });
  }

  async isShown(): Promise<void> {
    await this.heading.waitFor();
  }

  lessonButton(lessonTitle: string): Locator {
    return this.page
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name: lessonTitle, exact: true }) })
      .getByRole('button', { name: this.ui.t('courses.open'), exact: true });
  }

  async openLesson(lessonTitle: string, input: Input): Promise<LessonPlayer> {
    const button = this.lessonButton(lessonTitle);
    if (input === 'pointer') {
      await button.click();
      return new LessonPlayer(this.page, this.ui);
    }
    // The screen puts focus on its heading; the learner goes on from there.
    const keys = new KeyboardUser(this.page);
    await keys.expectFocusOn(this.heading, 'the courses heading');
    await keys.activate(button, `“${this.ui.t('courses.open')}” of “${lessonTitle}”`);
    return new KeyboardLessonPlayer(this.page, this.ui);
  }
}

/**
 * The lesson player, driven with the mouse. KeyboardLessonPlayer does the same with keys only,
 * along the keyboard paths the player offers.
 */
export class LessonPlayer {
  constructor(
    protected readonly page: Page,
    protected readonly ui: Ui,
  ) {}

  get stepHeading(): Locator {
    return this.page.locator('h2.step-position');
  }

  /** The lesson's one main button (Check / Next), below the step. */
  mainButton(name: string): Locator {
    return this.page.locator('.lesson-screen > .actions').getByRole('button', { name, exact: true });
  }

  protected get feedbackBox(): Locator {
    return this.page.locator('.feedback .feedback-box');
  }

  /** "Step N of M", and the step's own screen under it. */
  async expectStep(current: number, total: number): Promise<void> {
    await expect.poll(() => this.stepHeading.innerText(), { timeout: 10_000 }).toBe(this.ui.t('lesson.stepOf', { current, total }));
  }

  async next(): Promise<void> {
    await this.mainButton(this.ui.t('lesson.next')).click();
  }

  /** "Check my answer" ("I have done them all" on a checklist). */
  async check(label = this.ui.t('lesson.check')): Promise<void> {
    await this.mainButton(label).click();
  }

  /** The verdict in the player's words (said once), and the pack's own explanation when there is one. */
  protected async expectFeedback(verdict: string, packText: string | undefined): Promise<void> {
    const box = this.feedbackBox;
    await expect.poll(() => box.locator(':scope > p').innerText().catch(() => ''), { timeout: 10_000 }).toBe(verdict);
    if (packText !== undefined) expect(await box.locator('.feedback-detail').innerText()).toBe(packText);
    else expect(await box.locator('.feedback-detail').count()).toBe(0);
  }

  /**
   * What the check said about one answer, beside it: ✓ right, ✗ not right or ! a right one missed,
   * with the pack's reason.
   */
  async expectMark(option: string, kind: 'right' | 'wrong' | 'missed', reason: string): Promise<void> {
    const row = this.page.locator('.option-row').filter({ has: this.page.getByText(option, { exact: true }) });
    const mark = row.locator('.option-mark');
    await mark.waitFor();
    expect(await mark.getAttribute('class')).toContain(`mark-${kind}`);
    expect(await mark.innerText()).toContain(reason);
  }

  /** "Not quite", and the answer can be changed and checked again. */
  async expectWrong(message: string, packText?: string): Promise<void> {
    await this.expectFeedback(message, packText);
    await this.mainButton(this.ui.t('lesson.check')).waitFor();
  }

  /** "✓ Correct", and the main button has turned into "Next". */
  async expectCorrect(packText?: string, message = this.ui.t('lesson.correct')): Promise<void> {
    await this.expectFeedback(`✓ ${message}`, packText);
    await this.mainButton(this.ui.t('lesson.next')).waitFor();
  }

  // ---- image, audio, video ----

  /** The picture is loaded (not replaced by its description) and described in the language. */
  async expectImage(alt: string, caption: string): Promise<void> {
    const image = this.page.getByRole('img', { name: alt, exact: true });
    await expect.poll(() => image.evaluate((img) => img.complete && img.naturalWidth > 0), { message: 'the picture loads', timeout: 10_000 }).toBe(true);
    await this.page.getByText(caption, { exact: true }).waitFor();
  }

  protected get audio(): Locator {
    return this.page.locator('.audio-step audio');
  }

  protected audioButton(label: string): Locator {
    return this.page.locator('.audio-controls').getByRole('button', { name: label, exact: true });
  }

  /** The sentence of the transcript highlighted as it is spoken. */
  protected get currentSentence(): Locator {
    return this.page.locator('.transcript [aria-current="true"]');
  }

  /** The narration's title and transcript are in the language, and nothing plays yet. */
  async expectAudio(title: string, transcript: readonly string[]): Promise<void> {
    await this.page.getByRole('heading', { name: title, exact: true }).waitFor();
    await this.page.getByRole('heading', { name: this.ui.t('player.audio.transcript'), exact: true }).waitFor();
    expect(await this.page.locator('.transcript p').allInnerTexts()).toEqual(transcript);
    await this.audioButton(this.ui.t('player.audio.play')).waitFor();
  }

  /** Waits until the recording is really playing and the first sentence is highlighted. */
  async expectListening(firstSentence: string): Promise<void> {
    await this.audioButton(this.ui.t('player.audio.pause')).waitFor({ timeout: 10_000 });
    await expect.poll(() => this.audio.evaluate((a) => !a.paused && a.currentTime > 0), { message: 'the recording plays', timeout: 10_000 }).toBe(true);
    await expect.poll(() => this.currentSentence.innerText().catch(() => null), { timeout: 10_000 }).toBe(firstSentence);
  }

  async expectPaused(): Promise<void> {
    await this.audioButton(this.ui.t('player.audio.resume')).waitFor({ timeout: 10_000 });
    expect(await this.audio.evaluate((a) => a.paused)).toBe(true);
  }

  /** Listen, pause, then listen again from the start. */
  async listen(firstSentence: string): Promise<void> {
    await this.audioButton(this.ui.t('player.audio.play')).click();
    await this.expectListening(firstSentence);
    await this.audioButton(this.ui.t('player.audio.pause')).click();
    await this.expectPaused();
    await this.audioButton(this.ui.t('player.audio.replay')).click();
    await this.expectListening(firstSentence);
  }

  /** The video can be played (its data is served), with captions in the language and its description. */
  async expectVideo(description: string): Promise<void> {
    const video = this.page.locator('.video-step video');
    await expect.poll(() => video.evaluate((v) => v.readyState >= 1 && v.duration > 0), { message: 'the video loads', timeout: 10_000 }).toBe(true);
    expect(await video.locator('track[default]').getAttribute('srclang')).toBe(this.ui.language);
    expect(await video.getAttribute('aria-describedby')).toBeTruthy();
    await this.page.getByText(description, { exact: true }).waitFor();
  }

  // ---- questions ----

  /** `backwards`: the keyboard comes back to the answers from the main button below them. */
  async chooseOne(option: string, _options: { backwards?: boolean } = {}): Promise<void> {
    await this.page.getByRole('radio', { name: option, exact: true }).check();
  }

  async chooseSeveral(options: readonly string[]): Promise<void> {
    for (const option of options) await this.page.getByRole('checkbox', { name: option, exact: true }).check();
  }

  protected orderTexts(): Promise<string[]> {
    return this.page.locator('.order-list .order-text').allInnerTexts();
  }

  protected moveUpButton(item: string): Locator {
    return this.page.getByRole('button', { name: this.ui.t('player.ordering.moveUpItem', { item }), exact: true });
  }

  /** The live region's word on the last move. */
  async expectAnnounced(item: string, position: number, total: number): Promise<void> {
    const said = this.ui.t('player.ordering.moved', { item, position, total });
    await expect.poll(() => this.page.locator('.ordering-step [aria-live]').innerText()).toBe(said);
  }

  /** Puts the items in the wanted order with the "Move up" buttons, top first. */
  async putInOrder(wanted: readonly string[]): Promise<void> {
    expect([...(await this.orderTexts())].sort()).toEqual([...wanted].sort());
    for (let target = 0; target < wanted.length; target++) {
      const item = wanted[target]!;
      let at = (await this.orderTexts()).indexOf(item);
      while (at > target) {
        await this.moveUp(item);
        at--;
        await this.expectAnnounced(item, at + 1, wanted.length);
      }
    }
    expect(await this.orderTexts()).toEqual(wanted);
  }

  protected async moveUp(item: string): Promise<void> {
    await this.moveUpButton(item).click();
  }

  /** One native list per item on the left, labelled with it. */
  protected matchList(left: string): Locator {
    return this.page.getByLabel(left, { exact: true });
  }

  async match(pairs: ReadonlyArray<readonly [left: string, right: string]>): Promise<void> {
    for (const [left, right] of pairs) await this.matchList(left).selectOption({ label: right });
    await this.expectMatched(pairs);
  }

  protected async expectMatched(pairs: ReadonlyArray<readonly [left: string, right: string]>): Promise<void> {
    for (const [left, right] of pairs) expect(await this.matchList(left).evaluate((s) => s.selectedOptions[0]?.textContent)).toBe(right);
  }

  // ---- practice ----

  protected clickTarget(): Locator {
    return this.page.getByRole('button', { name: this.ui.t('player.mouse.clickMe'), exact: true });
  }

  /** "N of M done" under the mouse practice. */
  protected async expectClicks(done: number, count: number): Promise<void> {
    await expect.poll(() => this.page.locator('.mouse-progress').innerText()).toContain(this.ui.t('player.mouse.progress', { done, count }));
  }

  /** Clicks the big target as often as asked; at the last go the step is done by itself. */
  async practiseClicks(times: number): Promise<void> {
    for (let go = 1; go <= times; go++) {
      await this.clickOnce();
      await this.expectClicks(go, times);
    }
    await this.expectPractiseDone();
  }

  protected async clickOnce(): Promise<void> {
    await this.clickTarget().click();
  }

  protected async expectPractiseDone(): Promise<void> {
    const allDone = this.ui.t('player.mouse.allDone', { button: this.ui.t('lesson.next') });
    await expect.poll(() => this.page.locator('.mouse-message').innerText()).toContain(allDone);
    await this.mainButton(this.ui.t('lesson.next')).waitFor();
  }

  protected get typingBox(): Locator {
    return this.page.getByLabel(this.ui.t('player.keyboard.typeHere'), { exact: true });
  }

  /** The word to copy is shown in the language; typing it right says so. */
  async typeWord(word: string): Promise<void> {
    await this.expectWordShown(word);
    await this.typingBox.click();
    await this.page.keyboard.type(word);
    await this.expectWordComplete();
  }

  protected async expectWordShown(word: string): Promise<void> {
    expect(await this.page.locator('.typing-target .visually-hidden').innerText()).toBe(word);
    expect(await this.page.locator('.typing-target').getAttribute('lang')).toBe(this.ui.language);
  }

  /** Checks the typed word (the keyboard flavour presses Enter in the typing box). */
  async checkTyping(): Promise<void> {
    await this.check();
  }

  protected async expectWordComplete(): Promise<void> {
    await expect.poll(() => this.page.locator('.typing-message').innerText()).toContain(this.ui.t('player.keyboard.complete', { button: this.ui.t('lesson.check') }));
  }

  // ---- the practice form ----

  /** The form page's heading: "Page N of M: title". */
  formHeading(title: string): Locator {
    return this.page.locator('.practice-portal h4').filter({ hasText: title });
  }

  async expectFormPage(current: number, total: number, title: string): Promise<void> {
    await expect.poll(() => this.formHeading(title).innerText().catch(() => '')).toBe(`${this.ui.t('player.form.pageOf', { current, total })} ${title}`);
  }

  protected field(label: string): Locator {
    return this.page.locator('.practice-portal').getByLabel(label);
  }

  async fillText(label: string, text: string): Promise<void> {
    await this.field(label).fill(text);
  }

  async chooseInList(label: string, option: string): Promise<void> {
    await this.field(label).selectOption({ label: option });
  }

  async tick(label: string): Promise<void> {
    await this.field(label).check();
  }

  /** The form's own buttons, which stand in the lesson's bottom row, always on the screen. */
  protected formButton(name: string): Locator {
    return this.page.locator('.lesson-screen').getByRole('button', { name, exact: true });
  }

  /** The form's own "Next" (or "Back to the review" after a "Change"). */
  async formNext(label = this.ui.t('player.form.next')): Promise<void> {
    await this.formButton(label).click();
  }

  /** Each answer on the review page, as the learner will read it. */
  async expectReview(rows: ReadonlyArray<readonly [label: string, shown: string]>): Promise<void> {
    await this.page.getByRole('heading', { name: `${this.ui.t('player.form.pageOf', { current: 3, total: 3 })} ${this.ui.t('player.form.reviewTitle')}` }).waitFor();
    const shown = await this.page.locator('.review-row').evaluateAll((r) => r.map((row) => [row.querySelector('dt').textContent, row.querySelector('dd > span').textContent]));
    expect(shown).toEqual(rows);
  }

  /** "Change" on the review page, which goes back to that field. */
  async change(fieldLabel: string): Promise<void> {
    await this.formButton(this.ui.t('player.form.changeField', { field: fieldLabel })).click();
    await this.formButton(this.ui.t('player.form.backToReview')).waitFor();
  }

  /** Writes more at the end of what a field already holds. */
  async appendText(label: string, more: string): Promise<void> {
    const field = this.field(label);
    await field.fill((await field.inputValue()) + more);
  }

  async sendForm(successTitle: string): Promise<void> {
    await this.formButton(this.ui.t('player.form.submit')).click();
    await this.expectFormSent(successTitle);
  }

  protected async expectFormSent(successTitle: string): Promise<void> {
    await this.page.getByRole('heading', { name: successTitle }).waitFor({ timeout: 10_000 });
    expect(await this.page.locator('.reference-number').innerText()).not.toBe('');
    await this.mainButton(this.ui.t('lesson.next')).waitFor();
  }

  async tickAll(items: readonly string[]): Promise<void> {
    for (const item of items) await this.page.getByRole('checkbox', { name: item, exact: true }).check();
    await this.expectTicked(items.length);
  }

  protected async expectTicked(count: number): Promise<void> {
    expect(await this.page.locator('.checklist-count').innerText()).toBe(this.ui.t('player.checklist.count', { done: count, count }));
  }

  // ---- the end ----

  get summaryHeading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.ui.t('lesson.completedTitle'), exact: true });
  }

  /**
   * "Lesson completed", every step done, and at the end of a course: the certificate is ready (with
   * the way to it), or, for a practice course, that it gives none.
   */
  async expectSummary(lessonTitle: string, steps: number, course: 'certificate' | 'practice'): Promise<void> {
    await this.summaryHeading.waitFor({ timeout: 10_000 });
    const summary = this.page.locator('.lesson-done');
    await summary.getByText(lessonTitle, { exact: true }).waitFor();
    await summary.getByText(this.ui.t('player.summary.stepsDone', { done: steps, count: steps }), { exact: true }).waitFor();
    await summary.getByText(this.ui.t('lesson.completedText'), { exact: true }).waitFor();
    // "★ " (hidden from screen readers) and the words.
    const said = course === 'certificate' ? 'player.summary.certificateReady' : 'player.summary.practiceDone';
    expect(await summary.locator('.certificate-ready').innerText()).toBe(`★ ${this.ui.t(said)}`);
    const open = summary.getByRole('button', { name: this.ui.t('player.summary.openCertificate'), exact: true });
    expect(await open.count()).toBe(course === 'certificate' ? 1 : 0);
  }
}

/** The same lesson, with keys only (Tab, Shift+Tab, Enter, Space, arrows, typing). */
export class KeyboardLessonPlayer extends LessonPlayer {
  readonly keys = new KeyboardUser(this.page);

  /** On each new step, focus goes to its "Step N of M" heading: the learner starts there. */
  override async expectStep(current: number, total: number): Promise<void> {
    await super.expectStep(current, total);
    await this.keys.expectFocusOn(this.stepHeading, `the heading “${this.ui.t('lesson.stepOf', { current, total })}”`);
  }

  override async next(): Promise<void> {
    await this.keys.activate(this.mainButton(this.ui.t('lesson.next')), `the “${this.ui.t('lesson.next')}” button`);
  }

  /** Where the last answer was checked from: the main button, or Enter in the typing box. */
  private checkedFrom: 'main button' | 'typing box' = 'main button';

  override async check(label = this.ui.t('lesson.check')): Promise<void> {
    await this.keys.activate(this.mainButton(label), `the “${label}” button`);
    this.checkedFrom = 'main button';
  }

  /** After a right answer the main button turns into "Next" and keeps focus: Enter goes on. */
  override async expectCorrect(packText?: string, message?: string): Promise<void> {
    await super.expectCorrect(packText, message);
    const next = this.ui.t('lesson.next');
    if (this.checkedFrom === 'main button') await this.keys.expectFocusOn(this.mainButton(next), `the “${next}” button, which was “${this.ui.t('lesson.check')}”`);
    else await this.keys.expectFocusOn(this.typingBox, 'the typing box');
  }

  /** Listen, pause, then listen again from the start. */
  override async listen(firstSentence: string): Promise<void> {
    const play = this.ui.t('player.audio.play');
    await this.keys.activate(this.audioButton(play), `“${play}”`);
    await this.expectListening(firstSentence);
    // The same button, now "Pause", keeps focus.
    await this.keys.expectFocusOn(this.audioButton(this.ui.t('player.audio.pause')), `“${this.ui.t('player.audio.pause')}”`);
    await this.keys.press('Enter');
    await this.expectPaused();
    const replay = this.ui.t('player.audio.replay');
    await this.keys.activate(this.audioButton(replay), `“${replay}”`);
    await this.expectListening(firstSentence);
  }

  /**
   * Arrow keys in the radio group. Tab into it (Shift+Tab when coming back from the main button)
   * and press Down until the option is chosen; Space chooses the first when none is yet.
   */
  override async chooseOne(option: string, options: { backwards?: boolean } = {}): Promise<void> {
    const radios = this.page.getByRole('radio');
    const wanted = this.page.getByRole('radio', { name: option, exact: true });
    await this.keys.tabTo(radios, 'the answers', options);
    const count = await radios.count();
    if (await this.keys.hasFocus(wanted)) await this.keys.press('Space');
    for (let presses = 0; !(await this.keys.hasFocus(wanted)); presses++) {
      if (presses === count) throw new Error(`arrow keys never reached the answer “${option}”; focus is on ${await this.keys.focused()}`);
      await this.keys.press('ArrowDown');
    }
    expect(await wanted.isChecked()).toBe(true);
  }

  /** Tab to each checkbox and press Space. */
  override async chooseSeveral(options: readonly string[]): Promise<void> {
    for (const option of options) {
      const box = this.page.getByRole('checkbox', { name: option, exact: true });
      await this.keys.tabTo(box, `the answer “${option}”`);
      await this.keys.press('Space');
      expect(await box.isChecked()).toBe(true);
    }
  }

  /** Enter on an item's "Move up" button; focus follows the item, so Enter again moves it again. */
  protected override async moveUp(item: string): Promise<void> {
    const button = this.moveUpButton(item);
    if (!(await this.keys.hasFocus(button))) await this.keys.tabTo(button, `“${this.ui.t('player.ordering.moveUpItem', { item })}”`);
    await this.keys.press('Enter');
  }

  /** Tab to each item's list and press Down until the right answer is chosen. */
  override async match(pairs: ReadonlyArray<readonly [left: string, right: string]>): Promise<void> {
    for (const [left, right] of pairs) {
      const list = this.matchList(left);
      await this.keys.tabTo(list, `the list for “${left}”`);
      await this.chooseWithArrows(list, right);
    }
    await this.expectMatched(pairs);
  }

  private async chooseWithArrows(list: Locator, option: string): Promise<void> {
    const chosen = () => list.evaluate((s) => s.selectedOptions[0]?.textContent ?? '');
    const count = await list.locator('option').count();
    for (let presses = 0; (await chosen()) !== option; presses++) {
      if (presses === count) throw new Error(`the Down key never chose “${option}” (chosen: “${await chosen()}”)`);
      await this.keys.press('ArrowDown');
    }
  }

  /** Enter on the focused target is a click. */
  protected override async clickOnce(): Promise<void> {
    const target = this.clickTarget();
    if (!(await this.keys.hasFocus(target))) await this.keys.tabTo(target, `the target “${this.ui.t('player.mouse.clickMe')}”`);
    await this.keys.press('Enter');
  }

  /** Types one wrong letter first: the player says which letter it wants, Backspace fixes it. */
  override async typeWord(word: string): Promise<void> {
    await this.expectWordShown(word);
    await this.keys.tabTo(this.typingBox, `the box “${this.ui.t('player.keyboard.typeHere')}”`);
    const letters = [...word];
    const half = Math.max(1, Math.floor(letters.length / 2));
    const expected = letters[half]!;
    const wrong = letters.find((l) => l !== expected) ?? (expected === 'x' ? 'y' : 'x');
    await this.keys.type(letters.slice(0, half).join('') + wrong);
    await expect.poll(() => this.page.locator('.typing-message').innerText()).toContain(this.ui.t('player.keyboard.mistake', { expected }));
    await this.keys.press('Backspace');
    await this.keys.type(letters.slice(half).join(''));
    await this.expectWordComplete();
  }

  /** Enter in the typing box checks the answer, as the main button would; focus stays in the box. */
  override async checkTyping(): Promise<void> {
    expect(await this.keys.hasFocus(this.typingBox), 'focus is in the typing box').toBe(true);
    await this.keys.press('Enter');
    this.checkedFrom = 'typing box';
  }

  override async fillText(label: string, text: string): Promise<void> {
    await this.keys.tabTo(this.field(label), `the field “${label}”`);
    await this.keys.type(text);
  }

  override async chooseInList(label: string, option: string): Promise<void> {
    const list = this.field(label);
    await this.keys.tabTo(list, `the list “${label}”`);
    await this.chooseWithArrows(list, option);
  }

  override async tick(label: string): Promise<void> {
    const box = this.field(label);
    await this.keys.tabTo(box, `the box “${label}”`);
    await this.keys.press('Space');
    expect(await box.isChecked()).toBe(true);
  }

  /** Enter in a text field goes to the next page; elsewhere, Tab to the form's button. */
  override async formNext(label = this.ui.t('player.form.next')): Promise<void> {
    const inTextField = await this.page.evaluate(() => {
      const element = (globalThis as any).document.activeElement;
      return element?.tagName === 'INPUT' && element.type === 'text' && element.closest('form') !== null;
    });
    if (inTextField) await this.keys.press('Enter');
    else await this.keys.activate(this.formButton(label), `the form's “${label}” button`);
  }

  /** Focus goes to the heading of each new form page (the first comes with the step's heading). */
  override async expectFormPage(current: number, total: number, title: string): Promise<void> {
    await super.expectFormPage(current, total, title);
    if (current > 1) await this.keys.expectFocusOn(this.formHeading(title), `the heading of the form page “${title}”`);
  }

  /** "Change" goes back to the field and puts focus in it. */
  override async change(fieldLabel: string): Promise<void> {
    const label = this.ui.t('player.form.changeField', { field: fieldLabel });
    await this.keys.activate(this.formButton(label), `“${label}”`);
    await this.keys.expectFocusOn(this.field(fieldLabel), `the field “${fieldLabel}”`);
  }

  /** End, then type the rest (focus must already be in the field). */
  override async appendText(label: string, more: string): Promise<void> {
    await this.keys.tabTo(this.field(label), `the field “${label}”`);
    await this.keys.press('End');
    await this.keys.type(more);
  }

  override async sendForm(successTitle: string): Promise<void> {
    await this.keys.activate(this.formButton(this.ui.t('player.form.submit')), `“${this.ui.t('player.form.submit')}”`);
    await this.expectFormSent(successTitle);
    await this.keys.expectFocusOn(this.page.getByRole('heading', { name: successTitle }), `the heading “${successTitle}”`);
  }

  override async tickAll(items: readonly string[]): Promise<void> {
    for (const item of items) {
      const box = this.page.getByRole('checkbox', { name: item, exact: true });
      await this.keys.tabTo(box, `the item “${item}”`);
      await this.keys.press('Space');
    }
    await this.expectTicked(items.length);
  }

  /** Focus goes to the summary's heading. */
  override async expectSummary(lessonTitle: string, steps: number, course: 'certificate' | 'practice'): Promise<void> {
    await super.expectSummary(lessonTitle, steps, course);
    await this.keys.expectFocusOn(this.summaryHeading, 'the summary heading');
  }
}

/** "My certificates" in the top bar, the list, and one certificate's page. */
export class Certificates {
  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
  ) {}

  /** "My certificates" on the courses screen: the list, empty or not. */
  async openList(): Promise<void> {
    await this.page.getByRole('button', { name: this.ui.t('profiles.certificates.button'), exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: this.ui.t('profiles.certificates.title'), exact: true }).waitFor();
  }

  async expectNone(): Promise<void> {
    await this.openList();
    await this.page.getByText(this.ui.t('profiles.certificates.empty'), { exact: true }).waitFor();
  }

  async open(courseTitle: string): Promise<void> {
    await this.openList();
    const row = this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: courseTitle, exact: true }) });
    await row.getByText(this.ui.t('profiles.certificates.issuedOn', { date: '' }).trim()).waitFor();
    await row.getByRole('button', { name: `${this.ui.t('profiles.certificates.open')}: ${courseTitle}`, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: this.ui.t('profiles.certificate.heading'), exact: true }).waitFor();
  }

  /** What the certificate says: whose it is, for which course, and the code that proves it. */
  async read(): Promise<{ name: string; course: string; code: string; codeLabel: string }> {
    const certificate = this.page.getByRole('article');
    await certificate.getByText(this.ui.t('profiles.certificate.certifies'), { exact: true }).waitFor();
    await certificate.getByText(this.ui.t('profiles.certificate.completed'), { exact: true }).waitFor();
    return {
      name: await certificate.locator('.certificate-name').innerText(),
      course: await certificate.locator('.certificate-course').innerText(),
      // textContent: the stylesheet writes the label in capitals.
      codeLabel: (await certificate.getByRole('term').filter({ hasText: this.ui.t('profiles.certificate.code') }).textContent()) ?? '',
      code: await certificate.locator('.certificate-code').innerText(),
    };
  }
}
