import type { Language, StepAnswer } from '../core/contract';
import type { Step } from '../core';

/**
 * The right answer to a step, read from the pack itself: what a learner who does everything right
 * sends. The curriculum test walks every lesson with it, so a lesson added later is tested too.
 */
export function correctAnswer(step: Step, language: Language, defaultLanguage: Language): StepAnswer | undefined {
  switch (step.kind) {
    case 'text':
    case 'image':
    case 'audio':
    case 'video':
      return undefined;
    case 'single-choice':
      return { optionId: step.correctOptionId };
    case 'multiple-choice':
      return { optionIds: step.correctOptionIds };
    case 'ordering':
      return { order: step.items.map((item) => item.id) };
    case 'matching':
      return { pairs: Object.fromEntries(step.left.map((left, i) => [left.id, step.right[i]!.id])) };
    case 'mouse':
      return { done: true };
    case 'keyboard':
      return { typed: step.target[language] ?? step.target[defaultLanguage] ?? '' };
    case 'form': {
      const values: Record<string, string | boolean> = {};
      for (const field of step.pages.flatMap((page) => page.fields)) {
        const copied = field.copyFrom === undefined ? undefined : step.card?.rows.find((row) => row.id === field.copyFrom)?.value;
        const value = copied ?? field.sample ?? (field.type === 'select' ? field.options?.[0]?.id : field.type === 'checkbox' && field.required ? true : undefined);
        if (value !== undefined) values[field.id] = value;
      }
      return { values };
    }
    case 'checklist':
      return { checked: step.items.map((item) => item.id) };
  }
}
