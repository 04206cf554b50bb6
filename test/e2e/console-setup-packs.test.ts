import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LANGUAGE_NATIVE_NAMES } from '../../core/contract';
import { callHttp, callHttpOk, importOverHttp } from '../support/api';
import { expectNoSeriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { createFatStick, type FatStick } from '../support/fat-stick';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { generatePublisherKey } from '../../core/packs/signing';
import { makePack, noise, PACK_ID, sourceManifest, TEST_DRIVE_ROOT, testKey } from '../support/packs';
import { TEST_ADMIN } from '../support/set-up';
import { tempDir } from '../support/temp-dir';
import { Console, PacksPage, SetupDonePage, SetupWizard, TrustedKeysPage, horizontalOverflow, outOfView, saveScreenshot, saveViewScreenshot, signIn } from './pages/console';
import { KioskEntrance, Ui } from './pages/player';

/*
 * The kiosk's first start through the set-up wizard, and a facilitator's day with packs: a real
 * FAT stick (mkfs.vfat + fusefat) with a large pack and a broken one, imported while the progress
 * bar moves, then copied onto a second stick; an administrator hands a lesson set to another
 * publisher. Debian Chromium against the built browser host.
 */

let browser: Browser;
const hosts: HostProcess[] = [];
const contexts: BrowserContext[] = [];
const dataDirs: string[] = [];
/** Script errors in any page of the test: there must be none. */
const pageProblems: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  for (const host of hosts.splice(0)) await host.stop();
  for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  expect(pageProblems.splice(0), 'errors in the page').toEqual([]);
});
afterAll(async () => {
  await browser?.close();
});

/** A data folder removed once its host has stopped (not tempDir(): those go before the hosts stop). */
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-e2e-console-'));
  dataDirs.push(dir);
  return dir;
}

async function openPage(url: string): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(error.message));
  await page.goto(url);
  return page;
}

