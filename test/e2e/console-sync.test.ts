import { createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { SyncFilePayloadSchema, SyncFileSchema } from '../../core/contract';
import { callHttpOk, importOverHttp } from '../support/api';
import { expectNoSeriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { startTestCollector, type TestCollector } from '../support/collector';
import { createFatStick } from '../support/fat-stick';
import { HostClock } from '../support/host-clock';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { makePack } from '../support/packs';
import { REPO_ROOT } from '../support/paths';
import { TEST_ADMIN } from '../support/set-up';
import { STATS_MANIFEST, STATS_PACK, STEPS } from '../support/stats-fixture';
import { tempDir } from '../support/temp-dir';
import { signIn } from './pages/console';
import { SyncPage } from './pages/console-sync';
import { KioskEntrance, Ui } from './pages/player';

/*
 * An administrator saves a week's figures to a real FAT stick (a signed sync file), connects the
 * kiosk to the programme's collector from the console, sees the figures go (nothing pending, a
 * last-sync time, a warning about the PC's clock), and, when the connection has gone, sees why new
 * figures wait on the kiosk. Figures leave once their week has ended: the kiosk's clock is moved.
 */

const SCREENSHOT = path.join(REPO_ROOT, 'test-results', 'console-sync.png');
const THREE_YEARS_MS = 3 * 365 * 24 * 3600 * 1000;
const WEEK_MS = 7 * 24 * 3600 * 1000;

let browser: Browser;
let host: HostProcess | undefined;
let collector: TestCollector | undefined;
let context: BrowserContext | undefined;
const pageProblems: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterEach(async () => {
  await context?.close();
  await host?.stop();
  await collector?.close();
  context = host = collector = undefined;
  expect(pageProblems.splice(0), 'errors in the page').toEqual([]);
});
afterAll(async () => {
  await browser?.close();
});

const api = <T = any>(method: string, input: unknown, token?: string) => callHttpOk<T>(host!.url, method, input, token);

describe('sync from the console (Debian Chromium, browser host, real collector, FAT stick)', () => {
  it('saves a week’s figures to the stick as a signed file, enrols, sends them, warns about the clock, and says why new figures wait', async () => {
    // The collector's clock runs three years ahead: to it, this PC's clock is three years behind.
    const clock = new HostClock();
    collector = await startTestCollector({ backend: 'sqlite', now: () => new Date(clock.now().getTime() + THREE_YEARS_MS) });
    const media = tempDir('ayil-media-');
    const stick = await createFatStick({ sizeMb: 64, parentDir: media });
    const label = path.basename(stick.dir);
    const packFile = await makePack({ manifest: STATS_MANIFEST, dir: stick.dir });
    host = await startHostProcess(tempDir(), {
      command: clock.command,
      env: { ...clock.env, AYIL_DRIVE_ROOTS: media, AYIL_SYNC_RETRY_BASE_MS: '50', AYIL_SYNC_RETRY_CAP_MS: '500', AYIL_SYNC_IDLE_MS: '300' },
    });

    // Learners' work through the API: six women finish the first lesson. Then their week ends.
    const admin = (await api<{ token: string }>('staff.login', TEST_ADMIN)).token;
    expect(await importOverHttp(host.url, admin, packFile, { acceptUntrusted: true })).toBe('done');
    for (let i = 0; i < 6; i++) {
      const grant = await api<{ token: string }>('learners.create', { displayName: `Console Sync ${i}`, avatar: 'sun', language: 'en' });
      await api('learner.setProfile', { gender: 'female', birthYear: 1990 }, grant.token);
      for (const stepId of STEPS.l1!) await api('progress.submitStep', { packId: STATS_PACK, lessonId: 'l1', stepId }, grant.token);
    }
    clock.advance(WEEK_MS);

    const ui = new Ui('en');
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageProblems.push(error.message));
    await page.goto(host.url);
    await new KioskEntrance(page, ui).chooseLanguage();
    const console = await signIn(page, ui, TEST_ADMIN.name, TEST_ADMIN.password);
    const sync = await SyncPage.open(console);

    // Not connected yet: the figures wait, and the screen says so.
    await sync.status.getByText(ui.t('console.sync.notEnrolled'), { exact: true }).waitFor();
    await sync.fact('lastSuccess').getByText(ui.t('console.sync.never'), { exact: true }).waitFor();
    await sync.fact('pending').getByText(ui.t('console.sync.pendingCount', { count: 1 }), { exact: true }).waitFor();
    await expectNoSeriousViolations(page, 'the sync section, not enrolled (en)');

    // What waits goes to the stick as one signed file (and still by network when one appears).
    await sync.chooseStick(label);
    await sync.save();
    const savedText = sync.stick.locator('.console-ok');
    const failed = sync.stick.locator('.console-error:not(:empty)');
    await savedText.or(failed).first().waitFor({ timeout: 30_000 });
    expect(await failed.count(), `saving failed: ${await failed.allInnerTexts()}`).toBe(0);

    const files = fs.readdirSync(stick.dir).filter((f) => f.startsWith('ayil-figures-'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^ayil-figures-TEST-01-\d{4}-\d{2}-\d{2}\.json$/);
    const file = SyncFileSchema.parse(JSON.parse(fs.readFileSync(path.join(stick.dir, files[0]!), 'utf8')));
    const payload = SyncFilePayloadSchema.parse(JSON.parse(file.payload));
    expect(payload.site.code).toBe('TEST-01');
    expect(payload.batches).toHaveLength(1);
    expect(await savedText.innerText()).toBe(ui.t('console.sync.saved', { count: payload.batches.length, file: path.join(stick.dir, files[0]!) }));
    // Signed with the kiosk's key, over the exact payload string.
    const key = createPublicKey({ key: Buffer.from(payload.publicKey, 'base64'), format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from(file.payload, 'utf8'), key, Buffer.from(file.signature, 'base64'))).toBe(true);
    expect(file.payload).not.toContain('Console Sync');

    // Plain http without ticking the box is refused, with the reason.
    const code = await collector.createCode('console e2e');
    await sync.enrol(collector.url, code, false, TEST_ADMIN.password);
    await sync.enrolment.getByText(ui.t('errors.sync.plain_http_refused'), { exact: true }).waitFor();

    await sync.enrol(collector.url, code, true, TEST_ADMIN.password);
    await sync.enrolment.getByText(ui.t('console.sync.enrolled', { url: collector.url.replace(/\/$/, '') }), { exact: true }).waitFor();

    // The loop sends by itself (the batch the stick carries too): nothing pending, a time of the
    // last sync, and a word about the clock.
    await sync.fact('pending').getByText(ui.t('console.sync.nothingPending'), { exact: true }).waitFor({ timeout: 20_000 });
    await expect.poll(() => sync.fact('lastSuccess').innerText(), { timeout: 10_000 }).not.toBe(ui.t('console.sync.never'));
    const amount = ui.t('console.sync.years', { count: 3 });
    await sync.status.getByText(ui.t('console.sync.clockBehind', { amount }), { exact: true }).waitFor({ timeout: 10_000 });
    expect(await sync.fact('held').count()).toBe(0);
    expect((await collector.store.counts()).batches).toBe(1);

    // "Send now" answers in the live region.
    await sync.sendNow();
    await sync.status.getByText(ui.t('console.sync.sent'), { exact: true }).waitFor();
    await expectNoSeriousViolations(page, 'the sync section, enrolled (en)');

    // The connection goes; a new learner's work waits on the kiosk until its week has ended, and
    // the screen says why in plain words.
    await collector.close();
    collector = undefined;
    const grant = await api<{ token: string }>('learners.create', { displayName: 'Console Sync late', avatar: 'moon', language: 'en' });
    for (const stepId of STEPS.l1!) await api('progress.submitStep', { packId: STATS_PACK, lessonId: 'l1', stepId }, grant.token);
    await sync.fact('held').getByText(ui.t('console.sync.heldWhy', { k: 5 }), { exact: true }).waitFor({ timeout: 20_000 });
    expect(await sync.fact('held').innerText()).toContain(ui.t('console.sync.heldCount', { count: 4 }));
    await expectNoSeriousViolations(page, 'the sync section with figures waiting (en)');
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  }, 180_000);
});
