import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Language, LocalizedText } from '../../../core/contract';
import type { LessonDef, Step } from '../../../core/packs/manifest';
import { correctAnswer } from '../../../authoring/answers';
import { KeyboardUser, Ui, type Input } from './player';

/**
 * Does any step of any lesson right, the way a learner would: with the mouse (pointer) or with
 * keys only (Tab to a control, then Enter, Space, arrows or typing). What is right comes from the
 * pack's own answers, so it works on every lesson of the bundled packs, present and future.
 */
export class StepDoer {
  readonly keys: KeyboardUser;

  constructor(
    private readonly page: Page,
    private readonly ui: Ui,
    private readonly input: Input,
    private readonly defaultLanguage: Language,
  ) {
    this.keys = new KeyboardUser(page);
  }

  text(localized: LocalizedText): string {
    return localized[this.ui.language] ?? localized[this.defaultLanguage]!;
  }

  /** A button of the lesson's bottom row (Check / Next, a practice form's own buttons). */
  actionButton(name: string): Locator {
    return this.page.locator('.lesson-screen > .actions').getByRole('button', { name, exact: true });
  }

  get stepHeading(): Locator {
    return this.page.locator('h2.step-position');
  }

  /** Clicks, or Tabs to the control and presses Enter. */
  async press(target: Locator, what: string): Promise<void> {
    if (this.input === 'pointer') await target.click();
    else await this.keys.activate(target, what);
  }

  /** Ticks or chooses a box or round button: a click, or Tab and Space. */
  private async tick(target: Locator, what: string): Promise<void> {
    if (this.input === 'pointer') await target.check();
    else {
      await this.keys.tabTo(target, what);
      await this.keys.press('Space');
    }
    expect(await target.isChecked(), what).toBe(true);
  }

  /** Chooses an option of a native list by its text: selectOption, or Down until it is chosen. */
  private async choose(list: Locator, option: string): Promise<void> {
    if (this.input === 'pointer') return void (await list.selectOption({ label: option }));
    await this.keys.tabTo(list, `the list for “${option}”`);
    const chosen = () => list.evaluate((s: any) => s.selectedOptions[0]?.textContent ?? '');
    const count = await list.locator('option').count();
    for (let presses = 0; (await chosen()) !== option; presses++) {
      if (presses > count) throw new Error(`the Down key never chose “${option}”`);
      await this.keys.press('ArrowDown');
    }
  }

  async check(label = this.ui.t('lesson.check')): Promise<void> {
    await this.press(this.actionButton(label), `“${label}”`);
  }

  async next(): Promise<void> {
    await this.press(this.actionButton(this.ui.t('lesson.next')), `“${this.ui.t('lesson.next')}”`);
  }

  /** Waits until the main button says "Next": the step is done. */
  async expectDone(): Promise<void> {
    await this.actionButton(this.ui.t('lesson.next')).waitFor({ timeout: 10_000 });
  }

  /** Does the step right, up to the point where "Next" is the way on (not pressed). */
  async doStep(step: Step): Promise<void> {
    switch (step.kind) {
      case 'text':
      case 'image':
      case 'audio':
      case 'video':
        return this.expectDone();
      case 'single-choice': {
        await this.chooseOne(this.text(step.options.find((o) => o.id === step.correctOptionId)!.text));
        await this.check();
        return this.expectDone();
      }
      case 'multiple-choice': {
        for (const id of step.correctOptionIds) {
          const option = this.text(step.options.find((o) => o.id === id)!.text);
          await this.tick(this.page.getByRole('checkbox', { name: option, exact: true }), `the answer “${option}”`);
        }
        await this.check();
        return this.expectDone();
      }
      case 'ordering':
        await this.putInOrder(step.items.map((item) => this.text(item.text)));
        await this.check();
        return this.expectDone();
      case 'matching':
        for (const [i, left] of step.left.entries()) await this.choose(this.page.getByLabel(this.text(left.text), { exact: true }), this.text(step.right[i]!.text));
        await this.check();
        return this.expectDone();
      case 'mouse':
        await this.practise(step);
        return this.expectDone();
      case 'keyboard': {
        const box = this.page.getByLabel(this.ui.t('player.keyboard.typeHere'), { exact: true });
        const target = this.text(step.target);
        if (this.input === 'pointer') {
          await box.click();
          await this.page.keyboard.type(target);
          await this.check();
        } else {
          await this.keys.tabTo(box, 'the typing box');
          await this.keys.type(target);
          await this.keys.press('Enter');
        }
        return this.expectDone();
      }
      case 'form':
        await this.fillForm(step);
        return this.expectDone();
      case 'checklist':
        for (const item of step.items) {
          const text = this.text(item.text);
          await this.tick(this.page.getByRole('checkbox', { name: text, exact: true }), `the item “${text}”`);
        }
        await this.check(this.ui.t('player.checklist.finish'));
        return this.expectDone();
    }
  }

  async chooseOne(option: string): Promise<void> {
    const wanted = this.page.getByRole('radio', { name: option, exact: true });
    if (this.input === 'pointer') return void (await wanted.check());
    const radios = this.page.getByRole('radio');
    await this.keys.tabTo(radios, 'the answers');
    const count = await radios.count();
    if (await this.keys.hasFocus(wanted)) await this.keys.press('Space');
    for (let presses = 0; !(await this.keys.hasFocus(wanted)); presses++) {
      if (presses > count) throw new Error(`arrow keys never reached the answer “${option}”`);
      await this.keys.press('ArrowDown');
    }
    expect(await wanted.isChecked()).toBe(true);
  }

