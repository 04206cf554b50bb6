import { useTranslation } from 'react-i18next';
import type { Language, OptionExplanation } from '../../../core/contract';
import { LocalizedText } from '../components/LocalizedText';

/**
 * What the check said about one answer, right under it: a sign (✓ right, ✗ not right, ! a right one
 * missed), never colour alone, and the pack's reason. The word for the sign is spoken to screen
 * readers; on screen the reason speaks for itself (packs start right ones with "Right."), so
 * nothing is said twice. A missed one says so in words.
 */
export function OptionMark({ id, explanation, defaultLanguage }: { id: string; explanation: OptionExplanation; defaultLanguage: Language }) {
  const { t } = useTranslation();
  const kind = explanation.picked ? (explanation.correct ? 'right' : 'wrong') : 'missed';
  return (
    <p id={id} className={`option-mark mark-${kind}`}>
      <span className="mark-sign" aria-hidden="true">
        {kind === 'right' ? '✓' : kind === 'wrong' ? '✗' : '!'}
      </span>
      <span className={kind === 'missed' ? 'mark-word' : 'visually-hidden'}>
        {t(kind === 'right' ? 'player.choice.markRight' : kind === 'wrong' ? 'player.choice.markWrong' : 'player.choice.markMissed')}
      </span>{' '}
      {explanation.text && <LocalizedText text={explanation.text} defaultLanguage={defaultLanguage} />}
    </p>
  );
}
