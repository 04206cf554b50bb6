import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { LANGUAGES, type Language } from '../../core/contract';
import type { Step } from '../../core/packs/manifest';
import { bundledManifest, bundledSourceDirs } from '../support/bundled-sources';
import { hostAndChromium } from '../support/host-and-chromium';
import { learnerAt, openAs, type StepPlace } from './pages/at-step';
import { Ui } from './pages/player';
import { StepDoer } from './pages/steps';

/*
 * "One screen, no scrolling for the next action": on a 1024×768 screen, at each text size, in the
 * normal and the high-contrast theme, the step and its main action (Check, Next, Play, a form's
 * Next) are on the screen without scrolling, for every kind of step in the bundled packs; the
 * on-screen keyboard is there whole. The steps tried are, for each kind, the one of all bundled
 * lessons with the most to show (the most text and answers, in the language that writes it
 * longest); for mouse practice, the most wordy of each task.
 */
const VIEWPORT = { width: 1024, height: 768 };
const TEXT_SIZES = ['normal', 'large', 'largest'] as const;

/** Roughly how much a step puts on the screen in a language: its texts, and a line for each answer or field. */
function bulk(step: Step, language: Language): number {
  let chars = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record[language] === 'string' && Object.keys(record).every((k) => (LANGUAGES as readonly string[]).includes(k))) {
      chars += (record[language] as string).length;
      return;
    }
    // Only what the screen shows before any answer: not the reasons shown after a check.
    for (const [key, value] of Object.entries(record)) if (key !== 'explain' && key !== 'feedback' && key !== 'narration' && key !== 'errorMessage') walk(value);
  };
  walk(step);
  const rows = 'options' in step ? step.options.length : 'items' in step ? step.items.length : 'left' in step ? step.left.length : step.kind === 'form' ? step.pages[0]!.fields.length + (step.card?.rows.length ?? 0) : 0;
  return chars + rows * 60;
}

function heaviestSteps(): StepPlace[] {
  const all: Array<StepPlace & { weight: number; group: string }> = [];
  for (const dir of bundledSourceDirs()) {
    const manifest = bundledManifest(path.basename(dir));
    for (const lesson of manifest.courses.flatMap((c) => c.lessons)) {
      lesson.steps.forEach((step, index) => {
        for (const language of manifest.languages) {
          if (step.kind === 'keyboard' && (step.keyboard ?? language) !== language) continue;
          // Mouse practice per task; typing per keyboard language (Kyrgyz has the most keys marked).
          const group = step.kind === 'mouse' ? `mouse:${step.task}` : step.kind === 'keyboard' ? `keyboard:${step.keyboard ?? language}` : step.kind;
          all.push({ packId: manifest.id, lessonId: lesson.id, lesson, index, step, language, defaultLanguage: manifest.defaultLanguage, weight: bulk(step, language), group });
        }
      });
    }
  }
  const heaviest = new Map<string, (typeof all)[number]>();
  for (const place of all) if ((heaviest.get(place.group)?.weight ?? -1) < place.weight) heaviest.set(place.group, place);
  // The choice with the most answers too, when it is not the wordiest.
  for (const kind of ['single-choice', 'multiple-choice', 'checklist'] as const) {
    const most = all.filter((p) => p.step.kind === kind).sort((a, b) => ('options' in b.step ? b.step.options.length : 'items' in b.step ? b.step.items.length : 0) - ('options' in a.step ? a.step.options.length : 'items' in a.step ? a.step.items.length : 0) || b.weight - a.weight)[0];
    if (most) heaviest.set(`${kind}:most`, most);
  }
  return [...new Map([...heaviest.values()].map((p) => [`${p.packId}/${p.lessonId}/${p.step.id}/${p.language}`, p])).values()];
}

const PLACES = heaviestSteps();

/** Whether the element is wholly inside the window and the step's area (nothing scrolled), and not covered. */
async function inSight(target: Locator): Promise<{ ok: boolean; why: string }> {
  return target.evaluate((element) => {
    const page = globalThis as any;
    const box = element.getBoundingClientRect();
    const area = element.closest('.step-scroll')?.getBoundingClientRect() ?? { top: 0, bottom: page.innerHeight, left: 0, right: page.innerWidth };
    const inWindow = box.top >= 0 && box.left >= 0 && box.bottom <= page.innerHeight + 0.5 && box.right <= page.innerWidth + 0.5;
    const inArea = box.top >= area.top - 0.5 && box.bottom <= area.bottom + 0.5 && box.left >= area.left - 0.5 && box.right <= area.right + 0.5;
    const hit = page.document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const seen = hit !== null && (element === hit || element.contains(hit));
    const pageScrolls = page.document.scrollingElement.scrollHeight > page.innerHeight + 0.5 || page.scrollY !== 0;
    const why = `box ${Math.round(box.top)}–${Math.round(box.bottom)} × ${Math.round(box.left)}–${Math.round(box.right)} in a ${page.innerWidth}×${page.innerHeight} window, step area ${Math.round(area.top)}–${Math.round(area.bottom)}${seen ? '' : ', covered or hidden'}${pageScrolls ? ', and the page scrolls' : ''}`;
    return { ok: inWindow && inArea && seen && !pageScrolls, why };
  });
}

async function expectInSight(target: Locator, what: string): Promise<void> {
  await target.first().waitFor({ timeout: 10_000 });
  const seen = await inSight(target.first());
  expect(seen.ok, `${what}: ${seen.why}`).toBe(true);
}

