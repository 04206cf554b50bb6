// What several benchmarks share: a pack manifest of their own, Debian's Chromium, the console's sign-in.
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { catalogues } from '../renderer/src/i18n/catalogues';
import { TEST_ADMIN } from '../test/support/set-up';

const en = catalogues.en;

/** The same text in the three languages. */
export const inAllLanguages = (text: string) => ({ ky: text, ru: text, en: text });

/** One text step: a lesson with nothing in it but what a course needs. */
export const ONE_TEXT_LESSON = { id: 'only', title: inAllLanguages('Only lesson'), competences: [{ code: '1.1', level: 1 }], steps: [{ kind: 'text', id: 'first', body: inAllLanguages('Text.') }] };

/** A source manifest (the builder adds `files`) with one course of the given lessons. */
export function benchManifest(id: string, title: string, lessons: unknown[] = [ONE_TEXT_LESSON]) {
  return {
    id,
    version: '1.0.0',
    defaultLanguage: 'en',
    languages: ['ky', 'ru', 'en'],
    title: inAllLanguages(title),
    description: inAllLanguages(title),
    publisher: 'Bench',
    licence: 'CC-BY-4.0',
    minAppVersion: '0.1.0',
    courses: [{ id: 'bench-course', title: inAllLanguages(`${title}: the course`), description: inAllLanguages(title), lessons }],
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Signs the set-up's administrator in to the console (English); answers the console's navigation. */
export async function signInToConsole(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: en.console.login.staffButton, exact: true }).click();
  await page.getByLabel(en.console.login.name, { exact: true }).fill(TEST_ADMIN.name);
  await page.getByLabel(en.console.login.password, { exact: true }).fill(TEST_ADMIN.password);
  await page.getByRole('button', { name: en.console.login.submit, exact: true }).click();
  const nav = page.getByRole('navigation', { name: en.console.nav.label });
  await nav.waitFor();
  return nav;
}
