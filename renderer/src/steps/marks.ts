import type { OptionExplanation } from '../../../core/contract';

/**
 * What the last check said about the parts of an answer, shown in place beside them: each choice
 * picked (right or not, with the pack's reason) and each right one missed; the ordering items out of
 * place; the matching pairs that are wrong; the checklist things not ticked, to practise.
 * A part the learner changes after the check loses its mark (see useMarks).
 */
export interface Marks {
  /** Changes with every check, so steps know the marks are new. */
  attempt: number;
  explanations: readonly OptionExplanation[];
  wrongItems: readonly string[];
  unticked: readonly string[];
}

export const NO_MARKS: Marks = { attempt: 0, explanations: [], wrongItems: [], unticked: [] };