/** Every key of the on-screen keyboard, Backspace and both Shifts included, is on the screen. */
async function expectWholeKeyboard(page: Page, where: string): Promise<void> {
  const keys = page.locator('.on-screen-keyboard .key');
  const count = await keys.count();
  expect(count, 'keys drawn').toBeGreaterThan(45);
  for (let i = 0; i < count; i++) {
    const seen = await inSight(keys.nth(i));
    expect(seen.ok, `${where}: key ${i + 1} of ${count} (“${await keys.nth(i).innerText()}”): ${seen.why}`).toBe(true);
  }
}

describe('one screen, no scrolling for the next action (Debian Chromium, 1024×768, against the browser host)', () => {
  const kiosk = hostAndChromium('one-screen');

  it('tries the heaviest step of every kind and every mouse task', () => {
    const kinds = new Set(PLACES.map((p) => p.step.kind));
    expect([...kinds].sort()).toEqual(['audio', 'checklist', 'form', 'image', 'keyboard', 'matching', 'mouse', 'multiple-choice', 'ordering', 'single-choice', 'text', 'video']);
    expect(new Set(PLACES.flatMap((p) => (p.step.kind === 'mouse' ? [p.step.task] : []))).size).toBe(5);
  });

  for (const textSize of TEXT_SIZES) {
    for (const highContrast of [false, true]) {
      const look = `${textSize} text, ${highContrast ? 'high contrast' : 'normal colours'}`;
      it(`shows each step with its main action and the whole keyboard without scrolling (${look})`, async () => {
        const context = await kiosk.browser.newContext({ viewport: VIEWPORT });
        try {
          const page = await context.newPage();
          const problems: string[] = [];
          page.on('pageerror', (error) => problems.push(error.message));
          await page.goto(kiosk.host.url);
          for (const [n, place] of PLACES.entries()) {
            const where = `${place.packId} ${place.lessonId} step ${place.index + 1} (${place.step.kind}${place.step.kind === 'mouse' ? ` ${place.step.task}` : ''}, ${place.language}, ${look})`;
            const ui = new Ui(place.language);
            const session = await learnerAt(kiosk.host.url, place, `Окуучу ${textSize}${highContrast ? 'K' : ''} ${n}`);
            await openAs(page, session, { packId: place.packId, lessonId: place.lessonId }, { textSize, highContrast });
            const doer = new StepDoer(page, ui, 'pointer', place.defaultLanguage);
            await expect.poll(() => doer.stepHeading.innerText(), { timeout: 10_000 }).toBe(ui.t('lesson.stepOf', { current: place.index + 1, total: place.lesson.steps.length }));
            expect(await page.getAttribute('html', 'data-text-size')).toBe(textSize);
            const step = place.step;
            switch (step.kind) {
              case 'text':
              case 'image':
                await expectInSight(doer.actionButton(ui.t('lesson.next')), `“Next” on ${where}`);
                break;
              case 'audio':
                await expectInSight(page.locator('.audio-controls').getByRole('button', { name: ui.t('player.audio.play'), exact: true }), `“Listen” on ${where}`);
                await expectInSight(doer.actionButton(ui.t('lesson.next')), `“Next” on ${where}`);
                break;
              case 'video':
                // The browser's controls are drawn at the bottom of the video: all of it must show.
                await expectInSight(page.locator('.video-step video'), `the video and its play control on ${where}`);
                await expectInSight(doer.actionButton(ui.t('lesson.next')), `“Next” on ${where}`);
                break;
              case 'single-choice':
              case 'ordering':
              case 'matching':
                await expectInSight(doer.actionButton(ui.t('lesson.check')), `“Check” on ${where}`);
                break;
              case 'multiple-choice': {
                await expectInSight(doer.actionButton(ui.t('lesson.check')), `“Check” on ${where}`);
                // After a wrong answer, explained beside the answers, "Check" is still in sight.
                const wrong = step.options.find((o) => !step.correctOptionIds.includes(o.id))!;
                await page.getByRole('checkbox', { name: doer.text(wrong.text), exact: true }).check();
                await doer.check();
                await page.locator('.option-mark').first().waitFor();
                await expectInSight(doer.actionButton(ui.t('lesson.check')), `“Check” after a wrong answer on ${where}`);
                break;
              }
              case 'checklist':
                await expectInSight(doer.actionButton(ui.t('player.checklist.finish')), `“${ui.t('player.checklist.finish')}” on ${where}`);
                break;
              case 'keyboard': {
                await expectInSight(doer.actionButton(ui.t('lesson.check')), `“Check” on ${where}`);
                await expectWholeKeyboard(page, where);
                // A slip: Backspace is marked, with the explanation above: all still on the screen.
                const box = page.getByLabel(ui.t('player.keyboard.typeHere'), { exact: true });
                await box.click();
                const first = [...doer.text(step.target)][0]!;
                await page.keyboard.type(first === 'q' ? 'w' : 'q');
                await page.locator('.on-screen-keyboard .key.backspace.next').waitFor();
                await expectInSight(page.locator('.on-screen-keyboard .key.backspace'), `Backspace after a slip on ${where}`);
                await expectWholeKeyboard(page, `${where}, after a slip`);
                await expectInSight(doer.actionButton(ui.t('lesson.check')), `“Check” after a slip on ${where}`);
                break;
              }
              case 'mouse':
                await doer.doStep(step);
                await expectInSight(doer.actionButton(ui.t('lesson.next')), `“Next” after the practice on ${where}`);
                break;
              case 'form':
                await expectInSight(doer.actionButton(ui.t('player.form.next')), `the form's “Next” on ${where}`);
                break;
            }
          }
          expect(problems).toEqual([]);
        } finally {
          await context.close();
        }
      }, 180_000);
    }
  }
});
