import type { Language, StepView } from '../../../core/contract';
import { packSound, spokenKeys, type Sound } from '../components/Listen';

/** The interface's own instruction under each kind of step, read after the pack's narration. */
function instructionKeys(step: StepView): string[] {
  switch (step.kind) {
    case 'single-choice':
      return ['lesson.chooseOne'];
    case 'multiple-choice':
      return ['player.multipleChoice.chooseAll'];
    case 'ordering':
      return ['player.ordering.hint'];
    case 'matching':
      return ['player.matching.hint'];
    case 'checklist':
      return ['player.checklist.honest'];
    case 'form':
      return ['player.form.practiceTitle', 'player.form.practiceText', 'player.form.cardNote'];
    default:
      return [];
  }
}

/**
 * What the step's "Listen" says: the pack's narration of the step (its text, question and answers,
 * instruction…), then the interface's instruction for that kind of step. An audio step is its own
 * narration and has its own buttons.
 */
export function stepSounds(step: StepView, packId: string, language: Language, defaultLanguage: Language): Sound[] {
  if (step.kind === 'audio') return [];
  return [...packSound(packId, step.narration, language, defaultLanguage), ...spokenKeys(...instructionKeys(step))];
}
