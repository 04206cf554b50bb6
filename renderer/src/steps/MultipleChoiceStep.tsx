import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedText } from '../components/LocalizedText';
import type { Marks } from './marks';
import { OptionMark } from './OptionMark';
import type { AnswerProps } from './types';
import { usePick } from './usePick';
import { twoColumns } from './two-columns';

/**
 * A question with several right answers, as native checkboxes (Tab between them, Space ticks).
 * After a check, each ticked answer is marked right or not, and each right one missed is marked
 * too, with the pack's reason beside it.
 */
export function MultipleChoiceStep({ step, defaultLanguage, locked, onChange, marks }: AnswerProps<'multiple-choice'> & { marks: Marks }) {
  const { t } = useTranslation();
  const baseId = useId();
  const pick = usePick(defaultLanguage);
  const [chosen, setChosen] = useState<string[]>([]);

  function toggle(id: string) {
    // Keep the pack's order, so the answer does not depend on the order of clicks.
    const next = step.options.map((o) => o.id).filter((o) => (o === id ? !chosen.includes(o) : chosen.includes(o)));
    setChosen(next);
    onChange(next.length > 0 ? { optionIds: next } : null);
  }

  return (
    <fieldset className="choice-step">
      <legend>
        <LocalizedText text={step.question} defaultLanguage={defaultLanguage} />
      </legend>
      <p className="hint">{t('player.multipleChoice.chooseAll')}</p>
      <div className={twoColumns(step.options.map((o) => pick(o.text).text)) ? 'options two-columns' : 'options'}>
        {step.options.map((option) => {
          const mark = marks.explanations.find((e) => e.optionId === option.id);
          const markId = `${baseId}-${option.id}-mark`;
          const kind = mark ? (mark.picked ? (mark.correct ? 'right' : 'wrong') : 'missed') : null;
          return (
            <div key={option.id} className={kind ? `option-row marked mark-${kind}` : 'option-row'}>
              <label className={chosen.includes(option.id) ? 'option selected' : 'option'}>
                <input
                  type="checkbox"
                  value={option.id}
                  checked={chosen.includes(option.id)}
                  disabled={locked}
                  aria-describedby={mark ? markId : undefined}
                  onChange={() => toggle(option.id)}
                />
                <LocalizedText text={option.text} defaultLanguage={defaultLanguage} />
              </label>
              {mark && <OptionMark id={markId} explanation={mark} defaultLanguage={defaultLanguage} />}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
