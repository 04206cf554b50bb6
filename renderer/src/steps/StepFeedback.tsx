import { useTranslation } from 'react-i18next';
import type { Language, OptionExplanation, StepView } from '../../../core/contract';
import { ListenButton } from '../components/ListenButton';
import { LocalizedText } from '../components/LocalizedText';

export type Feedback = { result: 'correct' | 'wrong' | 'missing'; attempt: number; explanations?: OptionExplanation[] } | null;

/**
 * Says whether the answer was right, in words and a sign (never by colour alone), with the pack's
 * own explanation when it has one. A polite live region, so screen readers hear it.
 */
export function StepFeedback({ step, packId, feedback, defaultLanguage }: { step: StepView; packId: string; feedback: Feedback; defaultLanguage: Language }) {
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
          <Explanations step={step} packId={packId} explanations={feedback.explanations ?? []} defaultLanguage={defaultLanguage} />
        </div>
      )}
    </div>
  );
}

/**
 * What the pack says about each option the learner picked (right or wrong, and why), then how
 * many right ones were missed, without naming them: the learner still finds them.
 */
function Explanations({ step, packId, explanations, defaultLanguage }: { step: StepView; packId: string; explanations: OptionExplanation[]; defaultLanguage: Language }) {
  const { t } = useTranslation();
  if ((step.kind !== 'single-choice' && step.kind !== 'multiple-choice') || explanations.length === 0) return null;
  const picked = explanations.filter((e) => e.picked);
  const missed = explanations.filter((e) => !e.picked && e.correct).length;
  return (
    <div className="feedback-explanations">
      <ul className="explanations">
        {picked.map((explanation) => {
          const option = step.options.find((o) => o.id === explanation.optionId);
          return (
            <li key={explanation.optionId} className={explanation.correct ? 'explanation right' : 'explanation wrong'}>
              <span aria-hidden="true">{explanation.correct ? '✓ ' : '✗ '}</span>
              <strong>{option && <LocalizedText text={option.text} defaultLanguage={defaultLanguage} />}</strong>
              {' — '}
              {explanation.correct ? t('player.choice.pickedRight') : t('player.choice.pickedWrong')}
              {explanation.text && (
                <>
                  {' '}
                  <LocalizedText text={explanation.text} defaultLanguage={defaultLanguage} />{' '}
                  <ListenButton packId={packId} narration={explanation.narration} defaultLanguage={defaultLanguage} small />
                </>
              )}
            </li>
          );
        })}
      </ul>
      {missed > 0 && <p>{t('player.choice.missed', { count: missed })}</p>}
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
