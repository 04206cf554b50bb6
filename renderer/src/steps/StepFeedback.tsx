import { useTranslation } from 'react-i18next';
import type { Language, LocalizedText as Text, OptionExplanation, StepView } from '../../../core/contract';
import { ListenButton, packSound, spokenKeys } from '../components/Listen';
import { useApp } from '../state/app-store';
import { LocalizedText } from '../components/LocalizedText';

export type Feedback = {
  result: 'correct' | 'wrong' | 'missing';
  attempt: number;
  explanations?: readonly OptionExplanation[];
  wrongItems?: readonly string[];
  unticked?: readonly string[];
} | null;

/**
 * Says, once, whether the answer was right, in words and a sign (never by colour alone), under the
 * step and above the buttons, where it is always in sight. What the check found about each part of
 * the answer is marked beside the part itself (see the steps); this only says where to look. A
 * polite live region, so screen readers hear it; a Listen button reads it aloud.
 */
export function StepFeedback({ step, packId, feedback, defaultLanguage }: { step: StepView; packId: string; feedback: Feedback; defaultLanguage: Language }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const said = feedback ? saying(step, feedback) : null;
  const kind = feedback?.result === 'correct' ? 'correct' : 'wrong';
  return (
    <div className={said ? `feedback-area ${kind}` : 'feedback-area'}>
      {/* The live region holds only the words: screen readers hear them, not the button beside them. */}
      <div className="feedback" aria-live="polite">
        {feedback && said && (
          // Keyed by attempt: the same words after a second wrong try are announced again.
          <div key={feedback.attempt} className={`feedback-box ${kind}`}>
            <p className={kind === 'correct' ? 'feedback-correct' : 'feedback-wrong'}>
              {kind === 'correct' ? '✓ ' : ''}
              {t(said.key)}
            </p>
            {said.packText && (
              <div className="feedback-detail">
                <LocalizedText text={said.packText} defaultLanguage={defaultLanguage} />
              </div>
            )}
          </div>
        )}
      </div>
      {/* The sentence, then the pack's reason for each answer marked beside it, in their order. */}
      {feedback && said && (
        <ListenButton
          key={feedback.attempt}
          sounds={[...spokenKeys(said.key), ...(feedback.explanations ?? []).flatMap((e) => packSound(packId, e.narration, language, defaultLanguage))]}
          autoPlay
          className="feedback-listen"
        />
      )}
    </div>
  );
}

interface Saying {
  key: string;
  /** The pack's own feedback text (it has no recording of its own). */
  packText?: Text;
}

/**
 * The player's sentence for the result, and the pack's own words when they add something: the
 * pack's general "wrong" text is left out when the learner's picks have their own explanations
 * (it would talk about answers they did not choose, and say "not quite" a second time).
 */
function saying(step: StepView, feedback: NonNullable<Feedback>): Saying {
  const { result } = feedback;
  const choice = step.kind === 'single-choice' || step.kind === 'multiple-choice';
  const explained = (feedback.explanations ?? []).some((e) => e.text !== undefined);
  if (result === 'missing') return { key: missingKey(step) };
  if (result === 'correct') {
    if (step.kind === 'checklist') return { key: (feedback.unticked ?? []).length > 0 ? 'player.checklist.practise' : 'player.checklist.done' };
    return { key: 'lesson.correct', packText: choice ? step.feedback?.correct : undefined };
  }
  switch (step.kind) {
    case 'single-choice':
      return { key: 'lesson.wrong', packText: explained ? undefined : step.feedback?.wrong };
    case 'multiple-choice': {
      const someRight = (feedback.explanations ?? []).some((e) => e.picked && e.correct);
      return { key: someRight ? 'player.multipleChoice.partly' : 'player.multipleChoice.noneRight', packText: explained ? undefined : step.feedback?.wrong };
    }
    case 'ordering':
      return { key: 'player.ordering.marked' };
    case 'matching':
      return { key: 'player.matching.marked' };
    case 'keyboard':
      return { key: 'player.keyboard.wrong' };
    default:
      return { key: 'lesson.wrong' };
  }
}

function missingKey(step: StepView): string {
  switch (step.kind) {
    case 'multiple-choice':
      return 'player.multipleChoice.chooseFirst';
    case 'matching':
      return 'player.matching.chooseFirst';
    case 'keyboard':
      return 'player.keyboard.typeFirst';
    default:
      return 'lesson.chooseFirst';
  }
}
