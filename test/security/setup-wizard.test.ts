import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { callHttp } from '../support/api';
import { expectNoSeriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { rawRequest } from '../support/raw-http';
import { tempDir } from '../support/temp-dir';
import { Console, SetupWizard } from '../e2e/pages/console';
import { Ui } from '../e2e/pages/player';

/*
 * The set-up wizard on a classroom PC (Debian Chromium; its API calls reach the real host from
 * 127.0.0.2, which the host sees as another computer): it asks for the code the host printed, in
 * plain words, and finishes only with the right one.
 */

let browser: Browser;
let host: HostProcess | undefined;
let context: BrowserContext | undefined;
const pageProblems: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterEach(async () => {
  await context?.close();
  await host?.stop();
  expect(pageProblems.splice(0), 'errors in the page').toEqual([]);
});
afterAll(async () => {
  await browser?.close();
});

describe('the set-up wizard on a classroom PC', () => {
  it('asks for the code shown in Ayil’s window on the main computer, refuses a wrong one, and finishes with the right one', async () => {
    host = await startHostProcess(tempDir(), { setUp: false });
    let code = '';
    for (let waited = 0; !code && waited < 5_000; waited += 50) {
      code = /set-up code: (\S+)/.exec(host.output())?.[1] ?? '';
      if (!code) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageProblems.push(error.message));
    // Every API call leaves from 127.0.0.2, as from another PC of the classroom.
    await page.route('**/api/**', async (route) => {
      const request = route.request();
      const answer = await rawRequest({
        url: host!.url,
        path: new URL(request.url()).pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(request.headers().authorization ? { Authorization: request.headers().authorization! } : {}) },
        body: request.postDataJSON(),
        localAddress: '127.0.0.2',
      });
      await route.fulfill({ status: answer.status, contentType: 'application/json', body: answer.text });
    });
    await page.goto(host.url);
    await page.locator('nav.language-switch').getByRole('button', { name: 'English', exact: true }).click();

    const ui = new Ui('en');
    const wizard = new SetupWizard(page, ui);
    await wizard.expectStep('site', 1);
    await wizard.field('siteName').fill('Arashan village library');
    await wizard.field('siteCode').fill('KG-CHUI-017');
    await wizard.next();
    await wizard.field('district').fill('Alamudun');
    await wizard.field('region').fill('Chuy');
    await wizard.next();
    await wizard.next();
    await wizard.field('adminName').fill('Gulmira');
    await wizard.field('adminPassword').fill('mountain river 2024');
    await wizard.field('adminPasswordAgain').fill('mountain river 2024');
    await wizard.next();

    // The review asks for the code, saying where to find it.
    await wizard.expectStep('review', 5);
    const codeField = page.getByLabel(ui.t('console.setup.fields.setupCode'), { exact: true });
    await page.getByText(ui.t('console.setup.hints.setupCode'), { exact: true }).waitFor();
    await expectNoSeriousViolations(page, 'the review with the set-up code (en)');
    await wizard.finish();
    await expect.poll(() => codeField.getAttribute('aria-invalid')).toBe('true');

    await codeField.fill(code === 'AAAA-AAAA' ? 'BBBB-BBBB' : 'AAAA-AAAA');
    await wizard.finish();
    await page.getByText(ui.t('errors.setup.code_wrong'), { exact: true }).waitFor();
    expect((await callHttp(host.url, 'kiosk.state', {})).body.value.setUp).toBe(false);

    await codeField.fill(code.toLowerCase());
    await wizard.finish();
    const console = new Console(page, ui);
    await console.nav.getByText('Gulmira', { exact: true }).waitFor();
    expect((await callHttp(host.url, 'kiosk.state', {})).body.value).toMatchObject({ setUp: true, siteName: 'Arashan village library' });
  }, 120_000);
});
