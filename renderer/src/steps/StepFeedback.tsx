import { useTranslation } from 'react-i18next';
import type { Language, StepView } from '../../../core/contract';
import { LocalizedText } from '../components/LocalizedText';

export type Feedback = { result: 'correct' | 'wrong' | 'missing'; attempt: number } | null;

/**
 * Says whether the answer was right, in words and a sign (never by colour alone), with the pack's
 * own explanation when it has one. A polite live region, so screen readers hear it.
 */
export function StepFeedback({ step, feedback, defaultLanguage }: { step: StepView; feedback: Feedback; defaultLanguage: Language }) {
  const { t } = useTranslation();
  const message = feedback ? messageFor(step, feedback.result, t) : null;
  const packText =
    feedback && feedback.result !== 'missing' && (step.kind === 'single-choice' || step.kind === 'multiple-choice')
      ? step.feedback?.[feedback.result]
      : undefined;
  return (
    <div className="feedback" aria-live="polite">
      {feedback && message && (
        // Keyed by attempt: the same words after a second wrong try are announced again.
        <div key={feedback.attempt} className={feedback.result === 'correct' ? 'feedback-box correct' : 'feedback-box wrong'}>
          <p className={feedback.result === 'correct' ? 'feedback-correct' : 'feedback-wrong'}>
            {feedback.result === 'correct' ? '✓ ' : ''}
            {message}
          </p>
          {packText && (
            <div className="feedback-detail">
              <LocalizedText text={packText} defaultLanguage={defaultLanguage} />
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function messageFor(step: StepView, result: 'correct' | 'wrong' | 'missing', t: (key: string) => string): string {
  if (result === 'correct') return step.kind === 'checklist' ? t('player.checklist.done') : t('lesson.correct');
  if (result === 'missing') {
    switch (step.kind) {
      case 'multiple-choice':
        return t('player.multipleChoice.chooseFirst');
      case 'matching':
        return t('player.matching.chooseFirst');
      case 'keyboard':
        return t('player.keyboard.typeFirst');
      default:
        return t('lesson.chooseFirst');
    }
  }
  switch (step.kind) {
    case 'multiple-choice':
      return t('player.multipleChoice.wrong');
    case 'ordering':
      return t('player.ordering.wrong');
    case 'matching':
      return t('player.matching.wrong');
    case 'keyboard':
      return t('player.keyboard.wrong');
    case 'checklist':
      return t('player.checklist.wrong');
    default:
      return t('lesson.wrong');
  }
}
