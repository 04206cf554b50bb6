import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import ky from '../../../renderer/src/i18n/locales/ky.json';
import kyProfiles from '../../../renderer/src/i18n/locales/profiles/ky.json';

/** "Sign out" in the top bar and "Yes, sign out" in the question; the question says the progress is saved. */
export async function signOut(page: Page, saved = true) {
  await page.getByRole('button', { name: kyProfiles.signOut.button, exact: true }).click();
  const question = page.getByRole('dialog', { name: kyProfiles.signOut.title });
  await question.getByText(saved ? kyProfiles.signOut.saved : kyProfiles.signOut.guest, { exact: true }).waitFor();
  await question.getByRole('button', { name: kyProfiles.signOut.confirm, exact: true }).click();
}

/**
 * Page objects for the learner's screens, written against the Kyrgyz catalogue: if the UI were
 * in another language, none of these would find their buttons.
 */
export class LanguageScreen {
  constructor(private readonly page: Page) {}

  async choose(nativeName: 'Кыргызча' | 'Русский' | 'English') {
    await this.page.getByRole('button', { name: nativeName, exact: true }).click();
    return new PickerScreen(this.page);
  }
}

export class PickerScreen {
  constructor(private readonly page: Page) {}

  async isShown() {
    await this.page.getByRole('heading', { name: ky.picker.title }).waitFor();
  }

  async newLearner() {
    await this.page.getByRole('button', { name: ky.picker.newLearner }).click();
    return new NewLearnerScreen(this.page);
  }

  async choose(name: string) {
    await this.page.getByRole('button', { name, exact: true }).click();
    return new CoursesScreen(this.page);
  }
}

export class NewLearnerScreen {
  constructor(private readonly page: Page) {}

  async create(name: string, avatarName: string) {
    await this.page.getByLabel(ky.newLearner.nameLabel).fill(name);
    await this.page.getByRole('radio', { name: avatarName, exact: true }).check();
    await this.page.getByRole('button', { name: ky.newLearner.create }).click();
    // A new profile is asked the two optional questions once; these tests skip them.
    await new ProfileQuestionsScreen(this.page).skip();
    return new CoursesScreen(this.page);
  }
}

export class ProfileQuestionsScreen {
  constructor(private readonly page: Page) {}

  async skip() {
    await this.page.getByRole('heading', { name: kyProfiles.questions.title }).waitFor();
    await this.page.getByRole('button', { name: kyProfiles.questions.skip, exact: true }).click();
  }
}

export class CoursesScreen {
  constructor(private readonly page: Page) {}

  async isShown() {
    await this.page.getByRole('heading', { name: ky.courses.title }).waitFor();
  }

  async openLesson(title: string) {
    await this.page.getByRole('listitem').filter({ hasText: title }).getByRole('button').click();
    return new LessonScreen(this.page);
  }

  async continueLesson() {
    await this.page.getByRole('button', { name: ky.courses.continueButton.split('{{')[0]! }).click();
    return new LessonScreen(this.page);
  }

  lessonStatus(title: string) {
    return this.page.getByRole('listitem').filter({ hasText: title }).locator('.status').innerText();
  }

  hasContinueCard() {
    return this.page.getByRole('heading', { name: ky.courses.continueTitle }).isVisible();
  }

  /** "Sign out", then "Yes" in the question that says the progress is saved. */
  async signOut() {
    await signOut(this.page);
    return new PickerScreen(this.page);
  }
}

export class LessonScreen {
  constructor(private readonly page: Page) {}

  async position() {
    return this.page.locator('.step-position').innerText();
  }

  async next() {
    await this.page.getByRole('button', { name: ky.lesson.next }).click();
  }

  async answer(option: string) {
    await this.page.getByRole('radio', { name: option, exact: true }).check();
    await this.page.getByRole('button', { name: ky.lesson.check }).click();
  }

  async feedback() {
    const region = this.page.locator('.feedback p');
    await region.waitFor();
    return region.innerText();
  }

  async expectCompleted() {
    await this.page.getByRole('heading', { name: ky.lesson.completedTitle }).waitFor();
  }

  async backToCourses() {
    await this.page.getByRole('button', { name: ky.lesson.back }).click();
    const courses = new CoursesScreen(this.page);
    await courses.isShown();
    return courses;
  }
}

export async function expectStepPosition(lesson: LessonScreen, current: number, total: number) {
  await expect.poll(() => lesson.position()).toBe(ky.lesson.stepOf.replace('{{total}}', String(total)).replace('{{current}}', String(current)));
}
