import { randomInt } from 'node:crypto';
import { checkFields, type StepAnswer } from '../contract';
import { AppError } from '../errors';
import type { Step } from '../packs/manifest';

export interface Judgement {
  /** null: the step is not judged (it is done once seen). */
  correct: boolean | null;
  fieldErrors?: Record<string, string>;
  reference?: string;
}

/** Decides whether an answer is right. The answer's shape must fit the step's kind. */
export function judge(step: Step, answer: StepAnswer | undefined): Judgement {
  const need = <K extends string>(key: K): Extract<StepAnswer, Record<K, unknown>> => {
    if (!answer || !(key in answer)) throw new AppError('step.answer_required', { stepId: step.id });
    return answer as Extract<StepAnswer, Record<K, unknown>>;
  };
  switch (step.kind) {
    case 'text':
    case 'image':
    case 'audio':
    case 'video':
      return { correct: null };
    case 'single-choice':
      return { correct: need('optionId').optionId === step.correctOptionId };
    case 'multiple-choice': {
      const chosen = new Set(need('optionIds').optionIds);
      return { correct: chosen.size === step.correctOptionIds.length && step.correctOptionIds.every((id) => chosen.has(id)) };
    }
    case 'ordering': {
      const order = need('order').order;
      return { correct: order.length === step.items.length && step.items.every((item, i) => order[i] === item.id) };
    }
    case 'matching': {
      const pairs = need('pairs').pairs;
      return { correct: Object.keys(pairs).length === step.left.length && step.left.every((left, i) => pairs[left.id] === step.right[i]!.id) };
    }
    case 'mouse':
      need('done');
      return { correct: true };
    case 'keyboard': {
      const typed = normaliseTyping(need('typed').typed);
      return { correct: Object.values(step.target).some((target) => target !== undefined && normaliseTyping(target) === typed) };
    }
    case 'form': {
      const values = need('values').values;
      const fieldErrors = checkFields(step.pages.flatMap((page) => page.fields), values);
      if (Object.keys(fieldErrors).length > 0) return { correct: false, fieldErrors };
      // A practice reference, shaped like the portal's, but marked as practice.
      return { correct: true, reference: `PRACTICE-${randomInt(100000, 1000000)}` };
    }
    case 'checklist': {
      const checked = new Set(need('checked').checked);
      return { correct: step.items.every((item) => checked.has(item.id)) };
    }
  }
}

/** Typing practice forgives doubled spaces and invisible differences, not wrong letters. */
function normaliseTyping(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}
