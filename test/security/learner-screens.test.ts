import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { callHttp, callHttpOk } from '../support/api';
import { launchChromium } from '../support/chromium';
import { startInProcessHost } from '../support/in-process-host';
import { Ui } from '../e2e/pages/player';
import { signInToConsole } from '../e2e/pages/console-reports';
import { fakeClock } from './transports';

/*
 * What a learner and a librarian read after someone guessed (issue 11, item 1), in Debian's
 * Chromium against the real host (whose clock the test moves), in Russian: the notice at the next
 * sign-in, locks in minutes, the lock that waits for a librarian, and the console's unlock.
 */
const ui = new Ui('ru');
const LIBRARIAN = { name: 'Библиотекарь', password: 'Ысык-Көл жээги 9' };

describe('what the screens say after someone guessed (Debian Chromium against the browser host)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function kiosk() {
    const clock = fakeClock();
    const { url, core } = await startInProcessHost(undefined, { now: clock.now });
    await callHttpOk(url, 'kiosk.setLanguage', { language: 'ru' });
    await core.createStaffAccount({ ...LIBRARIAN, role: 'facilitator' });
    const learner = async (displayName: string, pin: string, wrongTries: number) => {
      const { learner: created, token } = await callHttpOk(url, 'learners.create', { displayName, avatar: 'sun', language: 'ru', secret: { kind: 'pin', pin } });
      // Asked once and answered: their next sign-in goes straight to the courses.
      await callHttpOk(url, 'learner.setProfile', { gender: 'undisclosed', birthYear: null }, token);
      await callHttpOk(url, 'session.logout', {}, token);
      for (let i = 0; i < wrongTries; i++) {
        if (i > 0 && i % 5 === 0) clock.tick(60); // past each lock, up the ladder
        await callHttp(url, 'learners.choose', { learnerId: created.id, secret: { kind: 'pin', pin: '0000' } });
      }
      return created.id as number;
    };
    const page = await (await browser.newContext()).newPage();
    return { url, clock, page, learner };
  }

  const open = async (page: Page, url: string, name: string) => {
    await page.goto(url);
    await page.getByRole('heading', { name: ui.t('picker.title'), exact: true }).waitFor();
    await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  };
  const typePin = async (page: Page, pin: string) => {
    await page.getByLabel(ui.t('profiles.unlock.pinPrompt'), { exact: true }).fill(pin);
    await page.getByRole('button', { name: ui.t('profiles.unlock.submit'), exact: true }).click();
  };

  it('tells the owner at their next sign-in how many wrong tries were made, once', async () => {
    const { url, page, learner } = await kiosk();
    await learner('Айдай', '1357', 3);
    await open(page, url, 'Айдай');
    await typePin(page, '1357');
    const notice = page.getByRole('status').filter({ has: page.getByRole('heading', { name: ui.t('profiles.wrongTries.title'), exact: true }) });
    await notice.getByText(ui.t('profiles.wrongTries.text', { count: 3 }), { exact: true }).waitFor();
    expect(ui.t('profiles.wrongTries.text', { count: 3 })).toContain('3 раза');
    await notice.getByRole('button', { name: ui.t('profiles.wrongTries.dismiss'), exact: true }).click();
    await notice.waitFor({ state: 'detached' });
  }, 60_000);

  it('says how many minutes a lock lasts, and that the try which locked it was wrong', async () => {
    const { url, page, learner } = await kiosk();
    await learner('Бекзат', '2468', 10);
    // The card on the picker says it in minutes (the second lock of the day is five).
    await page.goto(url);
    await page.getByText(ui.t('profiles.picker.lockedMinutes', { count: 5 }), { exact: true }).waitFor();

    await learner('Чынара', '9753', 4);
    await open(page, url, 'Чынара');
    await typePin(page, '1111');
    const message = `${ui.t('profiles.unlock.wrong')} ${ui.t('errors.learner.locked', { count: 1, minutes: 1 })}`;
    await page.getByText(message, { exact: true }).waitFor();
    expect(message).toContain('1 минуту');
    expect(await page.getByLabel(ui.t('profiles.unlock.pinPrompt'), { exact: true }).isDisabled()).toBe(true);
  }, 60_000);

  it('says a librarian must unlock it, and the console’s button says that removing the PIN unlocks it', async () => {
    const { url, page, learner } = await kiosk();
    await learner('Данияр', '8642', 25);
    await page.goto(url);
    await page.getByText(ui.t('profiles.picker.lockedLibrarian'), { exact: true }).waitFor();
    await open(page, url, 'Данияр');
    await page.getByText(ui.t('errors.learner.locked_ask_librarian'), { exact: true }).waitFor();
    await page.getByText(ui.t('profiles.unlock.askLibrarian'), { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: ui.t('profiles.unlock.submit'), exact: true }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: ui.t('profiles.unlock.notMe'), exact: true }).click();
    const nav = await signInToConsole(page, ui, LIBRARIAN.name, LIBRARIAN.password);
    const learners = await nav.learners();
    const row = learners.row('Данияр');
    await row.getByText(ui.t('reports.learners.needsLibrarian'), { exact: false }).waitFor();
    await learners.open('Данияр');
    await row.getByRole('button', { name: ui.t('reports.learners.unlockPin', { name: 'Данияр' }), exact: true }).click();
    await page.getByText(ui.t('reports.learners.secretReset', { name: 'Данияр' }), { exact: true }).waitFor();
    expect(await row.innerText()).not.toContain(ui.t('reports.learners.needsLibrarian'));
    expect((await callHttpOk<any[]>(url, 'learners.list', {})).find((l) => l.displayName === 'Данияр')).toMatchObject({ needsLibrarian: false, secret: 'none' });
  }, 60_000);
});
