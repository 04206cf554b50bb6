import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Ui } from './player';

/**
 * Page objects for the set-up wizard, the staff sign-in and the console's Packs, Backup and
 * Staff sections, in any language: every text comes from the renderer's catalogues through `Ui`,
 * so nothing is found unless the interface really is translated.
 */

export interface SiteAnswers {
  siteName: string;
  siteCode: string;
  district: string;
  region: string;
  adminName: string;
  adminPassword: string;
}

export class SetupWizard {
  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
  ) {}

  async expectStep(step: 'site' | 'place' | 'languages' | 'admin' | 'review', current: number): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: this.ui.t(`console.setup.steps.${step}`), exact: true }).waitFor();
    await this.page.getByText(this.ui.t('console.setup.stepOf', { current, total: 5 }), { exact: true }).waitFor();
  }

  field(name: keyof SiteAnswers | 'adminPasswordAgain'): Locator {
    return this.page.getByLabel(this.ui.t(`console.setup.fields.${name}`), { exact: true });
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: this.ui.t('console.setup.next'), exact: true }).click();
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: this.ui.t('console.setup.back'), exact: true }).click();
  }

  /** The problem shown under a field, read with it (aria-describedby). */
  async expectProblem(name: keyof SiteAnswers | 'adminPasswordAgain', problem: 'required' | 'code' | 'short' | 'mismatch'): Promise<void> {
    const field = this.field(name);
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    const described = (await field.getAttribute('aria-describedby')) ?? '';
    const texts = await Promise.all(described.split(' ').map((id) => this.page.locator(`[id="${id}"]`).innerText()));
    expect(texts).toContain(this.ui.t(`console.setup.problems.${problem}`));
    // Focus goes to the field to fix.
    expect(await field.evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
  }

  languageBox(nativeName: string): Locator {
    return this.page.getByRole('group', { name: this.ui.t('console.setup.fields.languages') }).getByRole('checkbox', { name: nativeName, exact: true });
  }

  async finish(): Promise<void> {
    await this.page.getByRole('button', { name: this.ui.t('console.setup.finish'), exact: true }).click();
  }

  /** The whole wizard with good answers and every language offered, as a librarian would. */
  async complete(answers: SiteAnswers): Promise<void> {
    await this.expectStep('site', 1);
    await this.field('siteName').fill(answers.siteName);
    await this.field('siteCode').fill(answers.siteCode);
    await this.next();
    await this.expectStep('place', 2);
    await this.field('district').fill(answers.district);
    await this.field('region').fill(answers.region);
    await this.next();
    await this.expectStep('languages', 3);
    await this.next();
    await this.expectStep('admin', 4);
    await this.field('adminName').fill(answers.adminName);
    await this.field('adminPassword').fill(answers.adminPassword);
    await this.field('adminPasswordAgain').fill(answers.adminPassword);
    await this.next();
    await this.expectStep('review', 5);
    await this.finish();
  }
}

/** The page set-up ends on: it is done, what may come next, and handing the computer over. */
export class SetupDonePage {
  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
  ) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.ui.t('console.done.title'), exact: true });
  }

  get installLessonSets(): Locator {
    return this.page.getByRole('button', { name: this.ui.t('console.done.packsButton'), exact: true });
  }

  get addLibrarian(): Locator {
    return this.page.getByRole('button', { name: this.ui.t('console.done.staffButton'), exact: true });
  }

  get signOut(): Locator {
    return this.page.getByRole('button', { name: this.ui.t('console.done.signOut'), exact: true });
  }
}

/** The picker's discreet "Staff" button, then the sign-in form; answers the console. */
export async function signIn(page: Page, ui: Ui, name: string, password: string): Promise<Console> {
  await page.getByRole('button', { name: ui.t('console.login.staffButton'), exact: true }).click();
  await page.getByRole('heading', { level: 1, name: ui.t('console.login.title'), exact: true }).waitFor();
  await page.getByLabel(ui.t('console.login.name'), { exact: true }).fill(name);
  await page.getByLabel(ui.t('console.login.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: ui.t('console.login.submit'), exact: true }).click();
  const console = new Console(page, ui);
  await console.nav.waitFor();
  return console;
}

export class Console {
  constructor(
    readonly page: Page,
    readonly ui: Ui,
  ) {}

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: this.ui.t('console.nav.label') });
  }

  async open(section: 'packs' | 'learners' | 'reports' | 'statistics' | 'backup' | 'staff' | 'settings' | 'certificates' | 'sync'): Promise<void> {
    await this.nav.getByRole('button', { name: this.ui.t(`console.nav.${section}`), exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: this.ui.t(`console.nav.${section}`), exact: true }).waitFor();
  }

  async signOut(): Promise<void> {
    await this.nav.getByRole('button', { name: this.ui.t('console.nav.signOut'), exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: this.ui.t('picker.title'), exact: true }).waitFor();
  }
}

export class PacksPage {
  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
  ) {}

  get installed(): Locator {
    return this.page.getByRole('region', { name: this.ui.t('console.packs.installedTitle') });
  }

  get usb(): Locator {
    return this.page.getByRole('region', { name: this.ui.t('console.usb.title') });
  }

  /** One stick in the USB panel, by its label. */
  stick(label: string): Locator {
    return this.usb.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: this.ui.t('console.usb.stick', { label }), exact: true }) });
  }

  /** One pack on a stick, by its file name. */
  stickPack(label: string, fileName: string): Locator {
    return this.stick(label).locator('.stick-pack').filter({ hasText: fileName });
  }

  importButton(fileName: string): Locator {
    return this.usb.getByRole('button', { name: this.ui.t('console.usb.importNamed', { name: fileName }), exact: true });
  }

  progress(fileName: string): Locator {
    return this.usb.getByRole('progressbar', { name: this.ui.t('console.usb.progressLabel', { name: fileName }), exact: true });
  }

  get copy(): Locator {
    return this.page.getByRole('region', { name: this.ui.t('console.copy.title') });
  }
}

