import type { Locator, Page } from 'playwright-core';
import type { Ui } from './player';

/**
 * Page objects for the console's Learners, Reports and Statistics export sections, in any of the
 * kiosk's languages: every text comes from the renderer's catalogues through `Ui`, so nothing is
 * found unless the interface really is translated.
 */

/** The learner picker's discreet "Staff" button, then the sign-in form. */
export async function signInToConsole(page: Page, ui: Ui, name: string, password: string): Promise<ConsoleNav> {
  await page.getByRole('button', { name: ui.t('console.login.staffButton'), exact: true }).click();
  await page.getByLabel(ui.t('console.login.name'), { exact: true }).fill(name);
  await page.getByLabel(ui.t('console.login.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: ui.t('console.login.submit'), exact: true }).click();
  const nav = new ConsoleNav(page, ui);
  await nav.region.waitFor();
  return nav;
}

export class ConsoleNav {
  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
  ) {}

  get region(): Locator {
    return this.page.getByRole('navigation', { name: this.ui.t('console.nav.label') });
  }

  private async open(section: 'learners' | 'reports' | 'statistics'): Promise<void> {
    await this.region.getByRole('button', { name: this.ui.t(`console.nav.${section}`), exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: this.ui.t(`console.nav.${section}`), exact: true }).waitFor();
  }

  async learners(): Promise<LearnersPage> {
    await this.open('learners');
    return new LearnersPage(this.page, this.ui);
  }

  async reports(): Promise<ReportsPage> {
    await this.open('reports');
    return new ReportsPage(this.page, this.ui);
  }

  async statistics(): Promise<StatisticsPage> {
    await this.open('statistics');
    return new StatisticsPage(this.page, this.ui);
  }
}

export class LearnersPage {
  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
  ) {}

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: this.ui.t('reports.learners.searchLabel') }).fill(text);
  }

  /** The count line under the search field ("4 of 4 learners shown"). */
  status(): Locator {
    return this.page.locator('.learners-section > p[role="status"]').first();
  }

  row(name: string): Locator {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  names(): Promise<string[]> {
    return this.page.locator('.learner-list .console-learner-name').allInnerTexts();
  }

  /** Opens a learner's progress and actions; answers the progress region. */
  async open(name: string): Promise<Locator> {
    const toggle = this.row(name).getByRole('button', { name: this.ui.t('reports.learners.details', { name }), exact: true });
    await toggle.click();
    const region = this.page.locator(`#${await toggle.getAttribute('aria-controls')}`);
    await region.waitFor();
    return region;
  }

  /** Each course's progress line as the learner's panel shows it, once loaded. */
  async progress(name: string): Promise<string[]> {
    const courses = this.row(name).locator('.learner-course');
    await courses.first().waitFor();
    return courses.allInnerTexts();
  }

  async resetPin(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: this.ui.t('reports.learners.resetPin', { name }), exact: true }).click();
    await this.page.getByText(this.ui.t('reports.learners.secretReset', { name }), { exact: true }).waitFor();
  }

  /** Asks to erase, reads the confirmation, and confirms it; answers the dialog's text. */
  async erase(name: string): Promise<string> {
    await this.row(name).getByRole('button', { name: this.ui.t('reports.learners.erase', { name }), exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: this.ui.t('reports.erase.title', { name }) });
    await dialog.waitFor();
    const text = await dialog.innerText();
    await dialog.getByRole('button', { name: this.ui.t('reports.erase.confirm', { name }), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.page.getByText(this.ui.t('reports.learners.erased', { name }), { exact: true }).waitFor();
    return text;
  }
}

export class ReportsPage {
  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
  ) {}

  /** Waits until the report (figures and charts) is on screen. */
  async ready(): Promise<void> {
    await this.page.locator('.reports-section[aria-busy="false"] .report').waitFor();
  }

  async choosePreset(preset: 'thisMonth' | 'last3Months' | 'thisYear'): Promise<void> {
    await this.page.getByRole('radio', { name: this.ui.t(`reports.period.${preset}`), exact: true }).check();
    await this.ready();
  }

  /** The number on a figure card, by its metric. */
  async figure(metric: 'learners_active' | 'lessons_started' | 'lessons_completed' | 'courses_started' | 'courses_completed'): Promise<number> {
    const card = this.page.locator('.figure-card').filter({ has: this.page.getByRole('term').getByText(this.ui.t(`reports.metric.${metric}`), { exact: true }) });
    return Number(await card.getByRole('definition').innerText());
  }

  chart(titleKey: string): Locator {
    return this.page.getByRole('figure', { name: this.ui.t(titleKey), exact: true });
  }

  /** Opens a chart's table and answers its rows, each as [label, ...values]. */
  async chartTable(titleKey: string): Promise<string[][]> {
    const chart = this.chart(titleKey);
    await chart.getByText(this.ui.t('reports.chart.showTable'), { exact: true }).click();
    const rows = chart.getByRole('table').locator('tbody tr');
    await rows.first().waitFor();
    return rows.evaluateAll((trs) => trs.map((tr) => Array.from((tr as any).children as ArrayLike<{ textContent: string | null }>, (cell) => (cell.textContent ?? '').trim())));
  }

  womenSentence(): Promise<string> {
    return this.page.locator('.women-sentence').innerText();
  }
}

export class StatisticsPage {
  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
  ) {}

  async ready(): Promise<void> {
    await this.page.locator('.statistics-section[aria-busy="false"] .stats-preview').waitFor();
  }

  summary(): Promise<string> {
    return this.page.locator('.stats-summary').innerText();
  }

  /** The preview table's rows as shown: week, course, metric, breakdown, group, count. */
  previewRows(): Promise<string[][]> {
    return this.page
      .locator('.stats-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from((tr as any).children as ArrayLike<{ textContent: string | null }>, (cell) => (cell.textContent ?? '').trim())));
  }

  /** Exports in a format to the stick with that label; answers the file path the page shows. */
  async exportTo(format: 'csv' | 'json', stickLabel: string, password: string): Promise<string> {
    await this.page.getByRole('radio', { name: this.ui.t(`reports.export.${format}`), exact: true }).check();
    // The stick's label is part of its radio's name, beside its free space.
    await this.page.getByRole('radio', { name: stickLabel }).check();
    await this.page.getByLabel(this.ui.t('reports.export.password'), { exact: true }).fill(password);
    await this.page.getByRole('button', { name: this.ui.t('reports.export.submit'), exact: true }).click();
    const file = this.page.locator('.export-form .written-file');
    await file.waitFor();
    return file.innerText();
  }
}