describe('the first start: the set-up wizard (Debian Chromium, browser host)', () => {
  it('walks a librarian through set-up in Russian, refusing bad answers, to a page saying it is done and what comes next, whose button signs out to the learners’ screen with the site and its languages only', async () => {
    const host = await startHostProcess(dataDir(), { setUp: false });
    hosts.push(host);
    const page = await openPage(host.url);

    // The wizard opens first, in the kiosk's first language; its own language can be switched.
    const ky = new Ui('ky');
    await new SetupWizard(page, ky).expectStep('site', 1);
    await expectNoSeriousViolations(page, 'the set-up wizard (ky)');
    await page.locator('nav.language-switch').getByRole('button', { name: LANGUAGE_NATIVE_NAMES.ru, exact: true }).click();
    const ui = new Ui('ru');
    const wizard = new SetupWizard(page, ui);
    await wizard.expectStep('site', 1);
    expect(await page.getAttribute('html', 'lang')).toBe('ru');

    // Nothing filled in: the first field says so, and has the focus.
    await wizard.next();
    await wizard.expectProblem('siteName', 'required');
    await wizard.field('siteName').fill('Библиотека села Арашан');
    await wizard.field('siteCode').fill('код 17!');
    await wizard.next();
    await wizard.expectProblem('siteCode', 'code');
    await wizard.field('siteCode').fill('KG-CHUI-017');
    await wizard.next();

    await wizard.expectStep('place', 2);
    await wizard.field('district').fill('Аламудунский');
    await wizard.field('region').fill('Чуйская');
    await wizard.next();

    await wizard.expectStep('languages', 3);
    await expectNoSeriousViolations(page, 'the wizard’s languages (ru)');
    await wizard.languageBox(LANGUAGE_NATIVE_NAMES.en).uncheck();
    await wizard.next();

    await wizard.expectStep('admin', 4);
    await wizard.field('adminName').fill('Гульмира');
    await wizard.field('adminPassword').fill('short');
    await wizard.next();
    await wizard.expectProblem('adminPassword', 'short');
    await wizard.field('adminPassword').fill('тоо-суу 2024');
    await wizard.field('adminPasswordAgain').fill('тоо-суу 2025');
    await wizard.next();
    await wizard.expectProblem('adminPasswordAgain', 'mismatch');
    // Long enough, but one of the passwords people use most: core refuses it at the end, and the
    // wizard goes back to the administrator's step saying why. Nothing is saved.
    await wizard.field('adminPassword').fill('password123');
    await wizard.field('adminPasswordAgain').fill('password123');
    await wizard.next();
    await wizard.expectStep('review', 5);
    await wizard.finish();
    await wizard.expectStep('admin', 4);
    await page.getByRole('alert').getByText(ui.t('errors.passwordWeak.common'), { exact: false }).waitFor();
    expect((await callHttp(host.url, 'kiosk.state', {})).body.value.setUp).toBe(false);
    await wizard.field('adminPassword').fill('тоо-суу 2024');
    await wizard.field('adminPasswordAgain').fill('тоо-суу 2024');
    await wizard.next();

    // The review shows every answer (not the password) before anything is saved.
    await wizard.expectStep('review', 5);
    const review = page.locator('.review-list');
    for (const text of ['Библиотека села Арашан', 'KG-CHUI-017', 'Аламудунский', 'Чуйская', 'Гульмира', 'Кыргызча, Русский']) {
      await review.getByText(text, { exact: true }).waitFor();
    }
    expect(await review.innerText()).not.toContain('тоо-суу');
    await expectNoSeriousViolations(page, 'the wizard’s review (ru)');
    expect((await callHttp(host.url, 'kiosk.state', {})).body.value.setUp).toBe(false);
    await wizard.finish();

    // Into the console, signed in as the new administrator, on a page saying set-up is done and
    // what may come next: lesson sets from a stick, librarians' accounts, then handing over.
    const console = new Console(page, ui);
    await console.nav.waitFor();
    await console.nav.getByText('Гульмира', { exact: true }).waitFor();
    await console.nav.getByRole('button', { name: ui.t('console.nav.settings'), exact: true }).waitFor();
    const done = new SetupDonePage(page, ui);
    await done.heading.waitFor();
    const state = (await callHttp(host.url, 'kiosk.state', {})).body.value;
    expect(state).toMatchObject({ setUp: true, siteName: 'Библиотека села Арашан', languages: ['ky', 'ru'] });
    const installed = (await api<unknown[]>(host, 'packs.installed', {}, await adminToken(host, 'Гульмира', 'тоо-суу 2024'))).length;
    expect(installed).toBeGreaterThan(0);
    for (const text of [
      ui.t('console.done.lead'),
      ui.t('console.done.packsInstalled', { count: installed }),
      ui.t('console.done.staffText'),
      ui.t('console.done.handOverText', { staffButton: ui.t('console.login.staffButton') }),
    ]) {
      await page.getByText(text, { exact: true }).waitFor();
    }
    // No jargon on it: neither the words the glossary avoids nor any id.
    expect(await page.locator('.console-section').innerText()).not.toMatch(/пакет|киоск|kg\.ayil/i);
    await expectNoSeriousViolations(page, 'the set-up done page (ru)');
    await saveScreenshot(page, 'setup-done-1280x900-ru');

    // "Sign out and open the learners' screen": the learners' picker, with the site's name and only its two languages.
    await done.signOut.click();
    await page.getByRole('heading', { level: 1, name: ui.t('picker.title'), exact: true }).waitFor();
    expect(await console.nav.count()).toBe(0);
    await page.locator('.top-bar .site-name').getByText('Библиотека села Арашан', { exact: true }).waitFor();
    const languages = page.locator('nav.language-switch').getByRole('button');
    expect(await languages.allInnerTexts()).toEqual([LANGUAGE_NATIVE_NAMES.ky, LANGUAGE_NATIVE_NAMES.ru]);
    await new KioskEntrance(page, ui).createLearner('Айгүл', 'flower');
    expect((await callHttp(host.url, 'learners.list', {})).body.value.map((l: { displayName: string }) => l.displayName)).toEqual(['Айгүл']);
  }, 120_000);

  it('ends set-up on a page whose next steps open the sections they name, fitting a 1024×768 screen (English)', async () => {
    const host = await startHostProcess(dataDir(), { setUp: false });
    hosts.push(host);
    const page = await openPage(host.url);
    await page.setViewportSize({ width: 1024, height: 768 });
    const ui = new Ui('en');
    await page.locator('nav.language-switch').getByRole('button', { name: LANGUAGE_NATIVE_NAMES.en, exact: true }).click();
    await new SetupWizard(page, ui).complete({
      siteName: 'Kara-Suu village library',
      siteCode: 'KG-OSH-004',
      district: 'Kara-Suu',
      region: 'Osh',
      adminName: 'Nurgul',
      adminPassword: 'apricot river lamp 9',
    });
    const done = new SetupDonePage(page, ui);
    await done.heading.waitFor();
    await done.installLessonSets.waitFor();
    expect(await horizontalOverflow(page)).toEqual([]);
    expect(await outOfView(page, [done.installLessonSets, done.addLibrarian, done.signOut])).toEqual([]);
    await expectNoSeriousViolations(page, 'the set-up done page (en)');
    await saveScreenshot(page, 'setup-done-1024x768-en');

    await done.addLibrarian.click();
    await page.getByRole('heading', { level: 1, name: ui.t('console.nav.staff'), exact: true }).waitFor();
    const add = page.getByRole('region', { name: ui.t('console.staff.addTitle') });
    expect(await add.getByRole('radio', { name: ui.t('console.roles.facilitator') }).isChecked()).toBe(true);
    // The page is not a section of the navigation: it was shown once, after set-up.
    expect(await new Console(page, ui).nav.getByRole('button', { name: ui.t('console.done.title') }).count()).toBe(0);
  }, 90_000);
});

