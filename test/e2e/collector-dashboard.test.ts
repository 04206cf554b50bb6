import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../core/contract';
import { translator } from '../../collector/dashboard/i18n';
import { expectNoSeriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { startTestCollector, TEST_ADMIN_PASSWORD, type TestCollector } from '../support/collector';
import { REPO_ROOT } from '../support/paths';
import { BASICS, completions, EMAIL, HOSTILE_NAME, makeBatch, makeKiosk, SAFETY, SEED_NOW, seedTwoSites, stickFile } from '../collector/dashboard-seed';

/*
 * The collector's dashboard in Debian's Chromium, as the programme's administrator uses it: two
 * kiosks (one with its clock in 2099) have sent their figures over the real HTTP API; she signs
 * in, reads the figures, switches language, uploads a stick file from a third library twice and
 * makes an enrolment code. Figures seeded: see seedTwoSites.
 */

const SCREENSHOT = path.join(REPO_ROOT, 'test-results', 'collector-dashboard.png');

/** The dashboard as a reader sees it: headings, tables found by their captions, cells by their row's name. */
class DashboardPage {
  readonly t: ReturnType<typeof translator>;

  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {
    this.t = translator(language);
  }

  heading(key: string): Locator {
    return this.page.getByRole('heading', { name: this.t(key), exact: true });
  }

  table(captionKey: string): Locator {
    return this.page.getByRole('table', { name: this.t(captionKey), exact: true });
  }

  /** Each body row of a figure table as [name, figure]. */
  async figures(captionKey: string): Promise<Record<string, string>> {
    const rows = await this.table(captionKey).locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')!.textContent!.trim(), tr.querySelector('td')!.textContent!.trim()]),
    );
    return Object.fromEntries(rows);
  }

  async total(captionKey: string): Promise<string> {
    return (await this.table(captionKey).locator('tfoot td').innerText()).trim();
  }

  async switchTo(language: Language): Promise<DashboardPage> {
    await this.page.getByRole('navigation', { name: this.t('app.language') }).locator(`a[hreflang="${language}"]`).click();
    await this.page.waitForURL(new RegExp(`lang=${language}`));
    return new DashboardPage(this.page, language);
  }
}

