import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedText } from '../components/LocalizedText';
import type { AnswerProps } from './types';
import { usePick } from './usePick';

/**
 * Match each left item with a right item. A native <select> per left item: every learner and
 * screen reader knows how to use it, with the mouse or the keyboard, and it needs no dragging.
 */
export function MatchingStep({ step, defaultLanguage, locked, onChange }: AnswerProps<'matching'>) {
  const { t } = useTranslation();
  const pick = usePick(defaultLanguage);
  const baseId = useId();
  const [pairs, setPairs] = useState<Record<string, string>>({});

  function choose(leftId: string, rightId: string) {
    const next = { ...pairs };
    if (rightId) next[leftId] = rightId;
    else delete next[leftId];
    setPairs(next);
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
          return (
            <div key={left.id} className="match-row">
              <label htmlFor={selectId} className="match-left">
                <LocalizedText text={left.text} defaultLanguage={defaultLanguage} />
              </label>
              <span className="match-arrow" aria-hidden="true">
                →
              </span>
              <select id={selectId} value={pairs[left.id] ?? ''} disabled={locked} onChange={(e) => choose(left.id, e.target.value)}>
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
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
