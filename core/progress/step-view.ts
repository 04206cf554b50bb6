import { createHash } from 'node:crypto';
import type { StepView } from '../contract';
import type { ChoiceOption, Step } from '../packs/manifest';

/**
 * What the player may see of a step: choice answer keys removed; ordering items and matching
 * answers (which the pack lists in their correct order) shuffled, the same way every time.
 */
export function toStepView(step: Step): StepView {
  switch (step.kind) {
    case 'single-choice': {
      const { correctOptionId: _, options, ...view } = step;
      return { ...view, options: options.map(optionView) };
    }
    case 'multiple-choice': {
      const { correctOptionIds: _, options, ...view } = step;
      return { ...view, options: options.map(optionView) };
    }
    case 'ordering':
      return { ...step, items: shuffled(step.items, step.id) };
    case 'matching':
      return { ...step, right: shuffled(step.right, step.id) };
    default:
      return step;
  }
}

/** An option without its explanation, which would tell whether it is right. */
function optionView(option: ChoiceOption): { id: string; text: ChoiceOption['text'] } {
  return { id: option.id, text: option.text };
}

/** A fixed shuffle seeded by the step id, never the original order (that would give it away). */
export function shuffled<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  if (out.length > 1 && out.every((item, i) => item === items[i])) out.push(out.shift()!);
  return out;
}
