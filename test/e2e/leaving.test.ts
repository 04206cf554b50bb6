import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ky from '../../renderer/src/i18n/locales/ky.json';
import kyProfiles from '../../renderer/src/i18n/locales/profiles/ky.json';
import { expectNoSeriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { CoursesScreen, LanguageScreen, PickerScreen } from './pages/kiosk';

const LESSON = 'Компьютердин бөлүктөрү';
const greetingOf = (name: string) => ky.session.greeting.replace('{{name}}', name);

/** The page's whole text: what anyone at the screen could read, or reach with the Back button. */
const screenText = (page: Page) => page.locator('body').innerText();

describe('leaving a shared PC safely (Debian Chromium against the browser host)', () => {
  let browser: Browser;
  let host: HostProcess;
  let dataDir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    // One host for the file: its folder outlives each test (tempDir() would clean it after the first).
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-leaving-'));
    host = await startHostProcess(dataDir);
  });
  afterAll(async () => {
    await host?.stop();
    await browser?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs an idle learner out after the site’s timeout, with a 30-second countdown any key cancels, and Back shows nothing of them', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.clock.install(); // the test moves the page's clock instead of waiting five minutes
    await page.goto(host.url);
    const picker = await new LanguageScreen(page).choose('Кыргызча');
    await expectNoSeriousViolations(page, 'the learner picker');
    const courses = await (await picker.newLearner()).create('Бектур', ky.avatar.mountain);
    const lesson = await courses.openLesson(LESSON);
    await lesson.next();
    await lesson.answer('Чычкан');
    expect(await lesson.feedback()).toBe(ky.lesson.wrong);
    await expect.poll(() => screenText(page)).toContain(greetingOf('Бектур'));

    // Idle for 4½ minutes: the warning counts down the last 30 seconds.
    await page.clock.runFor(271_000);
    const warning = page.getByRole('heading', { name: kyProfiles.idle.title });
    await warning.waitFor();
    expect(await screenText(page)).toMatch(/\d+ секунд/);
    await page.keyboard.press('Shift'); // any key means "I'm here"
    await warning.waitFor({ state: 'detached' });
    expect(await lesson.feedback()).toBe(ky.lesson.wrong); // still in the lesson, nothing lost

    // Left alone the whole timeout: logged out, back at the picker.
    await page.clock.runFor(301_000);
    await new PickerScreen(page).isShown();
    const after = await screenText(page);
    expect(after).not.toContain(greetingOf('Бектур'));
    expect(after).not.toContain(ky.lesson.wrong);
    expect(await page.evaluate(() => (globalThis as unknown as { history: { length: number } }).history.length)).toBeLessThanOrEqual(2);

    // The browser's Back and Forward lead to nothing of the learner's.
    await page.goBack().catch(() => null);
    expect(await screenText(page).catch(() => '')).not.toContain(greetingOf('Бектур'));
    await page.goForward().catch(() => null);
    await new PickerScreen(page).isShown();
    const forward = await screenText(page);
    expect(forward).not.toContain(greetingOf('Бектур'));
    expect(forward).not.toContain(ky.lesson.wrong);
    expect(forward).not.toContain(ky.courses.title);
    await context.close();
  }, 90_000);

  it('keeps nothing of a guest after “Finish”: no profile, no progress, nothing behind Back', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(host.url);
    await new PickerScreen(page).isShown();
    await page.getByRole('button', { name: new RegExp(kyProfiles.picker.guest) }).click();
    const courses = new CoursesScreen(page);
    await courses.isShown();
    expect(await screenText(page)).toContain(kyProfiles.guest.greeting);
    const lesson = await courses.openLesson(LESSON);
    await lesson.next();
    await lesson.answer('Клавиатура');
    expect(await lesson.feedback()).toContain(ky.lesson.correct);

    await page.getByRole('button', { name: ky.session.finish }).click();
    await new PickerScreen(page).isShown();
    expect(await screenText(page)).not.toContain(kyProfiles.guest.greeting);
    // In the database: no guest profile, and no progress of anyone who is not a saved learner.
    const db = new Database(path.join(dataDir, 'ayil.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM learners WHERE guest = 1').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM step_progress WHERE learner_id NOT IN (SELECT id FROM learners)').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM step_progress WHERE step_id = 'which-part-types'").get()).toEqual({ n: 0 });
    db.close();

    await page.goBack().catch(() => null);
    expect(await screenText(page).catch(() => '')).not.toContain(ky.lesson.correct);
    await context.close();
  }, 60_000);
});
