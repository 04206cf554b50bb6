import { describe, expect, it } from 'vitest';
import type { Language } from '../../core/contract';
import { bundledManifest } from '../support/bundled-sources';

const manifest = bundledManifest('kg.ayil.first-steps');
import { expectNoSeriousViolations } from '../support/axe';
import { hostAndChromium } from '../support/host-and-chromium';
import { Certificates, KeyboardUser, KioskEntrance, Ui, type Input } from './pages/player';

/*
 * The practice tour of the bundled pack kg.ayil.first-steps: one course, one lesson, one step of
 * each of the twelve kinds. Finishing it finishes the course, which is only practice: the lesson's
 * end says so, and no certificate is issued (keyboard-to-certificate.test.ts gets one).
 * Every text the tests look for comes from the pack's manifest or the interface's catalogues.
 */
type Text = Partial<Record<Language, string>>;
const course = manifest.courses.find((c) => c.id === 'practice-tour')!;
const lesson = course.lessons.find((l) => l.id === 'every-step')!;
const steps = lesson.steps as ReadonlyArray<{ id: string; kind: string } & Record<string, any>>;
const step = (id: string) => steps.find((s) => s.id === id)!;
const byId = (list: ReadonlyArray<{ id: string; text: Text }>, id: string) => list.find((item) => item.id === id)!.text;

const KINDS = ['text', 'image', 'audio', 'video', 'single-choice', 'multiple-choice', 'ordering', 'matching', 'mouse', 'keyboard', 'form', 'checklist'];

// The right answers (the wrong one tried first is the single choice's "tell them the code").
const SINGLE = { wrong: 'tell-the-code', right: 'end-the-call' };
const SEVERAL = ['random-mix', 'three-words'];
const ORDER = ['press-power-button', 'wait-for-start', 'type-password', 'open-program'];
const MATCHES = [
  ['bin-icon', 'keeps-deleted-files'],
  ['printer-icon', 'prints-on-paper'],
  ['magnifier-icon', 'finds-things'],
] as const;
// Copied from the made-up person's card beside the form (the form refuses anything else).
const cardValue = (id: string): string => step('residence-certificate').card.rows.find((row: { id: string }) => row.id === id).value;
const FULL_NAME = cardValue('name');
const PERSONAL_NUMBER = cardValue('pin');
// The district chosen first, and the one it is changed to from the review page.
const DISTRICT = { first: 'alamudun', changed: 'sokuluk' };

interface Run {
  language: Language;
  input: Input;
  learner: string;
  avatar: 'flower' | 'mountain' | 'sun';
}

