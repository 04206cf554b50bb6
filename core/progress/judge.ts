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
  /** After a wrong ordering or matching: the items out of place, the left items matched wrongly. */
  wrongItems?: string[];
  /** For a checklist: the things the learner did not tick, to practise. */
  unticked?: string[];
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
      // Marked by item, not by place: the learner sees which of the items to move.
      const wrongItems = step.items.filter((item, i) => order[i] !== item.id).map((item) => item.id);
      const correct = order.length === step.items.length && wrongItems.length === 0;
      return correct ? { correct } : { correct, wrongItems };
    }
    case 'matching': {
      const pairs = need('pairs').pairs;
      const wrongItems = step.left.filter((left, i) => pairs[left.id] !== step.right[i]!.id).map((left) => left.id);
      const correct = Object.keys(pairs).length === step.left.length && wrongItems.length === 0;
      return correct ? { correct } : { correct, wrongItems };
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
      // A practice reference: digits only, which read the same in every language (the player says "practice").
      return { correct: true, reference: String(randomInt(100000, 1000000)) };
    }
    case 'checklist': {
      // An honest "not yet" finishes the checklist too: what is not ticked is what to practise.
      const checked = new Set(need('checked').checked);
      return { correct: true, unticked: step.items.filter((item) => !checked.has(item.id)).map((item) => item.id) };
    }
  }
}

/**
 * Each picked option once, saying whether it was right, with the pack's reason; when the answer is
 * not complete, also the right options that were missed, with their reason: once checked, a
 * learner who missed one is told which and why, so nobody is left guessing.
 */
function explain(options: readonly ChoiceOption[], chosen: ReadonlySet<string>, right: ReadonlySet<string>, sayMissed: boolean): OptionExplanation[] {
  return options.flatMap((option) => {
    const picked = chosen.has(option.id);
    if (!picked && !(sayMissed && right.has(option.id))) return [];
    const said = { ...(option.explain ? { text: option.explain } : {}), ...(option.explainNarration ? { narration: option.explainNarration } : {}) };
    return [{ optionId: option.id, picked, correct: right.has(option.id), ...said }];
  });
}

/** Typing practice forgives doubled spaces and invisible differences, not wrong letters. */
function normaliseTyping(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}
