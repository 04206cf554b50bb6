import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { callHttp, callHttpOk } from '../support/api';
import { expectNoSeriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { createFatStick } from '../support/fat-stick';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { TEST_PASSPHRASE } from '../support/backups';
import { TEST_ADMIN, TEST_SITE } from '../support/set-up';
import { tempDir } from '../support/temp-dir';
import { BackupPage, signIn } from './pages/console';
import { KioskEntrance, Ui } from './pages/player';

/*
 * An administrator backs the kiosk up onto a real FAT stick and restores that backup: what was
 * done after the backup is gone, and everyone (learners and staff) is signed out.
 */

let browser: Browser;
let host: HostProcess | undefined;
let context: BrowserContext | undefined;
let dataDir: string | undefined;
const pageProblems: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterEach(async () => {
  await context?.close();
  await host?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  expect(pageProblems.splice(0), 'errors in the page').toEqual([]);
});
afterAll(async () => {
  await browser?.close();
});

const api = <T = any>(method: string, input: unknown, token?: string) => callHttpOk<T>(host!.url, method, input, token);

describe('backup and restore from the console (Debian Chromium, browser host, FAT stick)', () => {
  it('backs up to a stick after the password is confirmed, and restoring it brings the old data back and signs everyone out', async () => {
    const media = tempDir('ayil-media-');
    const stick = await createFatStick({ sizeMb: 64, parentDir: media });
    const label = path.basename(stick.dir);
    process.env.AYIL_DRIVE_ROOTS = media;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-e2e-backup-'));
    host = await startHostProcess(dataDir);
    await api('learners.create', { displayName: 'Before Backup', avatar: 'sun', language: 'en' });

    const ui = new Ui('en');
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageProblems.push(error.message));
    await page.goto(host.url);
    await new KioskEntrance(page, ui).chooseLanguage();
    const console = await signIn(page, ui, TEST_ADMIN.name, TEST_ADMIN.password);
    await console.open('backup');
    const backup = new BackupPage(page, ui);
    await backup.chooseStick(label);
    await expectNoSeriousViolations(page, 'the backup section (en)');

    // The passphrase typed differently twice: the form says so before anything is sent.
    await backup.backUp(TEST_ADMIN.password, TEST_PASSPHRASE, `${TEST_PASSPHRASE}!`);
    await backup.make.getByText(ui.t('console.backup.problems.mismatch'), { exact: true }).waitFor();
    // A wrong password: nothing is written, and the form says why.
    await backup.backUp('not my password', TEST_PASSPHRASE);
    await backup.make.getByText(ui.t('errors.staff.password_wrong'), { exact: true }).waitFor();
    expect(fs.readdirSync(stick.dir).filter((name) => name.startsWith('ayil-backup'))).toEqual([]);

    await backup.backUp(TEST_ADMIN.password, TEST_PASSPHRASE);
    const made = backup.make.getByText(ui.t('console.backup.made', { file: '\u0000', size: '' }).split('\u0000')[0]!);
    // Fails at once, naming the problem, if the form shows an error instead.
    const failed = backup.make.locator('.console-error:not(:empty)');
    await made.or(failed).first().waitFor({ timeout: 60_000 });
    expect(await failed.count(), `backup failed: ${await failed.allInnerTexts()}`).toBe(0);
    const admin = await adminToken();
    const [drive] = await api<Array<{ id: string }>>('drives.list', {}, admin);
    const [listed] = await api<Array<{ file: string; name: string }>>('backup.list', { target: { kind: 'drive', driveId: drive!.id } }, admin);
    expect(fs.existsSync(listed!.file)).toBe(true);
    expect(listed!.file.startsWith(stick.dir)).toBe(true);
    expect(await made.innerText()).toContain(listed!.file);
    // Its date and library come from inside the backup, once the passphrase opens it.
    await backup.showBackups(TEST_PASSPHRASE);
    const row = backup.list.getByRole('row').filter({ hasText: listed!.name }).filter({ hasText: TEST_SITE.siteName });
    await row.waitFor({ timeout: 30_000 });

    // After the backup: a new learner, signed in at another PC of the classroom.
    const after = await api<{ token: string }>('learners.create', { displayName: 'After Backup', avatar: 'moon', language: 'en' });

    // Restore: a confirmation that says what is lost, and the password again.
    await row.getByRole('button', { name: ui.t('console.backup.restoreNamed', { name: listed!.name }), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: ui.t('console.backup.restoreTitle') });
    await dialog.getByText(ui.t('console.backup.restoreText'), { exact: true }).waitFor();
    await expectNoSeriousViolations(page, 'the restore confirmation (en)');
    await dialog.getByLabel(ui.t('console.common.yourPassword'), { exact: true }).fill(TEST_ADMIN.password);
    await dialog.getByRole('button', { name: ui.t('console.backup.restoreConfirm'), exact: true }).click();

    // Everyone signed out: the console closes on the staff sign-in, saying why.
    await page.getByRole('heading', { level: 1, name: ui.t('console.login.title'), exact: true }).waitFor({ timeout: 60_000 });
    await page.getByText(ui.t('console.login.restored'), { exact: true }).waitFor();
    await expectNoSeriousViolations(page, 'the staff sign-in after a restore (en)');
    expect(await console.nav.count()).toBe(0);
    expect((await callHttp(host.url, 'learner.me', {}, after.token)).body.error?.code).toBe('auth.session_expired');

    // The learners are those of the backup.
    await page.getByRole('button', { name: ui.t('console.login.back'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: ui.t('picker.title'), exact: true }).waitFor();
    await page.getByRole('button', { name: 'Before Backup', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'After Backup', exact: true }).count()).toBe(0);
    expect((await api<Array<{ displayName: string }>>('learners.list', {})).map((l) => l.displayName)).toEqual(['Before Backup']);
  }, 180_000);
});

async function adminToken(): Promise<string> {
  return (await api<{ token: string }>('staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;
}
