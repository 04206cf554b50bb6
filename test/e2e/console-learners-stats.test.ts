import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { StatsFileSchema, type Language } from '../../core/contract';
import { correctAnswer } from '../../authoring/answers';
import { bundledManifest, bundledSource, completeBundledCourse } from '../support/bundled-sources';
import { dayLabel, isoWeekDays, weekLabel } from '../../renderer/src/console/dates';
import { callHttp } from '../support/api';
import { expectNoSeriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { createFatStick } from '../support/fat-stick';
import { HostClock } from '../support/host-clock';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { TEST_ADMIN, TEST_SITE } from '../support/set-up';
import { signInToConsole } from './pages/console-reports';
import { Ui } from './pages/player';

/*
 * The console's learner, report and statistics sections against the built browser host, in
 * Debian's Chromium. Learners and their progress are seeded through the HTTP API with the bundled
 * pack kg.ayil.first-steps, its lessons and answers read from the pack's sources: "computer basics"
 * is completed (every lesson, answered right) or only started; the practice tour is only started.
 * They are seeded in the last minutes of last week (the host's clock is set back, then put right):
 * only a week that has ended may leave the kiosk in a statistics file.
 */
const manifest = bundledManifest('kg.ayil.first-steps');
const PACK = manifest.id;
const BASICS = manifest.courses.find((c) => c.id === 'computer-basics')!;
const TOUR = manifest.courses.find((c) => c.id === 'practice-tour')!;

interface Seed {
  name: string;
  gender: 'female' | 'male';
  birthYear: number;
  does: 'completes basics' | 'starts basics' | 'starts tour';
  pin?: string;
}
const SEEDS: Seed[] = [
  { name: 'Айгүл Асанова', gender: 'female', birthYear: 1990, does: 'completes basics' },
  { name: 'Бакыт Токтогулов', gender: 'male', birthYear: 1975, does: 'completes basics' },
  { name: 'Чолпон Садыкова', gender: 'female', birthYear: 2001, does: 'starts basics', pin: '2468' },
  { name: 'Динара Исаева', gender: 'female', birthYear: 1960, does: 'starts tour' },
  { name: 'Эрмек Жумабаев', gender: 'male', birthYear: 1999, does: 'starts tour' },
];
const ERASED = 'Эрмек Жумабаев';
const FACILITATOR = { name: 'Асель Ведущая', password: 'facilitator pw 1' };

describe('the console: learners, reports and statistics export (Debian Chromium against the browser host)', () => {
  let browser: Browser;
  let host: HostProcess;
  let dataDir: string;
  let driveRoot: string;
  let clockDir: string;
  let adminToken: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-e2e-console-'));
    driveRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-e2e-media-'));
    clockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-e2e-clock-'));
    const today = new Date();
    const monday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - ((today.getDay() + 6) % 7));
    const clock = new HostClock(new Date(monday.getTime() - 10 * 60_000), clockDir);
    // The host finds sticks as the subfolders of this root (AYIL_DRIVE_ROOTS), as a kiosk finds /media.
    const saved = process.env.AYIL_DRIVE_ROOTS;
    process.env.AYIL_DRIVE_ROOTS = driveRoot;
    try {
      [host, browser] = await Promise.all([startHostProcess(dataDir, { command: clock.command, env: clock.env }), launchChromium()]);
    } finally {
      if (saved === undefined) delete process.env.AYIL_DRIVE_ROOTS;
      else process.env.AYIL_DRIVE_ROOTS = saved;
    }
    await setUpAndSeed(host.url);
    // Last week has ended: the clock is right again (and the staff session of last week is over).
    clock.set(new Date());
    adminToken = (await ok(callHttp(host.url, 'staff.login', TEST_ADMIN))).token;
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await Promise.all([browser?.close(), host?.stop()]);
    for (const dir of [dataDir, driveRoot, clockDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function openPage(): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    // A missing text fails in seconds, naming what was looked for, not at the test's time limit.
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(host.url);
    return { page, problems };
  }

  it('a facilitator finds a learner, sees their progress, removes a PIN and erases a learner (Russian)', async () => {
    const ui = new Ui('ru');
    const { page, problems } = await openPage();
    const nav = await signInToConsole(page, ui, FACILITATOR.name, FACILITATOR.password);
    // A facilitator's console has no statistics export: that is the administrator's.
    await expect(nav.region.getByRole('button', { name: ui.t('console.nav.statistics') }).count()).resolves.toBe(0);

    const learners = await nav.learners();
    await expect.poll(() => learners.names().then((n) => [...n].sort())).toEqual(SEEDS.map((s) => s.name).sort());
    await expect.poll(() => learners.status().innerText()).toBe(ui.t('reports.learners.showing', { count: SEEDS.length, shown: SEEDS.length }));
    await expectNoSeriousViolations(page, 'the learners section (ru)');

    // Search narrows the list as one types.
    await learners.search('Айгүл');
    await expect.poll(() => learners.names()).toEqual(['Айгүл Асанова']);
    await learners.open('Айгүл Асанова');
    const [basics] = await learners.progress('Айгүл Асанова');
    const lessons = BASICS.lessons.length;
    expect(basics).toContain(BASICS.title.ru);
    expect(basics).toContain(ui.t('reports.learners.lessonsDone', { count: lessons, done: lessons }));
    expect(basics).toContain(ui.t('reports.learners.courseCompleted'));
    expect(basics).toMatch(new RegExp(`${ui.t('reports.learners.certificate')}\\s+[0-9A-Z]{5}-[0-9A-Z]{5}`));
    await expectNoSeriousViolations(page, 'a learner\'s progress (ru)');

    // A forgotten PIN: the facilitator removes it, and the profile opens without one.
    await learners.search('Чолпон');
    await expect.poll(() => learners.names()).toEqual(['Чолпон Садыкова']);
    await learners.open('Чолпон Садыкова');
    await learners.resetPin('Чолпон Садыкова');
    await expect(learners.row('Чолпон Садыкова').innerText()).resolves.toContain(ui.t('reports.learners.secret.none'));
    const chooser = (await callHttp(host.url, 'learners.list', {})).body.value.find((l: any) => l.displayName === 'Чолпон Садыкова');
    expect((await callHttp(host.url, 'learners.choose', { learnerId: chooser.id })).body.ok).toBe(true);

    // Erasing: the dialog says what goes and what stays, then the learner is gone.
    await learners.search('Эрмек');
    await expect.poll(() => learners.names()).toEqual([ERASED]);
    await learners.open(ERASED);
    await expectNoSeriousViolations(page, 'the learner\'s actions (ru)');
    const said = await learners.erase(ERASED);
    for (const key of ['reports.erase.goesName', 'reports.erase.goesProgress', 'reports.erase.goesCertificates', 'reports.erase.stays']) expect(said).toContain(ui.t(key));
    expect(await learners.names()).toEqual([]);
    await learners.search('');
    await expect.poll(() => learners.names().then((n) => [...n].sort())).toEqual(SEEDS.map((s) => s.name).filter((n) => n !== ERASED).sort());

    // ...and from the learners' own picker, on a fresh page.
    const picker = (await openPage()).page;
    await picker.getByRole('heading', { name: ui.t('picker.title') }).waitFor();
    await picker.getByRole('button', { name: 'Айгүл Асанова', exact: true }).waitFor();
    expect(await picker.getByRole('button', { name: ERASED }).count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);

  it('an administrator reads the report (Kyrgyz), previews the statistics and exports them to a FAT stick', async () => {
    const stick = await createFatStick({ parentDir: driveRoot });
    const ui = new Ui('ky');
    await callHttp(host.url, 'kiosk.setLanguage', { language: 'ky' });
    const { page, problems } = await openPage();
    const nav = await signInToConsole(page, ui, TEST_ADMIN.name, TEST_ADMIN.password);

    // ---- Reports: figures as seeded (an erased learner no longer counts as active; their starts stay counted).
    const reports = await nav.reports();
    await reports.ready();
    const starters = SEEDS.length;
    const completers = SEEDS.filter((s) => s.does === 'completes basics');
    // A completer started and completed every lesson of the course; the others started one lesson.
    const lessons = BASICS.lessons.length;
    // Run after the facilitator's test, one of them has been erased; alone, none has.
    const present = (await callHttp(host.url, 'learners.search', { query: '' }, adminToken)).body.value.total;
    expect(await reports.figure('learners_active')).toBe(present);
    expect(await reports.figure('lessons_started')).toBe(completers.length * lessons + (starters - completers.length));
    expect(await reports.figure('lessons_completed')).toBe(completers.length * lessons);
    expect(await reports.figure('courses_started')).toBe(starters);
    expect(await reports.figure('courses_completed')).toBe(completers.length);
    for (const chart of ['reports.chart.lessonsPerWeek', 'reports.chart.coursesPerWeek']) {
      // All seeded in one week: one started bar and one completed bar drawn, the other weeks empty.
      const drawn = reports.chart(chart).locator('svg rect:not([height="0"])');
      await drawn.first().waitFor();
      expect(await drawn.count()).toBe(2);
    }
    const byCourse = await reports.chartTable('reports.chart.byCourse');
    const basicsStarted = SEEDS.filter((s) => s.does !== 'starts tour').length;
    expect(byCourse).toContainEqual([BASICS.title.ky, String(basicsStarted), String(completers.length)]);
    expect(byCourse).toContainEqual([TOUR.title.ky, String(starters - basicsStarted), '0']);
    // One woman among two completers: 50%, at or above the 30% target, said in words.
    const percent = (share: number) => page.evaluate((s) => new Intl.NumberFormat('ky', { style: 'percent', maximumFractionDigits: 0 }).format(s), share);
    const women = completers.filter((s) => s.gender === 'female').length;
    expect(await reports.womenSentence()).toBe(
      ui.t('reports.women.aboveTarget', { count: completers.length, women, share: await percent(women / completers.length), target: await percent(0.3) }),
    );
    await expectNoSeriousViolations(page, 'the reports section (ky)');

    // ---- Statistics: the preview is exactly what core would write.
    const statistics = await nav.statistics();
    await statistics.ready();
    const period = lastThreeMonths();
    const preview = (await callHttp(host.url, 'stats.preview', period, adminToken)).body.value;
    expect(preview.rows.length).toBeGreaterThan(0);
    // In words: the weeks' days and the courses' titles (the file keeps the codes, checked below).
    const from = dayLabel(isoWeekDays(preview.fromWeek)[0], 'ky');
    const to = dayLabel(isoWeekDays(preview.toWeek)[1], 'ky');
    expect(await statistics.summary()).toBe(
      `${ui.t('reports.stats.rows', { count: preview.rows.length, from, to })} ${ui.t('reports.stats.suppressed', { count: preview.suppressedCells })}`,
    );
    const shown = await statistics.previewRows();
    const titleOf = (course: string) => (course ? manifest.courses.find((c) => `${PACK}/${c.id}` === course)!.title.ky! : ui.t('reports.stats.siteWide'));
    expect(shown.map((cells) => [cells[0], cells[1], Number(cells[5])])).toEqual(
      preview.rows.slice(0, shown.length).map((r: any) => [weekLabel(r.week, 'ky'), titleOf(r.course), r.count]),
    );
    await expectNoSeriousViolations(page, 'the statistics section (ky)');

    const label = path.basename(stick.dir);
    const jsonFile = await statistics.exportTo('json', label, TEST_ADMIN.password);
    expect(path.dirname(path.resolve(jsonFile)).startsWith(stick.dir)).toBe(true);
    const jsonText = fs.readFileSync(jsonFile, 'utf8');
    const written = StatsFileSchema.parse(JSON.parse(jsonText));
    expect(written.rows).toEqual(preview.rows);
    expect(written.k).toBe(preview.k);

    const csvFile = await statistics.exportTo('csv', label, TEST_ADMIN.password);
    expect(path.dirname(path.resolve(csvFile)).startsWith(stick.dir)).toBe(true);
    const csvText = fs.readFileSync(csvFile, 'utf8');
    expect(csvText.trim().split(/\r?\n/).length).toBe(preview.rows.length + 1);

    for (const text of [jsonText, csvText]) {
      for (const seed of SEEDS) {
        for (const part of [seed.name, ...seed.name.split(' ')]) expect(text).not.toContain(part);
        expect(text).not.toContain(String(seed.birthYear));
      }
      expect(text).not.toContain(FACILITATOR.name);
    }
    expect(problems).toEqual([]);
  }, 90_000);
});

/** The period the sections open with ("last 3 months"), as the page computes it. */
function lastThreeMonths(today = new Date()): { from: string; to: string } {
  const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { from: day(new Date(today.getFullYear(), today.getMonth() - 2, 1)), to: day(today) };
}

/** Sets the kiosk up (unless the host already did), adds a facilitator and the learners with their progress. */
async function setUpAndSeed(url: string): Promise<string> {
  const setUp = await callHttp(url, 'setup.complete', { ...TEST_SITE, adminName: TEST_ADMIN.name, adminPassword: TEST_ADMIN.password });
  if (!setUp.body.ok && setUp.body.error?.code !== 'setup.already_done') throw new Error(`setup.complete: ${setUp.body.error?.code}`);
  const login = await callHttp(url, 'staff.login', TEST_ADMIN);
  if (!login.body.ok) throw new Error(`staff.login: ${login.body.error?.code}`);
  const admin: string = login.body.value.token;
  await ok(callHttp(url, 'staff.create', { ...FACILITATOR, role: 'facilitator', yourPassword: TEST_ADMIN.password }, admin));
  await ok(callHttp(url, 'kiosk.setLanguage', { language: 'ru' satisfies Language }));

  for (const seed of SEEDS) {
    const grant = await ok(
      callHttp(url, 'learners.create', {
        displayName: seed.name,
        avatar: 'flower',
        language: 'ru',
        ...(seed.pin ? { secret: { kind: 'pin', pin: seed.pin } } : {}),
      }),
    );
    const token: string = grant.token;
    await ok(callHttp(url, 'learner.setProfile', { gender: seed.gender, birthYear: seed.birthYear }, token));
    const submit = (input: { packId: string; lessonId: string; stepId: string; answer?: unknown }) => ok(callHttp(url, 'progress.submitStep', input, token));
    if (seed.does === 'completes basics') await completeBundledCourse(submit, PACK, BASICS.id, 'ru');
    else await startCourse(submit, seed.does === 'starts tour' ? TOUR.id : BASICS.id);
    await ok(callHttp(url, 'session.logout', {}, token));
  }
  return admin;
}

/** Answers the first step of a course's first lesson (right, when it asks for an answer): the course is started. */
async function startCourse(submit: (input: { packId: string; lessonId: string; stepId: string; answer?: unknown }) => Promise<unknown>, courseId: string) {
  const source = bundledSource(PACK);
  const lesson = source.courses.find((c) => c.id === courseId)!.lessons[0]!;
  const step = lesson.def.steps[0]!;
  const answer = correctAnswer(step, 'ru', source.header.defaultLanguage);
  await submit({ packId: PACK, lessonId: lesson.id, stepId: step.id, ...(answer ? { answer } : {}) });
}

async function ok(call: ReturnType<typeof callHttp>): Promise<any> {
  const { body } = await call;
  if (!body.ok) throw new Error(`API call failed: ${body.error?.code} ${JSON.stringify(body.error?.params)}`);
  return body.value;
}
