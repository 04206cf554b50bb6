import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ky from '../../renderer/src/i18n/locales/ky.json';
import kyProfiles from '../../renderer/src/i18n/locales/profiles/ky.json';
import { CERTIFICATE_PDF_OPTIONS } from '../../electron/certificate-pdf';
import { completeBundledCourse } from '../support/bundled-sources';
import { launchChromium } from '../support/chromium';
import { startInProcessHost } from '../support/in-process-host';
import { call } from '../support/test-core';
import { tempDir } from '../support/temp-dir';
import { LanguageScreen, PickerScreen } from './pages/kiosk';

// The desktop app's page is the browser host's page plus the preload bridge. Electron cannot run
// here, so the bridge's desktop additions are stood in for by a script in the page (its API calls
// go to the real host over HTTP), and the PDF is made by Debian's Chromium through the same
// DevTools call Electron's printToPDF makes, with the app's options.

const NAME = 'Жылдыз Асанова';

/** The desktop bridge as the preload exposes it, its desktop parts recorded for the test to read. */
function desktopBridge() {
  const state = globalThis as unknown as { __goneAt?: number; __sticks?: unknown[]; __saved?: unknown[]; __printed?: number };
  state.__saved = [];
  state.__printed = 0;
  (globalThis as unknown as { ayil: unknown }).ayil = {
    call: async (method: string, input: unknown, token: string | null) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (token) headers.Authorization = `Bearer ${token}`;
      const response = await fetch(`api/${encodeURIComponent(method)}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
      return response.json();
    },
    // No events in this test: the bridge's stream opens and carries nothing.
    subscribe: (_token: string | null, _listener: unknown, opened?: () => void) => {
      opened?.();
      return () => {};
    },
    // Someone at the PC (their last input 3 seconds ago) until the test says they left.
    systemIdleSeconds: async () => (state.__goneAt === undefined ? 3 : Math.max(0, (Date.now() - state.__goneAt) / 1000)),
    printCertificate: async () => {
      state.__printed! += 1;
      return true;
    },
    sticks: async () => state.__sticks ?? [],
    saveCertificatePdf: async (stickId: string, code: string) => {
      state.__saved!.push({ stickId, code });
      return { ok: true, value: { file: `ayil-certificate-${code}.pdf`, stick: 'KINGSTON' } };
    },
  };
}

/**
 * Electron's printToPDF turns its options into Chromium's Page.printToPDF parameters this way
 * (paper sizes in inches, A4 = 8.27 × 11.7; margins in inches).
 */
function devToolsParams(options: typeof CERTIFICATE_PDF_OPTIONS) {
  const paper = { A4: { width: 8.27, height: 11.7 } }[options.pageSize];
  return {
    landscape: options.landscape,
    printBackground: options.printBackground,
    preferCSSPageSize: options.preferCSSPageSize,
    paperWidth: paper.width,
    paperHeight: paper.height,
    marginTop: options.margins.top,
    marginBottom: options.margins.bottom,
    marginLeft: options.margins.left,
    marginRight: options.margins.right,
    scale: 1,
    displayHeaderFooter: false,
  };
}

describe('the desktop app’s certificate and idle time (Debian Chromium, the desktop bridge stood in for)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function learnerWithCertificate() {
    const host = await startInProcessHost();
    const learner = await call(host.core, 'learners.create', { displayName: NAME, avatar: 'star', language: 'ky' });
    await completeBundledCourse((input) => call(host.core, 'progress.submitStep', input, learner.token), 'kg.ayil.first-steps', 'computer-basics');
    const [certificate] = await call<Array<{ code: string }>>(host.core, 'certificates.mine', {}, learner.token);
    return { host, code: certificate!.code };
  }

  async function openAsLearner(page: Page, url: string) {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.addInitScript(desktopBridge);
    await page.goto(url);
    const picker = await new LanguageScreen(page).choose('Кыргызча');
    await picker.choose(NAME);
    await page.getByText(ky.session.greeting.replace('{{name}}', NAME)).waitFor();
  }

  it('prints one A4 landscape page with the learner’s name and the code, and saves it as a PDF on the stick the learner chooses', async () => {
    const { host, code } = await learnerWithCertificate();
    const page = await browser.newPage();
    await openAsLearner(page, host.url);
    await page.getByRole('button', { name: kyProfiles.certificates.button }).click();
    await page.getByRole('button', { name: new RegExp(`^${kyProfiles.certificates.open}`) }).click();
    await page.getByRole('heading', { name: kyProfiles.certificate.heading }).waitFor();

    // Print goes to the desktop app (webContents.print), not to the browser's dialog.
    await page.getByRole('button', { name: kyProfiles.certificate.print }).click();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __printed: number }).__printed)).toBe(1);

    // No stick: the learner is told to put one in; two sticks: asked which; then it is saved there.
    const save = page.getByRole('button', { name: kyProfiles.certificate.savePdf });
    await save.click();
    await page.getByText(kyProfiles.certificate.noStick).waitFor();
    await page.evaluate(() => {
      (globalThis as unknown as { __sticks: unknown[] }).__sticks = [
        { id: '1:/media/KINGSTON', label: 'KINGSTON' },
        { id: '2:/media/PHOTOS', label: 'PHOTOS' },
      ];
    });
    await save.click();
    await page.getByRole('group', { name: kyProfiles.certificate.chooseStick }).waitFor();
    await page.getByRole('button', { name: 'KINGSTON', exact: true }).click();
    await page.getByText(kyProfiles.certificate.saved.replace('{{stick}}', 'KINGSTON').replace('{{file}}', `ayil-certificate-${code}.pdf`)).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { __saved: unknown[] }).__saved)).toEqual([{ stickId: '1:/media/KINGSTON', code }]);

    // The PDF the desktop app makes of this page: Chromium's printToPDF with the app's options.
    const cdp = await page.context().newCDPSession(page);
    const { data } = (await cdp.send('Page.printToPDF', devToolsParams(CERTIFICATE_PDF_OPTIONS))) as { data: string };
    const pdf = path.join(tempDir(), `ayil-certificate-${code}.pdf`);
    fs.writeFileSync(pdf, Buffer.from(data, 'base64'));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/^Pages:\s+1$/m);
    // A4 landscape: 297 × 210 mm, 841.9 × 595.3 points (Chromium rounds to its own units).
    const [, width, height] = /^Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)$/m.exec(info) ?? [];
    expect(Math.abs(Number(width) - 841.89)).toBeLessThan(1);
    expect(Math.abs(Number(height) - 595.28)).toBeLessThan(1);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(NAME);
    expect(text).toContain(code);
    expect(text.toLowerCase()).toContain(kyProfiles.certificate.heading.toLowerCase());
    // Only the certificate: none of the screen's buttons are printed.
    expect(text).not.toContain(kyProfiles.certificate.savePdf);
    expect(text).not.toContain(kyProfiles.certificate.print);
    await page.close();
  }, 90_000);

  it('keeps a learner who is at the PC logged in past the idle time, and logs them out once the PC says they left', async () => {
    const { host } = await learnerWithCertificate();
    const page = await browser.newPage();
    await page.clock.install();
    await openAsLearner(page, host.url);

    // Ten minutes without a key or touch the page saw, but the PC saw input 3 seconds ago.
    await page.clock.runFor(600_000);
    expect(await page.getByRole('heading', { name: kyProfiles.idle.title }).count()).toBe(0);
    await page.getByText(ky.session.greeting.replace('{{name}}', NAME)).waitFor();

    // They get up and go: after the site's idle time (5 minutes) they are logged out.
    await page.evaluate(() => {
      (globalThis as unknown as { __goneAt: number }).__goneAt = Date.now();
    });
    await page.clock.runFor(271_000);
    await page.getByRole('heading', { name: kyProfiles.idle.title }).waitFor();
    await page.clock.runFor(31_000);
    await new PickerScreen(page).isShown();
    expect(await page.locator('body').innerText()).not.toContain(ky.session.greeting.replace('{{name}}', NAME));
    await page.close();
  }, 90_000);
});
