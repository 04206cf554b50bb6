import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startCore } from '../core';
import { buildPack, packInputFromFolder } from '../core/packs/builder';
import { generatePublisherKey } from '../core/packs/signing';
import { buildHttpHost } from '../http-host/http';
import { PAINTED_MARKS } from '../renderer/src/state/painted-marks';
import { setUpKiosk } from '../test/support/set-up';
import { benchManifest, inAllLanguages, launchChromium } from './bench-kit';
import { median, report, spread } from './harness';

const LEARNERS = 2000;
const LESSONS = 200;
const RUNS = 5;
const TARGET = 1.5;

/**
 * How fast the interface is where it matters on old PCs: from navigation to an interactive learner
 * picker with 2,000 learners, and to the first step of a lesson in a 200-lesson pack, against
 * static HTML pages of the same content and size served from the same machine, in the same run.
 */
export async function rendererSpeed() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-bench-ui-'));
  const browser = await launchChromium();
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

    // Each journey in a fresh browser context (cold cache), for both sides alike. Times are read in
    // the page (performance marks against navigation start and the page's own click times), so
    // Playwright's queries and clicks between screens count for neither side.
    const app: Journey[] = [];
    const plain: Journey[] = [];
    for (let run = 0; run < RUNS; run++) {
      app.push(
        await journey(browser, appUrl, {
          learner: (page) => page.locator('.learner-grid .learner-card').first().click(),
          lesson: (page) => page.getByRole('listitem').filter({ hasText: 'Lesson 1 of' }).getByRole('button').first().click(),
        }),
      );
      plain.push(
        await journey(browser, `${staticUrl}/picker.html`, {
          learner: (page) => page.locator('button').first().click(),
          lesson: (page) => page.locator('a[href="/step.html"]').first().click(),
        }),
      );
    }
    const ratios = (pick: (j: Journey) => number) => app.map((j, i) => pick(j) / pick(plain[i]!));
    const figure = (name: string, pick: (j: Journey) => number) => {
      const ratio = median(ratios(pick));
      report({
        name,
        measured: `${ratio.toFixed(2)}× (${median(app.map(pick)).toFixed(0)} ms vs static HTML ${median(plain.map(pick)).toFixed(0)} ms; ${RUNS} runs ${spread(ratios(pick))}×)`,
        target: `≤ ${TARGET}×`,
        pass: ratio <= TARGET,
      });
    };
    figure(`learner picker with ${LEARNERS} learners, navigation to first card painted`, (j) => j.picker);
    figure(`first step of a ${LESSONS}-lesson pack (picker + courses + lesson, each to painted)`, (j) => j.picker + j.courses + j.lesson);
    await host.close();
    await core.close();
  } finally {
    staticServer.close();
    await browser.close();
    fs.rmSync(root, { recursive: true, force: true });
  }

  function staticPicker(): string {
    const cards = Array.from({ length: LEARNERS }, (_, i) => `<li><button onclick="location.href='/courses.html'"><svg width="72" height="72" viewBox="0 0 64 64" aria-hidden="true"><circle cx="32" cy="32" r="32" fill="#fff3c4"/><circle cx="32" cy="32" r="12" fill="#e0a100"/></svg><span>${learnerName(i)}</span></button></li>`).join('');
    return page('Who is learning today?', `<ul>${cards}</ul>`, PAINTED_MARKS.picker);
  }
  function staticCourses(): string {
    const rows = Array.from({ length: LESSONS }, (_, i) => `<li><h3>Lesson ${i + 1} of ${LESSONS}</h3><p>Not started</p><a href="/step.html">Open lesson ${i + 1}</a></li>`).join('');
    return page('Your courses', `<article><h2>A big course</h2><ul>${rows}</ul></article>`, PAINTED_MARKS.courses);
  }
  function staticStep(): string {
    return page('Lesson 1', '<h2>Step 1 of 3</h2><p>This is the first step of the lesson.</p><button>Next</button>', PAINTED_MARKS.lesson);
  }
  function page(title: string, body: string, mark: string): string {
    // As renderer/src/state/painted-mark.ts marks the app's screens: after the next frame's paint.
    const script = `requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => performance.mark(${JSON.stringify(mark)}); c.port2.postMessage(null); });`;
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}<script>${script}</script></body></html>`;
  }
}

const learnerName = (i: number) => `Learner ${String(i).padStart(4, '0')}`;

/** Milliseconds each screen took, in the page: to the picker's cards, then from each click to the next screen painted. */
interface Journey {
  picker: number;
  courses: number;
  lesson: number;
}

/**
 * Opens the picker, picks a learner, opens the first lesson. The page's own clock times each
 * screen: navigation start to the picker's mark, then each click (its event time, kept in
 * sessionStorage across the static pages' navigations) to the next screen's mark.
 */
async function journey(browser: Browser, url: string, click: { learner: (page: Page) => Promise<void>; lesson: (page: Page) => Promise<void> }): Promise<Journey> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // Browser code, given as text: this file is type-checked for Node (init scripts are not subject to the page's CSP).
    await page.addInitScript(`addEventListener('click', (event) => sessionStorage.setItem('bench-click', String(performance.timeOrigin + event.timeStamp)), { capture: true });`);
    const painted = async (mark: string) => {
      // As functions, not text: the app's Content-Security-Policy forbids evaluating strings.
      await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, { polling: 10 });
      return page.evaluate((name) => {
        const at = performance.getEntriesByName(name)[0]!.startTime;
        const clicked = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('bench-click');
        return { sinceNavigation: at, sinceClick: clicked ? performance.timeOrigin + at - Number(clicked) : NaN };
      }, mark);
    };
    await page.goto(url);
    const picker = (await painted(PAINTED_MARKS.picker)).sinceNavigation;
    await click.learner(page);
    const courses = (await painted(PAINTED_MARKS.courses)).sinceClick;
    await click.lesson(page);
    const lesson = (await painted(PAINTED_MARKS.lesson)).sinceClick;
    return { picker, courses, lesson };
  } finally {
    await context.close();
  }
}

async function buildBigPack(sourceDir: string, outFile: string, privateKeyPem: string): Promise<void> {
  fs.mkdirSync(sourceDir, { recursive: true });
  const t = inAllLanguages;
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
  const manifest = { ...benchManifest('kg.ayil.bench-big', 'A pack with many lessons', lessons), courses: [{ id: 'big-course', title: t('A big course'), description: t('Many lessons'), lessons }] };
  fs.writeFileSync(path.join(sourceDir, 'manifest.json'), JSON.stringify(manifest));
  await buildPack(packInputFromFolder(sourceDir), outFile, privateKeyPem);
}
