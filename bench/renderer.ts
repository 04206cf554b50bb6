import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startCore } from '../core';
import { buildPack, packInputFromFolder } from '../core/packs/builder';
import { generatePublisherKey } from '../core/packs/signing';
import { buildHttpHost } from '../http-host/http';
import { setUpKiosk } from '../test/support/set-up';

const LEARNERS = 2000;
const LESSONS = 200;
const RUNS = 5;

/**
 * How fast the interface is where it matters on old PCs: from navigation to an interactive learner
 * picker with 2,000 learners, and to the first step of a lesson in a 200-lesson pack, against
 * static HTML pages of the same content and size served from the same machine, in the same run.
 */
export async function rendererSpeed() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-bench-ui-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const statics = new Map<string, string>();
  const staticServer = http.createServer((request, response) => {
    const body = statics.get(request.url ?? '');
    response.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(body ?? '');
  });
  try {
    const bundled = path.join(root, 'bundled');
    fs.mkdirSync(bundled);
    const key = generatePublisherKey('Bench');
    fs.writeFileSync(path.join(bundled, 'trusted-keys.json'), JSON.stringify([key.publicKey]));
    await buildBigPack(path.join(root, 'big-pack'), path.join(bundled, 'big.ayilpack'), key.privateKeyPem);

    const core = await startCore({ dataDir: path.join(root, 'data'), bundledPacksDir: bundled, driveRoots: [root], log: () => {} });
    await setUpKiosk(core.dispatch);
    await core.dispatch('kiosk.setLanguage', { language: 'en' }, null);
    for (let i = 0; i < LEARNERS; i++) {
      const grant = await core.dispatch('learners.create', { displayName: learnerName(i), avatar: 'sun', language: 'en' }, null);
      // Answered already, so the once-only profile questions do not stand between picker and courses.
      if (grant.ok) await core.dispatch('learner.setProfile', { gender: 'undisclosed', birthYear: null }, (grant.value as { token: string }).token);
    }
    const host = buildHttpHost(core, { rendererDir: path.resolve('dist/renderer') });
    await host.listen({ host: '127.0.0.1', port: 0 });
    const appUrl = `http://127.0.0.1:${(host.server.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => staticServer.listen(0, '127.0.0.1', resolve));
    const staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}`;
    statics.set('/picker.html', staticPicker());
    statics.set('/courses.html', staticCourses());
    statics.set('/step.html', staticStep());

    const pickerApp = await median(browser, async (page) => {
      await page.goto(appUrl);
      await page.getByRole('button', { name: learnerName(0) }).waitFor();
    });
    const pickerStatic = await median(browser, async (page) => {
      await page.goto(`${staticUrl}/picker.html`);
      await page.getByRole('button', { name: learnerName(0) }).waitFor();
    });
    const stepApp = await median(browser, async (page) => {
      await page.goto(appUrl);
      await page.getByRole('button', { name: learnerName(0) }).click();
      await page.getByRole('listitem').filter({ hasText: 'Lesson 1 of' }).getByRole('button').first().click();
      await page.getByText('This is the first step').waitFor();
    });
    const stepStatic = await median(browser, async (page) => {
      await page.goto(`${staticUrl}/picker.html`);
      await page.getByRole('button', { name: learnerName(0) }).click();
      await page.getByRole('link', { name: 'Open lesson 1', exact: true }).click();
      await page.getByText('This is the first step').waitFor();
    });
    console.log(`learner picker with ${LEARNERS} learners: ${pickerApp.toFixed(0)} ms vs static HTML ${pickerStatic.toFixed(0)} ms — ratio ${(pickerApp / pickerStatic).toFixed(2)}×`);
    console.log(`first step of a ${LESSONS}-lesson pack (picker → courses → lesson): ${stepApp.toFixed(0)} ms vs static HTML ${stepStatic.toFixed(0)} ms — ratio ${(stepApp / stepStatic).toFixed(2)}×`);
    await host.close();
    await core.close();
  } finally {
    staticServer.close();
    await browser.close();
    fs.rmSync(root, { recursive: true, force: true });
  }

  function staticPicker(): string {
    const cards = Array.from({ length: LEARNERS }, (_, i) => `<li><button onclick="location.href='/courses.html'"><svg width="72" height="72" viewBox="0 0 64 64" aria-hidden="true"><circle cx="32" cy="32" r="32" fill="#fff3c4"/><circle cx="32" cy="32" r="12" fill="#e0a100"/></svg><span>${learnerName(i)}</span></button></li>`).join('');
    return page('Who is learning today?', `<ul>${cards}</ul>`);
  }
  function staticCourses(): string {
    const rows = Array.from({ length: LESSONS }, (_, i) => `<li><h3>Lesson ${i + 1} of ${LESSONS}</h3><p>Not started</p><a href="/step.html">Open lesson ${i + 1}</a></li>`).join('');
    return page('Your courses', `<article><h2>A big course</h2><ul>${rows}</ul></article>`);
  }
  function staticStep(): string {
    return page('Lesson 1', '<h2>Step 1 of 3</h2><p>This is the first step of the lesson.</p><button>Next</button>');
  }
  function page(title: string, body: string): string {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
  }
}

const learnerName = (i: number) => `Learner ${String(i).padStart(4, '0')}`;

async function median(browser: Browser, run: (page: Page) => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext(); // cold cache each time, for both sides alike
    const page = await context.newPage();
    const start = performance.now();
    await run(page);
    times.push(performance.now() - start);
    await context.close();
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

async function buildBigPack(sourceDir: string, outFile: string, privateKeyPem: string): Promise<void> {
  fs.mkdirSync(sourceDir, { recursive: true });
  const t = (text: string) => ({ ky: text, ru: text, en: text });
  const lessons = Array.from({ length: LESSONS }, (_, i) => ({
    id: `lesson-${i + 1}`,
    title: t(`Lesson ${i + 1} of ${LESSONS}`),
    competences: [{ code: '1.1', level: 1 }],
    steps: [
      { kind: 'text', id: 'first', body: t('This is the first step of the lesson.') },
      { kind: 'single-choice', id: 'check', question: t('Ready?'), options: [{ id: 'yes', text: t('Yes') }, { id: 'no', text: t('No') }], correctOptionId: 'yes' },
      { kind: 'text', id: 'last', body: t('Done.') },
    ],
  }));
  const manifest = {
    id: 'kg.ayil.bench-big',
    version: '1.0.0',
    defaultLanguage: 'en',
    languages: ['ky', 'ru', 'en'],
    title: t('Big pack'),
    description: t('A pack with many lessons'),
    publisher: 'Bench',
    licence: 'CC-BY-4.0',
    minAppVersion: '0.1.0',
    courses: [{ id: 'big-course', title: t('A big course'), description: t('Many lessons'), lessons }],
  };
  fs.writeFileSync(path.join(sourceDir, 'manifest.json'), JSON.stringify(manifest));
  await buildPack(packInputFromFolder(sourceDir), outFile, privateKeyPem);
}