export class BackupPage {
  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
  ) {}

  get make(): Locator {
    return this.page.getByRole('region', { name: this.ui.t('console.backup.makeTitle') });
  }

  get list(): Locator {
    return this.page.getByRole('region', { name: this.ui.t('console.backup.listTitle') });
  }

  /** The radio button for a stick, named by its label (the free space follows in the name). */
  async chooseStick(label: string): Promise<void> {
    const prefix = this.ui.t('console.target.stick', { label, free: '\u0000' }).split('\u0000')[0]!;
    await this.make.getByRole('radio', { name: prefix }).check();
  }

  /** Types the backup's passphrase (twice; `again` when the second differs), the password, and makes the backup. */
  async backUp(password: string, passphrase: string, again = passphrase): Promise<void> {
    await this.make.getByLabel(this.ui.t('console.backup.passphrase'), { exact: true }).fill(passphrase);
    await this.make.getByLabel(this.ui.t('console.backup.passphraseAgain'), { exact: true }).fill(again);
    await this.make.getByLabel(this.ui.t('console.common.yourPassword'), { exact: true }).fill(password);
    await this.make.getByRole('button', { name: this.ui.t('console.backup.make'), exact: true }).click();
  }

  /** Opens the list with the backups' passphrase: each row then shows its date, library and whether it opens. */
  async showBackups(passphrase: string): Promise<void> {
    await this.list.getByLabel(this.ui.t('console.backup.checkPassphrase'), { exact: true }).fill(passphrase);
    await this.list.getByRole('button', { name: this.ui.t('console.backup.check'), exact: true }).click();
  }
}

/** Settings → trusted publishers: the keys trusted, and the key files found on the sticks. */
export class TrustedKeysPage {
  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
  ) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: this.ui.t('console.keys.title') });
  }

  /** A key file found on a stick, by the publisher it names. */
  keyFile(publisher: string): Locator {
    return this.region.locator('.key-file').filter({ has: this.page.getByText(publisher, { exact: true }) });
  }

  /** Picks a publisher's key from the stick; answers the dialog that asks to confirm it. */
  async pick(publisher: string): Promise<Locator> {
    await this.region.getByRole('button', { name: this.ui.t('console.keys.pickNamed', { publisher }), exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: this.ui.t('console.keys.confirmTitle', { publisher }) });
    await dialog.waitFor();
    return dialog;
  }

  async confirm(dialog: Locator, password: string): Promise<void> {
    await dialog.getByLabel(this.ui.t('console.common.yourPassword'), { exact: true }).fill(password);
    await dialog.getByRole('button', { name: this.ui.t('console.keys.trust'), exact: true }).click();
  }
}

/**
 * What scrolls sideways on the page: the page itself, or any element that scrolls (a table in its
 * scroll box…), each described by its tag, class and how far it overflows. Empty when all fits.
 */
export function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const view = (globalThis as any).window;
    const describe = (el: any) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).trim().split(/\s+/).join('.')}` : ''}`;
    const found: string[] = [];
    const root = doc.scrollingElement;
    if (root.scrollWidth > root.clientWidth) found.push(`the page: ${root.scrollWidth} px wide in ${root.clientWidth}`);
    for (const el of doc.querySelectorAll('body *')) {
      const overflow = view.getComputedStyle(el).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
        found.push(`${describe(el)}: ${el.scrollWidth} px wide in ${el.clientWidth}`);
      }
    }
    return found;
  });
}

/** The buttons among `buttons` (each may match several) not wholly inside the window's width, by their names. */
export async function outOfView(page: Page, buttons: Locator[]): Promise<string[]> {
  const width = await page.evaluate(() => (globalThis as any).document.documentElement.clientWidth as number);
  const outside: string[] = [];
  for (const locator of buttons) {
    for (const button of await locator.all()) {
      const box = await button.boundingBox();
      if (!box || box.x < 0 || box.x + box.width > width) outside.push(`${(await button.innerText()).trim()} (${box ? `${Math.round(box.x)}–${Math.round(box.x + box.width)}` : 'not shown'} of ${width})`);
    }
  }
  return outside;
}

/**
 * Saves screenshots of the whole page under AYIL_E2E_SCREENSHOTS (when set), for people to look
 * at: one per screenful, top to bottom (a few at most), as someone scrolling would see it.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.AYIL_E2E_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const { width, height } = page.viewportSize()!;
  const total = await page.evaluate(() => (globalThis as any).document.documentElement.scrollHeight as number);
  for (let part = 0, y = 0; y < total && part < 6; part++, y += height) {
    await page.screenshot({ path: path.join(dir, `${name}-${part + 1}.png`), fullPage: true, clip: { x: 0, y, width, height: Math.min(height, total - y) } });
  }
}

/** Saves what the window shows now (a dialog over the page, a part scrolled to) under AYIL_E2E_SCREENSHOTS, when set. */
export async function saveViewScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.AYIL_E2E_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}
