import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ky from '../../renderer/src/i18n/locales/ky.json';
import kyPlayer from '../../renderer/src/i18n/locales/player/ky.json';
import kyProfiles from '../../renderer/src/i18n/locales/profiles/ky.json';
import { expectNoSeriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { CoursesScreen, LanguageScreen, PickerScreen, signOut } from './pages/kiosk';

const LESSON = 'Компьютердин бөлүктөрү';
/** The lesson's third step is a matching: "Check" with nothing chosen says to choose first. */
const CHOOSE_FIRST = kyPlayer.matching.chooseFirst;
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

  it('logs an idle learner out after the site’s timeout, with a 30-second countdown any key cancels; the picker says why, and Back, Forward and a reload show nothing of them', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.clock.install(); // the test moves the page's clock instead of waiting five minutes
    await page.goto(host.url);
    const picker = await new LanguageScreen(page).choose('Кыргызча');
    await expectNoSeriousViolations(page, 'the learner picker');
    const courses = await (await picker.newLearner()).create('Бектур', ky.avatar.mountain);
    const lesson = await courses.openLesson(LESSON);
    await lesson.next();
    await lesson.next();
    await page.getByRole('button', { name: ky.lesson.check }).click();
    expect(await lesson.feedback()).toBe(CHOOSE_FIRST);
    await expect.poll(() => screenText(page)).toContain(greetingOf('Бектур'));

    // Idle for 4½ minutes: the warning counts down the last 30 seconds.
    await page.clock.runFor(271_000);
    const warning = page.getByRole('heading', { name: kyProfiles.idle.title });
    await warning.waitFor();
    expect(await screenText(page)).toMatch(/\d+ секунд/);
    await page.keyboard.press('Shift'); // any key means "I'm here"
    await warning.waitFor({ state: 'detached' });
    expect(await lesson.feedback()).toBe(CHOOSE_FIRST); // still in the lesson, nothing lost

    // Left alone the whole timeout: logged out, back at the picker, which says why.
    await page.clock.runFor(301_000);
    await new PickerScreen(page).isShown();
    await page.getByText(kyProfiles.picker.signedOutIdle, { exact: true }).waitFor();
    const after = await screenText(page);
    expect(after).not.toContain(greetingOf('Бектур'));
    expect(after).not.toContain(CHOOSE_FIRST);
    // The page's history holds the app once, plus the one entry that lets Back go to the previous
    // step in a lesson; neither says anything about anyone.
    const history = await page.evaluate(() => {
      const { history } = globalThis as unknown as { history: { length: number; state: unknown } };
      return { length: history.length, state: JSON.stringify(history.state) };
    });
    expect(history.length).toBeLessThanOrEqual(3);
    expect(history.state).not.toContain('Бектур');

    // A reload does not bring them back: the idle logout ended the tab's session too.
    await page.reload();
    await new PickerScreen(page).isShown();
    expect(await screenText(page)).not.toContain(greetingOf('Бектур'));

    // The browser's Back and Forward lead to nothing of the learner's.
    await page.goBack().catch(() => null);
    expect(await screenText(page).catch(() => '')).not.toContain(greetingOf('Бектур'));
    await page.goForward().catch(() => null);
    await new PickerScreen(page).isShown();
    const forward = await screenText(page);
    expect(forward).not.toContain(greetingOf('Бектур'));
    expect(forward).not.toContain(CHOOSE_FIRST);
    expect(forward).not.toContain(ky.courses.title);
    await context.close();
  }, 90_000);

  it('keeps nothing of a guest after “Sign out”: no profile, no progress, nothing behind Back', async () => {
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
    await lesson.next();
    await page.getByRole('button', { name: ky.lesson.check }).click();
    expect(await lesson.feedback()).toBe(CHOOSE_FIRST);

    // The question before signing out tells a guest that what they did goes.
    await signOut(page, false);
    await new PickerScreen(page).isShown();
    expect(await screenText(page)).not.toContain(kyProfiles.guest.greeting);
    // In the database: no guest profile, and no progress of anyone who is not a saved learner.
    const db = new Database(path.join(dataDir, 'ayil.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM learners WHERE guest = 1').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM step_progress WHERE learner_id NOT IN (SELECT id FROM learners)').get()).toEqual({ n: 0 });
    // What is left is Бектур's, from the test before: nothing of the guest's two steps.
    expect(db.prepare("SELECT count(*) AS n FROM step_progress WHERE learner_id NOT IN (SELECT id FROM learners WHERE display_name = 'Бектур')").get()).toEqual({ n: 0 });
    db.close();

    await page.goBack().catch(() => null);
    expect(await screenText(page).catch(() => '')).not.toContain(CHOOSE_FIRST);
    await context.close();
  }, 60_000);
});
