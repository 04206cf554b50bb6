import { randomInt } from 'node:crypto';
import { checkFields, type OptionExplanation, type StepAnswer } from '../contract';
import { AppError } from '../errors';
import type { ChoiceOption, Step } from '../packs/manifest';

export interface Judgement {
  /** null: the step is not judged (it is done once seen). */
  correct: boolean | null;
  fieldErrors?: Record<string, string>;
  reference?: string;
  /** For choice steps: what the pack says about the options the learner picked, and the right ones missed. */
  explanations?: OptionExplanation[];
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
    case 'single-choice': {
      const chosen = need('optionId').optionId;
      const correct = chosen === step.correctOptionId;
      return { correct, explanations: explain(step.options, new Set([chosen]), new Set([step.correctOptionId]), false) };
    }
    case 'multiple-choice': {
      const chosen = new Set(need('optionIds').optionIds);
      const right = new Set(step.correctOptionIds);
      const correct = chosen.size === right.size && step.correctOptionIds.every((id) => chosen.has(id));
      return { correct, explanations: explain(step.options, chosen, right, !correct) };
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
      const fieldErrors = checkFields(step.pages.flatMap((page) => page.fields), values, step.card);
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

/**
 * Each picked option once, saying whether it was right, with the pack's reason; when the answer is
 * not complete, also the right options that were missed (without their text, so the learner still
 * has to find them).
 */
function explain(options: readonly ChoiceOption[], chosen: ReadonlySet<string>, right: ReadonlySet<string>, sayMissed: boolean): OptionExplanation[] {
  return options.flatMap((option) => {
    const picked = chosen.has(option.id);
    if (!picked && !(sayMissed && right.has(option.id))) return [];
    const said = picked ? { ...(option.explain ? { text: option.explain } : {}), ...(option.explainNarration ? { narration: option.explainNarration } : {}) } : {};
    return [{ optionId: option.id, picked, correct: right.has(option.id), ...said }];
  });
}

/** Typing practice forgives doubled spaces and invisible differences, not wrong letters. */
function normaliseTyping(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}