describe('the practice tour with every step kind, in Kyrgyz, Russian and English (Debian Chromium against the browser host)', () => {
  const kiosk = hostAndChromium('tour');

  /**
   * One learner, from a fresh browser profile: language, new profile, the whole lesson (one wrong
   * answer on the way, explained beside the answer chosen), the summary, then no certificate. axe
   * runs on every step before it is answered, on the summary and on the certificates list.
   */
  async function completeTheTour({ language, input, learner, avatar }: Run): Promise<void> {
    const ui = new Ui(language);
    const text = (localized: Text) => localized[language]!;
    const context = await kiosk.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      await page.goto(kiosk.host.url);

      const entrance = new KioskEntrance(page, ui);
      await entrance.chooseLanguage();
      const courses = await entrance.createLearner(learner, avatar);
      await page.getByRole('heading', { name: text(course.title), exact: true }).waitFor();

      // From here to the summary, the keyboard run presses keys only.
      const keys = new KeyboardUser(page);
      if (input === 'keyboard') await keys.watchForPointerPresses();
      const player = await courses.openLesson(text(lesson.title), input);
      const total = steps.length;
      expect(steps.map((s) => s.kind)).toEqual(KINDS);
      let current = 0;
      const arriveAt = async (kind: string) => {
        current++;
        await player.expectStep(current, total);
        expect(steps[current - 1]!.kind).toBe(kind);
      };
      const axe = (where: string) => expectNoSeriousViolations(page, `${where} (${language}, ${input})`);

      // 1. text: Markdown, with the pack's heading
      await arriveAt('text');
      const welcome = text(step('welcome').body).split('\n')[0]!.replace(/^## /, '');
      await page.locator('.text-step').getByRole('heading', { name: welcome, exact: true }).waitFor();
      await axe('the text step');
      await player.next();

      // 2. image, described in the language
      await arriveAt('image');
      await player.expectImage(text(step('computer-picture').alt), text(step('computer-picture').caption));
      await axe('the image step');
      await player.next();

      // 3. audio: the recording in the language plays, pauses and plays again from the start
      await arriveAt('audio');
      const narration = step('safety-narration');
      const transcript: string[] = narration.transcript[language];
      await player.expectAudio(text(narration.title), transcript);
      await axe('the audio step');
      await player.listen(transcript[0]!);
      await player.next();

      // 4. video with captions in the language
      await arriveAt('video');
      await player.expectVideo(text(step('click-video').description));
      await axe('the video step');
      await player.next();

      // 5. single choice: a wrong answer first, said once by the player, and the pack's reason beside the answer
      await arriveAt('single-choice');
      const phone = step('phone-code');
      await page.getByRole('group', { name: text(phone.question), exact: true }).waitFor();
      await axe('the single-choice step');
      await player.chooseOne(text(byId(phone.options, SINGLE.wrong)));
      await player.check();
      await player.expectWrong(ui.t('lesson.wrong'));
      const wrongOption = phone.options.find((o: { id: string }) => o.id === SINGLE.wrong);
      await player.expectMark(text(wrongOption.text), 'wrong', text(wrongOption.explain));
      await axe('the single-choice step after a wrong answer');
      await player.chooseOne(text(byId(phone.options, SINGLE.right)), { backwards: true });
      await player.check();
      await player.expectCorrect(text(phone.feedback.correct));
      await player.next();

      // 6. multiple choice
      await arriveAt('multiple-choice');
      const passwords = step('safe-passwords');
      await page.getByRole('group', { name: text(passwords.question), exact: true }).waitFor();
      await axe('the multiple-choice step');
      await player.chooseSeveral(SEVERAL.map((id) => text(byId(passwords.options, id))));
      await player.check();
      await player.expectCorrect(text(passwords.feedback.correct));
      await player.next();

      // 7. ordering, with "Move up" (focus follows the item; the live region says where it went)
      await arriveAt('ordering');
      const switchOn = step('switch-on-computer');
      await page.getByRole('group', { name: text(switchOn.prompt), exact: true }).waitFor();
      await axe('the ordering step');
      await player.putInOrder(ORDER.map((id) => text(byId(switchOn.items, id))));
      await player.check();
      await player.expectCorrect();
      await player.next();

      // 8. matching, one list per icon
      await arriveAt('matching');
      const icons = step('icons-and-jobs');
      await page.getByRole('group', { name: text(icons.prompt), exact: true }).waitFor();
      await axe('the matching step');
      await player.match(MATCHES.map(([left, right]) => [text(byId(icons.left, left)), text(byId(icons.right, right))] as const));
      await player.check();
      await player.expectCorrect();
      await player.next();

      // 9. mouse practice: click the target twice; the step is done by itself
      await arriveAt('mouse');
      const clicks = step('click-twice');
      await page.getByRole('heading', { name: text(clicks.instruction), exact: true }).waitFor();
      await axe('the mouse step');
      await player.practiseClicks(clicks.repetitions);
      await player.next();

      // 10. keyboard practice: the word in the language
      await arriveAt('keyboard');
      const hello = step('type-hello');
      await page.getByRole('heading', { name: text(hello.instruction), exact: true }).waitFor();
      await axe('the keyboard step');
      await player.typeWord(text(hello.target));
      await player.checkTyping();
      await player.expectCorrect();
      await player.next();

      // 11. practice e-service form: two pages, the review (with one "Change"), then sent
      await arriveAt('form');
      const form = step('residence-certificate');
      const [aboutYou, request] = form.pages;
      const label = (page: { fields: Array<{ id: string; label: Text }> }, id: string) => text(page.fields.find((f) => f.id === id)!.label);
      const district = request.fields.find((f: { id: string }) => f.id === 'district');
      await page.getByRole('heading', { name: text(form.service), exact: true }).waitFor();
      await page.getByText(ui.t('player.form.practiceText')).waitFor();
      await player.expectFormPage(1, 3, text(aboutYou.title));
      await axe('the form step');
      await player.fillText(label(aboutYou, 'full-name'), FULL_NAME);
      await player.fillText(label(aboutYou, 'personal-number'), PERSONAL_NUMBER);
      await player.formNext();
      await player.expectFormPage(2, 3, text(request.title));
      await player.chooseInList(label(request, 'district'), text(byId(district.options, DISTRICT.first)));
      await player.tick(label(request, 'agree-terms'));
      await player.formNext();
      const review = (districtId: string) =>
        [
          [label(aboutYou, 'full-name'), FULL_NAME],
          [label(aboutYou, 'personal-number'), PERSONAL_NUMBER],
          [label(request, 'district'), text(byId(district.options, districtId))],
          [label(request, 'agree-terms'), ui.t('player.form.yes')],
          [label(request, 'birth-date'), ui.t('player.form.empty')],
        ] as const;
      await player.expectReview(review(DISTRICT.first));
      await player.change(label(request, 'district'));
      await player.chooseInList(label(request, 'district'), text(byId(district.options, DISTRICT.changed)));
      await player.formNext(ui.t('player.form.backToReview'));
      await player.expectReview(review(DISTRICT.changed));
      await player.sendForm(text(form.success.title));
      await player.next();

      // 12. checklist: tick everything
      await arriveAt('checklist');
      const canDo = step('what-i-can-do');
      await page.getByRole('group', { name: text(canDo.title), exact: true }).waitFor();
      await axe('the checklist step');
      await player.tickAll(canDo.items.map((item: { text: Text }) => text(item.text)));
      await player.check(ui.t('player.checklist.finish'));
      await player.expectCorrect(undefined, ui.t('player.checklist.done'));
      await player.next();

      // The summary: lesson and course done; the tour is practice, so it says there is no certificate.
      await player.expectSummary(text(lesson.title), total, 'practice');
      if (input === 'keyboard') expect(await keys.pointerPresses(), 'mouse presses during the keyboard-only run').toEqual([]);
      await axe('the lesson summary');
      await page.getByRole('button', { name: ui.t('lesson.back'), exact: true }).click();
      await courses.isShown();
      const certificates = new Certificates(page, ui);
      await certificates.expectNone();
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      await axe('the empty list of certificates');

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }

  it(
    'a learner completes every step kind in Kyrgyz with the mouse and is told the practice tour gives no certificate; every step, the summary and the certificates list pass axe',
    () => completeTheTour({ language: 'ky', input: 'pointer', learner: 'Гүлнара Осмонова', avatar: 'flower' }),
    120_000,
  );

  it(
    'a learner completes every step kind in Russian with the keyboard only (not one mouse press from the courses screen to the summary); every step, the summary and the certificates list pass axe',
    () => completeTheTour({ language: 'ru', input: 'keyboard', learner: 'Бермет Токтогулова', avatar: 'mountain' }),
    120_000,
  );

  it(
    'a learner completes every step kind in English with the mouse and is told the practice tour gives no certificate; every step, the summary and the certificates list pass axe',
    () => completeTheTour({ language: 'en', input: 'pointer', learner: 'Aibek Sadykov', avatar: 'sun' }),
    120_000,
  );
});