async function putOnStick(stick: FatStick, file: string, name = path.basename(file)): Promise<string> {
  const target = path.join(stick.dir, 'ayil', name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Streamed: fusefat has no copy_file_range.
  await pipeline(fs.createReadStream(file), fs.createWriteStream(target));
  return target;
}

const api = <T = any>(host: HostProcess, method: string, input: unknown, token?: string) => callHttpOk<T>(host.url, method, input, token);
const adminToken = async (host: HostProcess, name: string, password: string) => (await api<{ token: string }>(host, 'staff.login', { name, password })).token;

describe('a facilitator and packs on real FAT sticks (Debian Chromium, browser host)', () => {
  it('imports a large pack while the progress bar moves, sees why a broken pack cannot be imported, and copies the pack onto a second stick', async () => {
    const media = tempDir('ayil-media-');
    const source = await createFatStick({ sizeMb: 200, parentDir: media });
    const target = await createFatStick({ sizeMb: 160, parentDir: media });
    // Tens of megabytes of noise (deflate cannot shrink it): the import takes long enough to watch.
    const big = await putOnStick(source, await makePack({ version: '1.0.0', files: { 'video.bin': noise(96 * 1024 * 1024) } }));
    fs.writeFileSync(path.join(source.dir, 'broken.ayilpack'), 'not a pack');

    process.env.AYIL_DRIVE_ROOTS = media;
    const host = await startHostProcess(dataDir());
    hosts.push(host);
    // The administrator trusts the test publisher and adds a facilitator, through the API.
    const admin = (await api<{ token: string }>(host, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;
    await api(host, 'keys.trust', { ...testKey.publicKey, password: TEST_ADMIN.password }, admin);
    await api(host, 'staff.create', { name: 'Айбек', role: 'facilitator', password: 'Айбек ведущий 1', yourPassword: TEST_ADMIN.password }, admin);

    const ui = new Ui('ky');
    const page = await openPage(host.url);
    await new KioskEntrance(page, ui).chooseLanguage();
    const console = await signIn(page, ui, 'Айбек', 'Айбек ведущий 1');
    // A facilitator's console: packs, but no settings or backups.
    await page.getByRole('heading', { level: 1, name: ui.t('console.nav.packs'), exact: true }).waitFor();
    expect(await console.nav.getByRole('button', { name: ui.t('console.nav.settings') }).count()).toBe(0);
    const packs = new PacksPage(page, ui);
    const sourceLabel = path.basename(source.dir);
    const targetLabel = path.basename(target.dir);

    // The stick's packs with their status; the broken one with its reason, translated.
    const bigName = path.basename(big);
    await packs.stickPack(sourceLabel, bigName).getByText(ui.t('console.usb.status.new'), { exact: true }).waitFor();
    const broken = packs.stickPack(sourceLabel, 'broken.ayilpack');
    await broken.getByText(ui.t('console.usb.status.invalid'), { exact: true }).waitFor();
    const reason = ui.t('errors.pack.truncated', { file: 'broken.ayilpack' });
    await expect.poll(() => broken.innerText()).toContain(reason);
    expect(await broken.getByRole('button').count()).toBe(0);
    await expectNoSeriousViolations(page, 'the packs section with a stick (ky)');

    // Import: the bar's value is sampled until the job is done; it must have moved.
    await packs.importButton(bigName).click();
    const bar = packs.progress(bigName);
    await bar.waitFor();
    const seen: number[] = [];
    const done = packs.usb.getByText(ui.t('console.usb.done', { version: '1.0.0' }), { exact: true });
    const deadline = Date.now() + 90_000;
    while (!(await done.isVisible())) {
      expect(Date.now()).toBeLessThan(deadline);
      const value = await bar.evaluate((el) => (el as unknown as { value: number }).value).catch(() => null);
      if (value !== null && value !== seen.at(-1)) seen.push(value);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    const moving = seen.filter((value) => value > 0);
    expect(moving.length, `progress values seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(2);
    expect([...moving].sort((a, b) => a - b)).toEqual(moving);

    // Installed: in the table, and the stick now says so.
    await packs.installed.getByRole('rowheader', { name: 'Сыноо 1.0.0', exact: true }).waitFor();
    await packs.installed.getByRole('row').filter({ hasText: 'Сыноо 1.0.0' }).getByText(ui.t('console.packs.trust.trusted'), { exact: true }).waitFor();
    await packs.stickPack(sourceLabel, bigName).getByText(ui.t('console.usb.status.installed', { installed: '1.0.0' }), { exact: true }).waitFor();

    // Copy it onto the second stick: free space first, then the file, checked, on the stick.
    const stickChoice = packs.copy.getByLabel(ui.t('console.copy.stick'), { exact: true });
    await stickChoice.selectOption((await stickChoice.locator('option', { hasText: targetLabel }).getAttribute('value'))!);
    await packs.copy.getByText(ui.t('console.copy.free', { label: targetLabel, free: '' }).trim().split(':')[0]!).waitFor();
    await packs.copy.getByRole('checkbox', { name: 'Сыноо 1.0.0' }).check();
    await packs.copy.getByText(ui.t('console.copy.needed', { count: 1, size: '\u0000' }).split('\u0000')[0]!).waitFor();
    await packs.copy.getByRole('button', { name: ui.t('console.copy.submit'), exact: true }).click();
    await packs.copy.getByText(ui.t('console.copy.done', { count: 1 }), { exact: true }).waitFor({ timeout: 60_000 });
    const copied = path.join(target.dir, 'ayil', 'kg.ayil.test-pack-1.0.0.ayilpack');
    expect(fs.statSync(copied).size).toBe(fs.statSync(big).size);
    // The USB panel sees it there too, as installed.
    await packs.stickPack(targetLabel, 'kg.ayil.test-pack-1.0.0.ayilpack').getByText(ui.t('console.usb.status.installed', { installed: '1.0.0' }), { exact: true }).waitFor();
    await expectNoSeriousViolations(page, 'the packs section after import and copy (ky)');

    // The stick taken out: it leaves the panel, and a screen reader hears so.
    await target.pull();
    await packs.stick(targetLabel).waitFor({ state: 'detached' });
    await packs.usb.getByText(ui.t('console.usb.left', { label: targetLabel }), { exact: true }).waitFor({ state: 'attached' });

    // The account removed meanwhile: its session is over, and the console says so on the picker.
    const [facilitator] = (await api<Array<{ id: number; name: string }>>(host, 'staff.list', {}, admin)).filter((a) => a.name === 'Айбек');
    await api(host, 'staff.remove', { staffId: facilitator!.id }, admin);
    await page.getByRole('heading', { level: 1, name: ui.t('picker.title'), exact: true }).waitFor();
    await page.getByRole('alert').getByText(ui.t('errors.auth.session_expired_staff'), { exact: true }).waitFor();
    expect(await console.nav.count()).toBe(0);
  }, 240_000);
});

describe('an administrator’s staff accounts, settings and trusted keys; the certificate checker (Debian Chromium, browser host)', () => {
  it('adds, changes and removes staff (never the last administrator), saves settings with the privacy threshold and both idle times, trusts a publisher by picking their key file on a FAT stick and untrusts them, and says when a certificate code is unknown', async () => {
    // A real FAT stick with a publisher's key file in its ayil folder, and a key file someone edited.
    const media = tempDir('ayil-media-');
    const stick = await createFatStick({ sizeMb: 8, parentDir: media });
    const publisher = generatePublisherKey('Санарип Аймак');
    const keyFile = `${publisher.publicKey.keyId}.pub.json`;
    fs.mkdirSync(path.join(stick.dir, 'ayil'));
    fs.writeFileSync(path.join(stick.dir, 'ayil', keyFile), JSON.stringify(publisher.publicKey, null, 2));
    fs.writeFileSync(path.join(stick.dir, 'edited.pub.json'), JSON.stringify({ ...publisher.publicKey, publisher: 'Санарип Аймак', keyId: '0123456789abcdef' }));
    process.env.AYIL_DRIVE_ROOTS = media;
    const host = await startHostProcess(dataDir());
    hosts.push(host);
    const ui = new Ui('ru');
    const page = await openPage(host.url);
    await new KioskEntrance(page, ui).chooseLanguage();
    const console = await signIn(page, ui, TEST_ADMIN.name, TEST_ADMIN.password);

    // Staff: the only administrator cannot be removed; the dialog says why.
    await console.open('staff');
    await expectNoSeriousViolations(page, 'the staff section (ru)');
    await page.getByRole('button', { name: ui.t('console.staff.removeNamed', { name: TEST_ADMIN.name }), exact: true }).click();
    const removeAdmin = page.getByRole('dialog', { name: ui.t('console.staff.removeTitle', { name: TEST_ADMIN.name }) });
    await removeAdmin.getByRole('button', { name: ui.t('console.staff.removeConfirm'), exact: true }).click();
    await removeAdmin.getByText(ui.t('errors.staff.last_admin'), { exact: true }).waitFor();
    await removeAdmin.getByRole('button', { name: ui.t('console.common.cancel'), exact: true }).click();

    // A facilitator: a short password is refused before anything is sent, one easy to guess by
    // core, with the reason; the administrator types their own password each time.
    const add = page.getByRole('region', { name: ui.t('console.staff.addTitle') });
    const yourPassword = add.getByLabel(ui.t('console.common.yourPassword'), { exact: true });
    await add.getByLabel(ui.t('console.staff.columns.name'), { exact: true }).fill('Нурлан');
    await add.getByRole('radio', { name: ui.t('console.roles.facilitator') }).check();
    await add.getByLabel(ui.t('console.staff.password'), { exact: true }).fill('1234');
    await add.getByRole('button', { name: ui.t('console.staff.add'), exact: true }).click();
    await add.getByText(ui.t('console.setup.problems.short'), { exact: true }).waitFor();
    await add.getByLabel(ui.t('console.staff.password'), { exact: true }).fill('китеп-2024');
    await yourPassword.fill(TEST_ADMIN.password);
    await add.getByRole('button', { name: ui.t('console.staff.add'), exact: true }).click();
    await add.getByRole('alert').getByText(ui.t('errors.passwordWeak.guessable'), { exact: false }).waitFor();
    expect(await yourPassword.inputValue()).toBe('');
    await add.getByLabel(ui.t('console.staff.password'), { exact: true }).fill('Тоо арасы китеп 7');
    await yourPassword.fill(TEST_ADMIN.password);
    await add.getByRole('button', { name: ui.t('console.staff.add'), exact: true }).click();
    await page.getByText(ui.t('console.staff.added', { name: 'Нурлан' }), { exact: true }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Нурлан' }).getByText(ui.t('console.roles.facilitator'), { exact: true }).waitFor();

    await page.getByRole('button', { name: ui.t('console.staff.setPasswordNamed', { name: 'Нурлан' }), exact: true }).click();
    const setPassword = page.getByRole('dialog', { name: ui.t('console.staff.setPasswordTitle', { name: 'Нурлан' }) });
    await setPassword.getByLabel(ui.t('console.staff.newPassword'), { exact: true }).fill('новый пароль 1');
    await setPassword.getByLabel(ui.t('console.common.yourPassword'), { exact: true }).fill(TEST_ADMIN.password);
    await setPassword.getByRole('button', { name: ui.t('console.staff.setPassword'), exact: true }).click();
    await page.getByText(ui.t('console.staff.passwordSet', { name: 'Нурлан' }), { exact: true }).waitFor();
    expect((await callHttp(host.url, 'staff.login', { name: 'Нурлан', password: 'новый пароль 1' })).body.ok).toBe(true);

    await page.getByRole('button', { name: ui.t('console.staff.removeNamed', { name: 'Нурлан' }), exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: ui.t('console.staff.removeConfirm'), exact: true }).click();
    await page.getByText(ui.t('console.staff.removed', { name: 'Нурлан' }), { exact: true }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Нурлан' }).count()).toBe(0);

    // Settings: the privacy threshold explained in plain words, and checked.
    await console.open('settings');
    await expectNoSeriousViolations(page, 'the settings section (ru)');
    const siteName = page.getByLabel(ui.t('console.setup.fields.siteName'), { exact: true });
    expect(await siteName.inputValue()).toBe('Test Library');
    await siteName.fill('Библиотека Кара-Суу');
    const k = page.getByLabel(ui.t('console.settings.k'), { exact: true });
    expect(await page.getByText(ui.t('console.settings.kHint'), { exact: true }).count()).toBe(1);
    await k.fill('1');
    await page.getByRole('button', { name: ui.t('console.settings.save'), exact: true }).click();
    await page.getByText(ui.t('console.settings.kProblem'), { exact: true }).waitFor();
    await k.fill('7');
    await page.getByLabel(ui.t('console.settings.idle'), { exact: true }).fill('10');
    // The staff's own idle time, apart from learners' (15 minutes unless changed).
    const staffIdle = page.getByLabel(ui.t('console.settings.staffIdle'), { exact: true });
    expect(await staffIdle.inputValue()).toBe('15');
    await staffIdle.fill('0');
    await page.getByRole('button', { name: ui.t('console.settings.save'), exact: true }).click();
    await page.getByText(ui.t('console.settings.idleProblem'), { exact: true }).waitFor();
    await staffIdle.fill('25');
    await page.getByRole('button', { name: ui.t('console.settings.save'), exact: true }).click();
    await page.getByText(ui.t('console.settings.saved'), { exact: true }).waitFor();
    const admin = (await api<{ token: string }>(host, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;
    expect(await api(host, 'settings.get', {}, admin)).toMatchObject({ siteName: 'Библиотека Кара-Суу', k: 7, idleTimeoutSeconds: 600, staffIdleTimeoutSeconds: 1500 });
    await page.locator('.top-bar .site-name').getByText('Библиотека Кара-Суу', { exact: true }).waitFor();

    // Trusted publishers: the shipped keys stay. The key files on the stick are listed by the
    // kiosk (nothing to paste): the edited one says it cannot be used; the good one is picked,
    // its fingerprint shown to compare, and trusted once the password is typed again.
    const keys = new TrustedKeysPage(page, ui);
    await keys.region.getByText(ui.t('console.keys.shipped'), { exact: true }).first().waitFor();
    await keys.region.getByText(ui.t('console.keys.fileUnusable', { file: 'edited.pub.json' }), { exact: true }).waitFor();
    expect(await keys.region.getByRole('textbox').count()).toBe(0);
    const fingerprint = publisher.publicKey.keyId.match(/.{4}/g)!.join(' ');
    const found = keys.keyFile(publisher.publicKey.publisher);
    await found.getByText(fingerprint, { exact: true }).waitFor();
    await found.getByText(ui.t('console.keys.onStick', { file: keyFile, stick: path.basename(stick.dir) }), { exact: true }).waitFor();
    await expectNoSeriousViolations(page, 'the trusted publishers with a stick (ru)');
    await found.scrollIntoViewIfNeeded();
    await saveViewScreenshot(page, 'trusted-publishers-1280x900-ru');
    const dialog = await keys.pick(publisher.publicKey.publisher);
    await dialog.getByText(fingerprint, { exact: true }).waitFor();
    await expectNoSeriousViolations(page, 'the dialog trusting a publisher (ru)');
    await saveViewScreenshot(page, 'trust-publisher-dialog-1280x900-ru');
    // A wrong password of the administrator's: nothing is trusted, and the dialog says why.
    await keys.confirm(dialog, 'not my password');
    await dialog.getByText(ui.t('errors.staff.password_wrong'), { exact: true }).waitFor();
    expect((await api<Array<{ keyId: string }>>(host, 'keys.list', {}, admin)).map((key) => key.keyId)).not.toContain(publisher.publicKey.keyId);
    await keys.confirm(dialog, TEST_ADMIN.password);
    await dialog.waitFor({ state: 'detached' });
    await keys.region.getByText(ui.t('console.keys.added', { publisher: publisher.publicKey.publisher }), { exact: true }).waitFor();
    await keys.region.getByRole('row').filter({ hasText: fingerprint }).waitFor();
    await found.getByText(ui.t('console.keys.alreadyTrusted'), { exact: true }).waitFor();
    expect(await api<Array<{ keyId: string; publisher: string; shipped: boolean }>>(host, 'keys.list', {}, admin)).toContainEqual({ ...publisher.publicKey, shipped: false });
    await keys.region.getByRole('button', { name: ui.t('console.keys.removeNamed', { publisher: publisher.publicKey.publisher }), exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: ui.t('console.keys.remove'), exact: true }).click();
    await keys.region.getByText(ui.t('console.keys.removed', { publisher: publisher.publicKey.publisher }), { exact: true }).waitFor();
    expect((await api<Array<{ keyId: string }>>(host, 'keys.list', {}, admin)).map((key) => key.keyId)).not.toContain(publisher.publicKey.keyId);
    // The stick taken out: its key files leave the list.
    await stick.pull();
    await keys.region.getByText(ui.t('console.keys.noFiles'), { exact: true }).waitFor();

    // The certificate checker: a code this kiosk never issued is said to be unknown.
    await console.open('certificates');
    await page.getByLabel(ui.t('console.certificates.code'), { exact: true }).fill('7K3QD-M9X2A');
    await page.getByRole('button', { name: ui.t('console.certificates.check'), exact: true }).click();
    await page.getByText(ui.t('errors.certificate.not_found'), { exact: true }).waitFor();
    await expectNoSeriousViolations(page, 'the certificate checker (ru)');
  }, 120_000);

  it('hands a lesson set to another publisher after a warning and the password (Kyrgyz); from then on only the new publisher’s versions install; a librarian has no such button', async () => {
    // Issue 11, item 7. Packs are put on the stick folder the test cores use, through the API.
    const host = await startHostProcess(dataDir(), { env: { AYIL_DRIVE_ROOTS: TEST_DRIVE_ROOT } });
    hosts.push(host);
    const url = host.url;
    const admin = (await callHttpOk(url, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token as string;
    const first = generatePublisherKey('Санарип Аймак');
    const next = generatePublisherKey('Жаңы Китеп');
    for (const key of [first, next]) await callHttpOk(url, 'keys.trust', { ...key.publicKey, password: TEST_ADMIN.password }, admin);
    const librarian = { name: 'Айгүл', password: 'Тоо арасы китеп 7' };
    await callHttpOk(url, 'staff.create', { ...librarian, role: 'facilitator', yourPassword: TEST_ADMIN.password }, admin);
    const packOf = (version: string, key: typeof first) => makePack({ version, key, manifest: sourceManifest(version, { publisher: key.publicKey.publisher }) });
    expect(await importOverHttp(url, admin, await packOf('1.0.0', first))).toBe('done');

    const ui = new Ui('ky');
    const page = await openPage(url);
    await new KioskEntrance(page, ui).chooseLanguage();
    const console = await signIn(page, ui, TEST_ADMIN.name, TEST_ADMIN.password);
    await console.open('packs');
    const packs = new PacksPage(page, ui);
    const title = 'Сыноо 1.0.0';
    await packs.installed.getByRole('button', { name: ui.t('console.packs.transfer.openNamed', { title }), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: ui.t('console.packs.transfer.title', { title }) });
    await dialog.getByText(ui.t('console.packs.transfer.warning', { publisher: 'Санарип Аймак' }), { exact: true }).waitFor();
    const choice = dialog.getByLabel(ui.t('console.packs.transfer.to'), { exact: true });
    // The current publisher is not offered; the other trusted one is, with its fingerprint.
    const offered = await choice.locator('option').allTextContents();
    expect(offered.some((o) => o.includes('Санарип Аймак'))).toBe(false);
    expect(offered).toContain(`Жаңы Китеп — ${next.publicKey.keyId.match(/.{4}/g)!.join(' ')}`);
    await expectNoSeriousViolations(page, 'the dialog handing a lesson set to another publisher (ky)');
    await saveViewScreenshot(page, 'transfer-publisher-dialog-1280x900-ky');

    // Nothing chosen: the dialog says what is missing and nothing is sent.
    await dialog.getByRole('button', { name: ui.t('console.packs.transfer.confirm'), exact: true }).click();
    await dialog.getByText(ui.t('console.setup.problems.required'), { exact: true }).waitFor();
    await choice.selectOption(next.publicKey.keyId);
    const password = dialog.getByLabel(ui.t('console.common.yourPassword'), { exact: true });
    await password.fill('not my password');
    await dialog.getByRole('button', { name: ui.t('console.packs.transfer.confirm'), exact: true }).click();
    await dialog.getByText(ui.t('errors.staff.password_wrong'), { exact: true }).waitFor();
    expect(await callHttpOk(url, 'packs.installed', {}, admin)).toContainEqual(expect.objectContaining({ id: PACK_ID, ownerKeyId: first.publicKey.keyId }));

    await password.fill(TEST_ADMIN.password);
    await dialog.getByRole('button', { name: ui.t('console.packs.transfer.confirm'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await packs.installed.getByText(ui.t('console.packs.transfer.done', { title, publisher: 'Жаңы Китеп' }), { exact: true }).waitFor();
    expect(await callHttpOk(url, 'packs.installed', {}, admin)).toContainEqual(expect.objectContaining({ id: PACK_ID, ownerKeyId: next.publicKey.keyId }));
    expect(await importOverHttp(url, admin, await packOf('2.0.0', first))).toBe('failed');
    expect(await importOverHttp(url, admin, await packOf('1.1.0', next))).toBe('done');

    // A librarian sees the list without the button (and the API refuses them anyway).
    await console.signOut();
    const asLibrarian = await signIn(page, ui, librarian.name, librarian.password);
    await asLibrarian.open('packs');
    await packs.installed.getByRole('button', { name: ui.t('console.packs.removeNamed', { title: 'Сыноо 1.1.0' }), exact: true }).waitFor();
    expect(await packs.installed.getByRole('button', { name: ui.t('console.packs.transfer.openNamed', { title: 'Сыноо 1.1.0' }) }).count()).toBe(0);
    const token = (await callHttpOk(url, 'staff.login', librarian)).token as string;
    expect((await callHttp(url, 'packs.transfer', { packId: PACK_ID, keyId: first.publicKey.keyId, password: librarian.password }, token)).status).toBe(403);
  }, 180_000);
});
