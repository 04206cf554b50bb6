import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { KeyboardLayout } from '../../core/contract';
import { callHttpOk } from '../support/api';
import { bundledManifest } from '../support/bundled-sources';
import { launchChromium } from '../support/chromium';
import { startInProcessHost } from '../support/in-process-host';
import { TEST_ADMIN } from '../support/set-up';
import { learnerAt, openAs, type StepPlace } from './pages/at-step';
import { Ui } from './pages/player';

/*
 * The Kyrgyz keyboard practice on the site's own keyboard: Windows' "Kyrgyz Cyrillic" (ө ң ү on
 * the right Alt key) or the Kyrgyz standard layout of Linux (ө, ң, ү on their own keys). The
 * bundled lesson's «мөңгү» has all three letters. A learner taught the other keyboard presses the
 * other keyboard's key: on Windows, the minus key for ө gives "-", and is told what to do instead.
 */
const pack = bundledManifest('kg.ayil.first-steps');
const lesson = pack.courses.find((c) => c.id === 'computer-basics')!.lessons.find((l) => l.id === 'the-keyboard')!;
const index = lesson.steps.findIndex((s) => s.id === 'type-kyrgyz-letters');
const place: StepPlace = { packId: pack.id, lessonId: lesson.id, lesson, index, step: lesson.steps[index]!, language: 'ky', defaultLanguage: pack.defaultLanguage };
const ui = new Ui('ky');

describe('the Kyrgyz keyboard practice on both layouts (Debian Chromium, browser host)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A kiosk (closed after each test) whose PCs have `layout`, and a learner at the practice. */
  async function practiseOn(layout: KeyboardLayout, name: string): Promise<Page> {
    const host = await startInProcessHost();
    const adminToken = (await callHttpOk<{ token: string }>(host.url, 'staff.login', TEST_ADMIN)).token;
    const settings = await callHttpOk(host.url, 'settings.get', {}, adminToken);
    await callHttpOk(host.url, 'settings.update', { ...settings, keyboardLayout: layout }, adminToken);
    const session = await learnerAt(host.url, place, name);
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(host.url);
    await openAs(page, session, { packId: place.packId, lessonId: place.lessonId }, { textSize: 'normal', highContrast: false });
    await page.locator('.keyboard-step').waitFor();
    expect(await page.locator('.on-screen-keyboard').getAttribute('data-layout')).toBe(layout);
    return page;
  }

  const box = (page: Page) => page.getByLabel(ui.t('player.keyboard.typeHere'), { exact: true });
  const nextKey = (page: Page) => page.locator('.next-key');
  const message = (page: Page) => page.locator('.typing-message [role="status"]');
  /** The marked keys of the on-screen keyboard, by what is printed on them. */
  const marked = (page: Page) => page.locator('.on-screen-keyboard .key.next').allInnerTexts();

  it('on Windows, says to hold the right Alt key for ө, ң and ү, and explains a "-" typed for ө', async () => {
    const page = await practiseOn('windows', 'Айгүл Windows');
    expect(await nextKey(page).innerText()).toBe(ui.t('player.keyboard.nextKey', { key: 'м' }));
    for (const [typed, letter, base] of [['м', 'ө', 'О'], ['мө', 'ң', 'Н'], ['мөңг', 'ү', 'У']] as const) {
      await box(page).fill(typed);
      await expect.poll(() => nextKey(page).innerText()).toBe(ui.t('player.keyboard.nextKeyAltGr', { key: letter, base }));
      // The letter's key and the right Alt key are both marked.
      const keys = await marked(page);
      expect(keys.some((k) => k.includes(letter) && k.toLowerCase().includes(base.toLowerCase())), `the key with ${letter} marked: ${keys.join(' | ')}`).toBe(true);
      expect(keys).toContain(ui.t('player.keyboard.altGr'));
    }
    // Taught on the Kyrgyz standard keyboard, the learner presses the minus key for ө.
    await box(page).fill('м-');
    await expect.poll(() => message(page).innerText()).toContain(ui.t('player.keyboard.otherLayoutAltGr', { expected: 'ө', typed: '-', base: 'О' }));
    expect(await page.locator('.on-screen-keyboard .key.backspace.next').count()).toBe(1);
    await page.close();
  }, 60_000);

  it('on the Kyrgyz standard layout, shows ө, ң and ү on their own keys with no Alt key', async () => {
    const page = await practiseOn('linux', 'Айгүл Linux');
    for (const [typed, letter] of [['м', 'ө'], ['мө', 'ң'], ['мөңг', 'ү']] as const) {
      await box(page).fill(typed);
      await expect.poll(() => nextKey(page).innerText()).toBe(ui.t('player.keyboard.nextKey', { key: letter }));
      const keys = await marked(page);
      expect(keys.some((k) => k.toLocaleLowerCase('ky').includes(letter)), `the key with ${letter} marked: ${keys.join(' | ')}`).toBe(true);
      expect(keys).not.toContain(ui.t('player.keyboard.altGr'));
    }
    // Taught on Windows, the learner presses the О key (without the right Alt key) for ө.
    await box(page).fill('мо');
    await expect.poll(() => message(page).innerText()).toContain(ui.t('player.keyboard.otherLayoutKey', { expected: 'ө', typed: 'о' }));
    // And typed right, the word is done.
    await box(page).fill('мөңгү');
    await expect.poll(() => message(page).innerText()).toContain(ui.t('player.keyboard.complete', { button: ui.t('lesson.check') }));
    await page.close();
  }, 60_000);
});