describe('the collector dashboard (Debian Chromium)', () => {
  let browser: Browser;
  let collector: TestCollector;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [collector, browser] = await Promise.all([startTestCollector({ backend: 'sqlite', now: () => SEED_NOW }), launchChromium()]);
    await seedTwoSites(collector.url, (label) => collector.createCode(label));
    // The administrator's browser asks for Russian first; axe is injected, so the page's CSP is bypassed.
    context = await browser.newContext({ bypassCSP: true, locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
  });
  afterAll(async () => {
    await context?.close();
    await Promise.all([browser?.close(), collector?.close()]);
  });

  it('signs in through the form, in the browser\'s language', async () => {
    await page.goto(collector.url);
    expect(new URL(page.url()).pathname).toBe('/login');
    const ru = translator('ru');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
    await expectNoSeriousViolations(page, 'the login page (ru)');

    await page.getByLabel(ru('login.password')).fill('not the password');
    await page.getByRole('button', { name: ru('login.submit') }).click();
    await page.waitForURL(/failed=1/);
    await expect(page.getByRole('alert').innerText()).resolves.toBe(ru('errors.auth.password_wrong'));

    await page.getByLabel(ru('login.password')).fill(TEST_ADMIN_PASSWORD);
    await page.getByRole('button', { name: ru('login.submit') }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(ru('dashboard.title'));
  });

  it('shows the figures by course, week, region and library, with the small ones hidden', async () => {
    const ru = new DashboardPage(page, 'ru');
    await expectNoSeriousViolations(page, 'the dashboard (ru)');
    const ui = await ru.switchTo('en');
    const hidden = ui.t('dashboard.held');
    await expect(page.locator('#total-completions').innerText()).resolves.toBe('28');

    // 2 e-mail completions are under k = 5; the 6 of online safety are hidden with them, so that 28 − 20 does not tell.
    expect(await ui.figures('dashboard.byCourse.caption')).toEqual({ [BASICS]: '20', [EMAIL]: hidden, [SAFETY]: hidden });
    expect(await ui.total('dashboard.byCourse.caption')).toBe('28');
    expect(await ui.figures('dashboard.byWeek.caption')).toEqual({ '2026-W46': '12', '2026-W47': '8', '2026-W48': '8' });
    expect(await ui.figures('dashboard.byRegion.caption')).toEqual({ Нарын: '20', Талас: '8' });
    expect(await ui.figures('dashboard.bySite.caption')).toEqual({ 'Ат-Башы китепканасы (NRN-04)': '20', [`${HOSTILE_NAME} (TLS-01)`]: '8' });
    // Each chart is one labelled image next to its table.
    for (const section of ['#by-week', '#by-course', '#by-region', '#by-site', '#women', '#age']) {
      await expect(page.locator(`${section} svg[role="img"]`).getAttribute('aria-label'), section).resolves.toMatch(/\S/);
    }
    // The hostile name stayed text.
    await expect(page.locator('script').count()).resolves.toBe(0);
  });

  it('shows the share of women against the 30 % target, and the age bands', async () => {
    const ui = new DashboardPage(page, 'en');
    const share = ui.t('dashboard.women.share', { share: '27%', count: 26, target: '30%' });
    await expect(page.locator('#women .share').innerText()).resolves.toBe(`${share} ${ui.t('dashboard.women.below')}`);
    expect(await ui.figures('dashboard.women.caption')).toEqual({ Women: '7', Men: '19', Other: '0', 'Not said': '0' });
    // The bar: filled to 7/26 of its track, the target line at 30 % of it.
    const gauge = await page.locator('#women svg.gauge').evaluate((svg) => {
      const track = svg.querySelector('.gauge-track')!;
      const x = Number(track.getAttribute('x'));
      const width = Number(track.getAttribute('width'));
      return {
        filled: Number(svg.querySelector('.bar')!.getAttribute('width')) / width,
        target: (Number(svg.querySelector('.target')!.getAttribute('x1')) - x) / width,
        label: svg.getAttribute('aria-label'),
      };
    });
    expect(gauge.filled).toBeCloseTo(7 / 26, 2);
    expect(gauge.target).toBeCloseTo(0.3, 3);
    expect(gauge.label).toBe(ui.t('dashboard.women.chart', { share: '27%', target: '30%' }));
    expect(await ui.figures('dashboard.age.caption')).toEqual({ 'Under 18': '0', '18–29': '12', '30–44': '6', '45–59': '8', '60 and over': '0', 'Not said': '0' });
  });

  it('flags the kiosk whose clock is in 2099, on its own row', async () => {
    const ui = new DashboardPage(page, 'en');
    const sites = ui.table('dashboard.sites.caption');
    const row = (code: string) => sites.locator('tbody tr').filter({ has: page.getByRole('cell', { name: code, exact: true }) });
    const years = ui.t('dashboard.duration.years', { count: 73 });
    await expect(row('TLS-01').locator('td').last().innerText()).resolves.toBe(ui.t('dashboard.skew.ahead', { duration: years }));
    await expect(row('NRN-04').locator('td').last().innerText()).resolves.toBe(ui.t('dashboard.sites.clockOk'));
    await expect(row('NRN-04').innerText()).resolves.toContain('Nov 23, 2026');
    await expectNoSeriousViolations(page, 'the dashboard (en)');
  });

  it('narrows the figures to a range of weeks', async () => {
    const ui = new DashboardPage(page, 'en');
    await page.getByLabel(ui.t('dashboard.filter.from')).fill('2026-W47');
    await page.getByLabel(ui.t('dashboard.filter.to')).fill('2026-W48');
    await page.getByRole('button', { name: ui.t('dashboard.filter.apply') }).click();
    await page.waitForURL(/fromWeek=2026-W47/);
    await expect(page.getByText(ui.t('dashboard.filter.showing', { from: '2026-W47', to: '2026-W48' })).count()).resolves.toBe(1);
    expect(await ui.figures('dashboard.byWeek.caption')).toEqual({ '2026-W47': '8', '2026-W48': '8' });
    await expect(page.locator('#total-completions').innerText()).resolves.toBe('16');
    await page.getByRole('link', { name: ui.t('dashboard.filter.all') }).click();
    await expect(page.locator('#total-completions').innerText()).resolves.toBe('28');
  });

  it('is usable from the keyboard and prints without its forms', async () => {
    const ui = new DashboardPage(page, 'en');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).resolves.toBe(ui.t('app.skip'));
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => (globalThis as any).document.activeElement?.id)).resolves.toBe('main');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: ui.t('upload.submit') }).isVisible()).resolves.toBe(false);
    await expect(ui.table('dashboard.byCourse.caption').isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('switches to Kyrgyz and Russian', async () => {
    let ui = await new DashboardPage(page, 'en').switchTo('ky');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ky');
    for (const key of ['dashboard.title', 'dashboard.byCourse.heading', 'dashboard.women.heading', 'dashboard.sites.heading', 'upload.heading']) {
      await expect(ui.heading(key).count(), key).resolves.toBe(1);
    }
    await expect(page.getByText(ui.t('dashboard.skew.ahead', { duration: ui.t('dashboard.duration.years', { count: 73 }) })).count()).resolves.toBe(1);
    await expectNoSeriousViolations(page, 'the dashboard (ky)');
    ui = await ui.switchTo('ru');
    for (const key of ['dashboard.title', 'dashboard.byWeek.heading', 'dashboard.age.heading', 'codes.heading']) {
      await expect(ui.heading(key).count(), key).resolves.toBe(1);
    }
    // The choice is remembered without ?lang=.
    await page.goto(collector.url);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
  });

  it('takes a stick file through the upload form once, then says it already has it', async () => {
    const kochkor = makeKiosk({ code: 'NRN-09', name: 'Кочкор китепканасы', region: 'Нарын', district: 'Кочкор' });
    const file = stickFile(kochkor, [makeBatch(kochkor, completions('2026-W47', BASICS, 5, { gender: { female: 5 } }))], SEED_NOW);
    await page.goto(new URL('/?lang=en', collector.url).href);
    const ui = new DashboardPage(page, 'en');
    const upload = async () => {
      await page.getByLabel(ui.t('upload.file')).setInputFiles({ name: 'ayil-figures-NRN-09.json', mimeType: 'application/json', buffer: Buffer.from(file) });
      await page.getByRole('button', { name: ui.t('upload.submit') }).click();
      await page.waitForURL((url) => url.pathname === '/upload');
      return page.getByRole('status').innerText();
    };
    const first = await upload();
    expect(first).toContain(ui.t('upload.site', { name: 'Кочкор китепканасы', code: 'NRN-09' }));
    expect(first).toContain(ui.t('upload.stored', { count: 1 }));
    await expectNoSeriousViolations(page, 'the upload result');
    await page.getByRole('link', { name: ui.t('back') }).click();
    await expect(page.locator('#total-completions').innerText()).resolves.toBe('33');
    const second = await upload();
    expect(second).toContain(ui.t('upload.stored', { count: 0 }));
    expect(second).toContain(ui.t('upload.duplicates', { count: 1 }));
    await page.getByRole('link', { name: ui.t('back') }).click();
    await expect(page.locator('#total-completions').innerText()).resolves.toBe('33');
  });

  it('makes an enrolment code and shows it once', async () => {
    const ui = new DashboardPage(page, 'en');
    await page.getByLabel(ui.t('codes.label')).fill('Кара-Суу');
    await page.getByLabel(ui.t('codes.days')).fill('7');
    await page.getByRole('button', { name: ui.t('codes.submit') }).click();
    await page.waitForURL((url) => url.pathname === '/codes');
    await expect(page.locator('#enrolment-code').innerText()).resolves.toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);
    await expect(page.getByRole('status').innerText()).resolves.toContain(ui.t('codes.once'));
    await page.getByRole('link', { name: ui.t('back') }).click();
  });

  it('leaves a full-page screenshot, with no errors in the page', async () => {
    await page.goto(new URL('/?lang=en', collector.url).href);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const png = fs.readFileSync(SCREENSHOT);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height, big-endian, after the signature and the chunk's length and type.
    expect(png.readUInt32BE(16)).toBe(1280);
    expect(png.readUInt32BE(20)).toBeGreaterThan(2000);
    expect(png.length).toBeGreaterThan(50_000);
    expect(problems).toEqual([]);
  });
});
