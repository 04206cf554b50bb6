import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { callHttpOk } from '../support/api';
import { bundledManifest } from '../support/bundled-sources';
import { launchChromium } from '../support/chromium';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { Ui } from './pages/player';
import { StepDoer } from './pages/steps';

/*
 * Finding yourself, leaving and coming back: no picture chosen in advance, a warning (with the
 * other profile's picture) for a name someone here already has, a long name said too long rather
 * than cut, the birth year by decade, the PIN typed twice; "Sign out" asks first; a reload keeps
 * the learner in (the tab keeps the session) while a new tab does not; the browser's Back goes to
 * the previous step of a lesson.
 */
const ui = new Ui('ky');
const pack = bundledManifest('kg.ayil.first-steps');
const lesson = pack.courses.flatMap((c) => c.lessons).find((l) => l.id === 'parts-of-a-computer')!;

describe('finding yourself, leaving and coming back (Debian Chromium against the browser host)', () => {
  let browser: Browser;
  let host: HostProcess;
  let dataDir: string;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-e2e-coming-back-'));
    [host, browser] = await Promise.all([startHostProcess(dataDir), launchChromium()]);
    await callHttpOk(host.url, 'kiosk.setLanguage', { language: 'ky' });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), host?.stop()]);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const picker = () => page.getByRole('heading', { name: ui.t('picker.title'), exact: true });
  const courses = () => page.getByRole('heading', { level: 1, name: ui.t('courses.title'), exact: true });
  const names = async () => (await callHttpOk<Array<{ displayName: string }>>(host.url, 'learners.list', {})).map((l) => l.displayName);

  async function startNewProfile(name: string): Promise<void> {
    await page.getByRole('button', { name: ui.t('picker.newLearner'), exact: true }).click();
    await page.getByRole('heading', { name: ui.t('newLearner.title'), exact: true }).waitFor();
    await page.getByLabel(ui.t('newLearner.nameLabel'), { exact: true }).fill(name);
  }

  async function signOut(): Promise<void> {
    await page.getByRole('button', { name: ui.t('profiles.signOut.button'), exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: ui.t('profiles.signOut.confirm'), exact: true }).click();
    await picker().waitFor();
  }

  it('chooses no picture in advance, says a long name is too long instead of cutting it, asks the PIN twice, and asks the birth year by decade', async () => {
    await page.goto(host.url);
    await picker().waitFor();
    const long = 'Айгүл Асанова Токтогуловна Жусупбекова Ысык-Көл';
    await startNewProfile(long);
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(1); // only "no protection"
    expect(await page.getByLabel(ui.t('newLearner.nameLabel'), { exact: true }).inputValue()).toBe(long);
    await page.getByText(ui.t('profiles.newLearner.nameCount', { length: long.length, max: 40 }), { exact: true }).waitFor();
    await page.getByRole('button', { name: ui.t('newLearner.create'), exact: true }).click();
    await page.getByText(ui.t('profiles.newLearner.nameTooLong', { max: 40 }), { exact: true }).waitFor();

    // A name that fits, but no picture yet: asked for, nothing created.
    await page.getByLabel(ui.t('newLearner.nameLabel'), { exact: true }).fill('Айгүл');
    await page.getByRole('button', { name: ui.t('newLearner.create'), exact: true }).click();
    await page.getByText(ui.t('profiles.newLearner.avatarRequired'), { exact: true }).waitFor();
    expect(await names()).toEqual([]);
    await page.getByRole('radio', { name: ui.t('avatar.flower'), exact: true }).check();

    // The PIN, twice: two different ones are refused and the second asked again.
    await page.getByRole('radio', { name: ui.t('profiles.secret.pin') }).check();
    await page.getByLabel(ui.t('profiles.secret.pinChoose'), { exact: true }).fill('2468');
    await page.getByLabel(ui.t('profiles.secret.pinAgain'), { exact: true }).fill('2486');
    await page.getByRole('button', { name: ui.t('newLearner.create'), exact: true }).click();
    await page.getByText(ui.t('profiles.secret.pinMismatch'), { exact: true }).waitFor();
    expect(await page.getByLabel(ui.t('profiles.secret.pinAgain'), { exact: true }).inputValue()).toBe('');
    expect(await names()).toEqual([]);
    await page.getByLabel(ui.t('profiles.secret.pinAgain'), { exact: true }).fill('2468');
    await page.getByRole('button', { name: ui.t('newLearner.create'), exact: true }).click();

    // The birth year: the decade, then the year in it.
    await page.getByRole('heading', { name: ui.t('profiles.questions.title'), exact: true }).waitFor();
    expect(await page.getByRole('radio', { name: '1970–1979', exact: true }).count()).toBe(1);
    expect(await page.getByRole('radio', { name: '1975', exact: true }).count()).toBe(0);
    await page.getByRole('radio', { name: '1970–1979', exact: true }).check();
    await page.getByRole('radio', { name: '1975', exact: true }).check();
    await page.getByRole('radio', { name: ui.t('profiles.questions.female'), exact: true }).check();
    await page.getByRole('button', { name: ui.t('profiles.questions.save'), exact: true }).click();
    await courses().waitFor();
    const token = await page.evaluate(() => JSON.parse((globalThis as any).sessionStorage.getItem('ayil.session')).token as string);
    expect(await callHttpOk(host.url, 'learner.me', {}, token)).toMatchObject({ birthYear: 1975, gender: 'female' });
    await signOut();
  });

  it('warns, with her picture, that someone already has the name: “It is me” opens her profile, “It is not me” lets a new one be made', async () => {
    await startNewProfile(' айгүл ');
    const warning = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: ui.t('profiles.newLearner.sameNameTitle'), exact: true }) });
    await warning.waitFor();
    expect(await warning.locator('.same-name-list li').innerText()).toBe('Айгүл');
    expect(await warning.locator('.same-name-list li svg').count()).toBe(1);
    // "Start learning" while the warning stands creates nothing: it points at the warning.
    await page.getByRole('radio', { name: ui.t('avatar.sun'), exact: true }).check();
    await page.getByRole('button', { name: ui.t('newLearner.create'), exact: true }).click();
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('same-name-open');
    expect(await names()).toEqual(['Айгүл']);

    // It is her: her profile asks for her PIN.
    await warning.getByRole('button', { name: ui.t('profiles.newLearner.itIsMe'), exact: true }).click();
    await page.getByLabel(ui.t('profiles.unlock.pinPrompt'), { exact: true }).fill('2468');
    await page.getByRole('button', { name: ui.t('profiles.unlock.submit'), exact: true }).click();
    await courses().waitFor();
    await signOut();

    // Another Айгүл: said once, then made.
    await startNewProfile('Айгүл');
    await warning.waitFor();
    await warning.getByRole('button', { name: ui.t('profiles.newLearner.notMe'), exact: true }).click();
    await warning.waitFor({ state: 'detached' });
    await page.getByRole('radio', { name: ui.t('avatar.sun'), exact: true }).check();
    await page.getByRole('button', { name: ui.t('newLearner.create'), exact: true }).click();
    await page.getByRole('button', { name: ui.t('profiles.questions.skip'), exact: true }).click();
    await courses().waitFor();
    expect(await names()).toEqual(['Айгүл', 'Айгүл']);
    await signOut();
  });

  it('shows a name too long for its card cut with a visible “…”, and whole when the card has focus', async () => {
    const long = 'Бурулкан Жолдошбекова-Мамыткулова уулу';
    await callHttpOk(host.url, 'learners.create', { displayName: long, avatar: 'drop', language: 'ky' });
    await page.reload();
    const card = page.getByRole('button', { name: long, exact: true });
    const name = card.locator('.learner-name');
    const cut = () => name.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
    // Two lines at most on a card: the rest is cut, with "…" (line-clamp draws it).
    expect(await cut()).toBe(true);
    expect(await name.evaluate((el) => (globalThis as any).getComputedStyle(el).webkitLineClamp)).toBe('2');
    await card.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await cut()).toBe(false);
  });

  it('asks before signing out and stays on “No”; a reload in a lesson keeps the learner on the same step; a new tab does not open anyone', async () => {
    await page.getByRole('button', { name: 'Айгүл', exact: true }).last().click();
    await courses().waitFor();
    await page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: lesson.title.ky!, exact: true }) }).getByRole('button', { name: ui.t('courses.open'), exact: true }).click();
    const doer = new StepDoer(page, ui, 'pointer', pack.defaultLanguage);
    const at = (current: number) => expect.poll(() => doer.stepHeading.innerText()).toBe(ui.t('lesson.stepOf', { current, total: lesson.steps.length }));
    await at(1);
    await doer.next();
    await at(2);
    await doer.next();
    await at(3);

    await page.getByRole('button', { name: ui.t('profiles.signOut.button'), exact: true }).click();
    const question = page.getByRole('dialog', { name: ui.t('profiles.signOut.title') });
    await question.getByText(ui.t('profiles.signOut.saved'), { exact: true }).waitFor();
    await question.getByRole('button', { name: ui.t('profiles.signOut.stay'), exact: true }).click();
    await question.waitFor({ state: 'detached' });
    await at(3);

    await page.reload();
    await at(3);
    expect(await page.locator('.top-bar .who-name').innerText()).toContain(ui.t('session.greeting', { name: 'Айгүл' }));

    // A tab of its own (a closed tab's session went with it): the picker, nobody signed in.
    const other = await context.newPage();
    await other.goto(host.url);
    await other.getByRole('heading', { name: ui.t('picker.title'), exact: true }).waitFor();
    expect(await other.locator('.top-bar .who-name').count()).toBe(0);
    await other.close();
  });

  it('goes back one step with the browser’s Back, then out of the lesson, without the history growing', async () => {
    const doer = new StepDoer(page, ui, 'pointer', pack.defaultLanguage);
    const at = (current: number) => expect.poll(() => doer.stepHeading.innerText()).toBe(ui.t('lesson.stepOf', { current, total: lesson.steps.length }));
    await at(3);
    const length = await page.evaluate(() => (globalThis as any).history.length);
    await page.goBack();
    await at(2);
    // A step done before shows "Next" at once.
    await doer.actionButton(ui.t('lesson.next')).waitFor();
    await page.goBack();
    await at(1);
    // The player's own "Previous step" is there from the second step on.
    await doer.next();
    await at(2);
    await page.getByRole('button', { name: ui.t('player.nav.previous'), exact: true }).click();
    await at(1);
    await page.goBack();
    await courses().waitFor();
    expect(await page.evaluate(() => (globalThis as any).history.length)).toBe(length);
  });
});
