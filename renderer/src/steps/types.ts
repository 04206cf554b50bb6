import type { Language, MethodOutput, StepAnswer, StepView } from '../../../core/contract';

export type StepOf<K extends StepView['kind']> = Extract<StepView, { kind: K }>;
export type StepOutcome = MethodOutput<'progress.submitStep'>;

/** What every step component gets from the lesson player. */
export interface StepProps<K extends StepView['kind']> {
  step: StepOf<K>;
  packId: string;
  defaultLanguage: Language;
  /** True once core accepted the answer: the step shows it but no longer changes it. */
  locked: boolean;
}

/** Judged steps whose answer the lesson's own "Check my answer" button sends. */
export interface AnswerProps<K extends StepView['kind']> extends StepProps<K> {
  /** The answer as it stands now; null when there is nothing to send yet. */
  onChange(answer: StepAnswer | null): void;
}

/** Steps that run their own flow (mouse practice, practice forms) and send their answer themselves. */
export interface SelfSubmitProps<K extends StepView['kind']> extends StepProps<K> {
  /** Sends the answer to core; null when the call failed (the error banner says why). */
  submit(answer: StepAnswer): Promise<StepOutcome | null>;
}
