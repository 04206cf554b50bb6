import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generatePublisherKey } from '../../core/packs/signing';
import { callHttp, callHttpOk, importOverHttp } from '../support/api';
import { expectNoSeriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { makePack, PACK_ID, sourceManifest, TEST_DRIVE_ROOT } from '../support/packs';
import { TEST_ADMIN } from '../support/set-up';
import { PacksPage, saveViewScreenshot, signIn } from './pages/console';
import { KioskEntrance, Ui } from './pages/player';

/*
 * Issue 11, item 7: an administrator hands a lesson set to another publisher from the console's
 * list of installed lesson sets, after a warning and their password; a librarian has no such
 * button. Kyrgyz, Debian Chromium against the built browser host.
 */

let browser: Browser;
let host: HostProcess | null = null;
let context: BrowserContext | null = null;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-e2e-publisher-'));
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
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function openPage(url: string): Promise<Page> {
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(error.message));
  await page.goto(url);
  return page;
}

describe('handing a lesson set to another publisher in the console', () => {
  it('warns, asks for the password again, and from then on only the new publisher’s versions install; a librarian cannot', async () => {
    host = await startHostProcess(dataDir, { env: { AYIL_DRIVE_ROOTS: TEST_DRIVE_ROOT } });
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
    expect(await callHttpOk(url, 'packs.installed', {}, admin)).toEqual([expect.objectContaining({ id: PACK_ID, ownerKeyId: first.publicKey.keyId })]);

    await password.fill(TEST_ADMIN.password);
    await dialog.getByRole('button', { name: ui.t('console.packs.transfer.confirm'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await packs.installed.getByText(ui.t('console.packs.transfer.done', { title, publisher: 'Жаңы Китеп' }), { exact: true }).waitFor();
    expect(await callHttpOk(url, 'packs.installed', {}, admin)).toEqual([expect.objectContaining({ id: PACK_ID, ownerKeyId: next.publicKey.keyId })]);
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