  async putInOrder(wanted: readonly string[]): Promise<void> {
    const texts = () => this.page.locator('.order-list .order-text').allInnerTexts();
    for (let target = 0; target < wanted.length; target++) {
      const item = wanted[target]!;
      const button = this.page.getByRole('button', { name: this.ui.t('player.ordering.moveUpItem', { item }), exact: true });
      let at = (await texts()).indexOf(item);
      while (at > target) {
        if (this.input === 'pointer') await button.click();
        else {
          if (!(await this.keys.hasFocus(button))) await this.keys.tabTo(button, `“Move up” of “${item}”`);
          await this.keys.press('Enter');
        }
        at--;
        await expect.poll(async () => (await texts()).indexOf(item)).toBe(at);
      }
    }
    expect(await texts()).toEqual(wanted);
  }

  private async practise(step: Extract<Step, { kind: 'mouse' }>): Promise<void> {
    const button = (key: string) => this.page.getByRole('button', { name: this.ui.t(key), exact: true });
    const progress = this.page.locator('.mouse-progress');
    const reached = (done: number) => expect.poll(() => progress.innerText()).toContain(this.ui.t('player.mouse.progress', { done, count: step.repetitions }));
    for (let go = 1; go <= step.repetitions; go++) {
      switch (step.task) {
        case 'click':
          if (this.input === 'pointer') await button('player.mouse.clickMe').click();
          else await this.keys.activate(button('player.mouse.clickMe'), 'the target');
          break;
        case 'double-click':
          if (this.input === 'pointer') await button('player.mouse.doubleClickMe').dblclick();
          else {
            await this.keys.activate(button('player.mouse.doubleClickMe'), 'the target');
            await this.keys.press('Enter');
          }
          break;
        case 'right-click':
          if (this.input === 'pointer') await button('player.mouse.rightClickMe').click({ button: 'right' });
          else {
            await this.keys.tabTo(button('player.mouse.rightClickMe'), 'the target');
            await this.keys.press('Shift+F10');
          }
          break;
        case 'drag': {
          if (this.input === 'keyboard') {
            await this.keys.activate(button('player.mouse.moveForMe'), '“Put it in the box for me”');
            break;
          }
          const shape = await this.page.locator('.drag-shape').boundingBox();
          const box = await this.page.locator('.drop-box').boundingBox();
          await this.page.mouse.move(shape!.x + shape!.width / 2, shape!.y + shape!.height / 2);
          await this.page.mouse.down();
          await this.page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2, { steps: 8 });
          await this.page.mouse.up();
          break;
        }
        case 'scroll': {
          const box = this.page.locator('.scroll-box');
          const down = go % 2 === 1;
          if (this.input === 'pointer') {
            await box.hover();
            await this.page.mouse.wheel(0, down ? 5000 : -5000);
          } else {
            await this.keys.tabTo(box, 'the box to scroll');
            await this.keys.press(down ? 'End' : 'Home');
          }
          break;
        }
      }
      await reached(go);
    }
  }

  private async fillForm(step: Extract<Step, { kind: 'form' }>): Promise<void> {
    const answer = correctAnswer(step, this.ui.language, this.defaultLanguage) as { values: Record<string, string | boolean> };
    const portal = this.page.locator('.practice-portal');
    for (const page of step.pages) {
      await portal.locator('h4').filter({ hasText: this.text(page.title) }).waitFor();
      for (const field of page.fields) {
        const value = answer.values[field.id];
        if (value === undefined || value === false) continue;
        const control = portal.getByLabel(this.text(field.label));
        if (field.type === 'checkbox') await this.tick(control, `the box “${this.text(field.label)}”`);
        else if (field.type === 'select') await this.choose(control, this.text(field.options!.find((o) => o.id === value)!.text));
        else if (this.input === 'pointer') await control.fill(String(value));
        else {
          await this.keys.tabTo(control, `the field “${this.text(field.label)}”`);
          await this.keys.type(String(value));
        }
      }
      await this.press(this.actionButton(this.ui.t('player.form.next')), 'the form’s “Next”');
    }
    await portal.locator('h4').filter({ hasText: this.ui.t('player.form.reviewTitle') }).waitFor();
    await this.press(this.actionButton(this.ui.t('player.form.submit')), 'the form’s “Send”');
    await portal.locator('.reference-number').waitFor({ timeout: 10_000 });
  }

  /**
   * From the step shown to the lesson's end: each step done right, then "Next". Answers the
   * number of steps done.
   */
  async walk(lesson: LessonDef): Promise<void> {
    const total = lesson.steps.length;
    for (;;) {
      const shown = await this.stepHeading.innerText();
      const current = lesson.steps.findIndex((_, i) => shown === this.ui.t('lesson.stepOf', { current: i + 1, total }));
      if (current < 0) throw new Error(`“${shown}” is not a step of ${lesson.id}`);
      await this.doStep(lesson.steps[current]!);
      await this.next();
      if (current === total - 1) return;
      await expect.poll(() => this.stepHeading.innerText(), { timeout: 10_000 }).toBe(this.ui.t('lesson.stepOf', { current: current + 2, total }));
    }
  }
}
