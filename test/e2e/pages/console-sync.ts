import type { Locator, Page } from 'playwright-core';
import type { Console } from './console';
import type { Ui } from './player';

/** The console's Sync section: status, enrolment, "send now" and "save figures to stick". */
export class SyncPage {
  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
  ) {}

  static async open(console: Console): Promise<SyncPage> {
    await console.open('sync');
    return new SyncPage(console.page, console.ui);
  }

  get status(): Locator {
    return this.page.getByRole('region', { name: this.ui.t('console.sync.statusTitle') });
  }

  get enrolment(): Locator {
    return this.page.getByRole('region', { name: this.ui.t('console.sync.enrolTitle') }).or(this.page.getByRole('region', { name: this.ui.t('console.sync.enrolAgainTitle') }));
  }

  get stick(): Locator {
    return this.page.getByRole('region', { name: this.ui.t('console.sync.stickTitle') });
  }

  /** The value shown for one of the status facts, found by its term. */
  fact(term: 'lastSuccess' | 'pending' | 'held' | 'lastError'): Locator {
    return this.status.locator('dl > div').filter({ has: this.page.getByRole('term').getByText(this.ui.t(`console.sync.${term}`), { exact: true }) }).getByRole('definition');
  }

  /** `password`: the administrator's own, typed again (enrolment decides where figures go). */
  async enrol(url: string, code: string, allowPlainHttp: boolean, password: string): Promise<void> {
    await this.enrolment.getByLabel(this.ui.t('console.sync.url'), { exact: true }).fill(url);
    await this.enrolment.getByLabel(this.ui.t('console.sync.code'), { exact: true }).fill(code);
    await this.enrolment.getByRole('checkbox', { name: this.ui.t('console.sync.allowHttp'), exact: true }).setChecked(allowPlainHttp);
    await this.enrolment.getByLabel(this.ui.t('console.common.yourPassword'), { exact: true }).fill(password);
    await this.enrolment.getByRole('button', { name: this.ui.t('console.sync.enrol'), exact: true }).click();
  }

  async sendNow(): Promise<void> {
    await this.status.getByRole('button', { name: this.ui.t('console.sync.sendNow'), exact: true }).click();
  }

  /** The radio button for a stick, named by its label (the free space follows in the name). */
  async chooseStick(label: string): Promise<void> {
    const prefix = this.ui.t('console.target.stick', { label, free: '\u0000' }).split('\u0000')[0]!;
    await this.stick.getByRole('radio', { name: prefix }).check();
  }

  async save(): Promise<void> {
    await this.stick.getByRole('button', { name: this.ui.t('console.sync.save'), exact: true }).click();
  }
}
