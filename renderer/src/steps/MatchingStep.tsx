import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedText } from '../components/LocalizedText';
import type { Marks } from './marks';
import type { AnswerProps } from './types';
import { useMarks } from './useMarks';
import { usePick } from './usePick';

/**
 * Match each left item with a right item. A native <select> per left item: every learner and
 * screen reader knows how to use it, with the mouse or the keyboard, and it needs no dragging.
 * After a wrong check, the wrong pairs are marked until they are changed.
 */
export function MatchingStep({ step, defaultLanguage, locked, onChange, marks }: AnswerProps<'matching'> & { marks: Marks }) {
  const { t } = useTranslation();
  const pick = usePick(defaultLanguage);
  const baseId = useId();
  const [pairs, setPairs] = useState<Record<string, string>>({});
  const marked = useMarks(marks);
  const wrong = (id: string) => marks.wrongItems.includes(id) && marked.fresh(id);

  function choose(leftId: string, rightId: string) {
    const next = { ...pairs };
    if (rightId) next[leftId] = rightId;
    else delete next[leftId];
    setPairs(next);
    marked.touched(leftId);
    // Only a complete answer is sent: "choose a match for every item" says what is missing.
    onChange(step.left.every((l) => next[l.id]) ? { pairs: next } : null);
  }

  return (
    <fieldset className="choice-step matching-step">
      <legend>
        <LocalizedText text={step.prompt} defaultLanguage={defaultLanguage} />
      </legend>
      <p className="hint">{t('player.matching.hint')}</p>
      <div className="match-rows">
        {step.left.map((left) => {
          const selectId = `${baseId}-${left.id}`;
          const markId = `${selectId}-mark`;
          return (
            <div key={left.id} className={wrong(left.id) ? 'match-row wrong-pair' : 'match-row'}>
              <label htmlFor={selectId} className="match-left">
                <LocalizedText text={left.text} defaultLanguage={defaultLanguage} />
              </label>
              <span className="match-arrow" aria-hidden="true">
                →
              </span>
              <select
                id={selectId}
                value={pairs[left.id] ?? ''}
                disabled={locked}
                aria-invalid={wrong(left.id) || undefined}
                aria-describedby={wrong(left.id) ? markId : undefined}
                onChange={(e) => choose(left.id, e.target.value)}
              >
                <option value="">{t('player.matching.choose')}</option>
                {step.right.map((right) => {
                  const text = pick(right.text);
                  return (
                    <option key={right.id} value={right.id} lang={text.language}>
                      {text.text}
                    </option>
                  );
                })}
              </select>
              {wrong(left.id) && (
                <span id={markId} className="match-mark">
                  <span aria-hidden="true">✗ </span>
                  {t('player.matching.wrongPair')}
                </span>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
