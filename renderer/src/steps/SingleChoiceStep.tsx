import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedText } from '../components/LocalizedText';
import type { Marks } from './marks';
import { OptionMark } from './OptionMark';
import type { AnswerProps } from './types';
import { usePick } from './usePick';
import { twoColumns } from './two-columns';

/**
 * One question, big options as a native radio group: arrow keys, Space and screen readers work.
 * After a check, the chosen option is marked in place with the pack's reason.
 */
export function SingleChoiceStep({ step, defaultLanguage, locked, onChange, marks }: AnswerProps<'single-choice'> & { marks: Marks }) {
  const { t } = useTranslation();
  const baseId = useId();
  const pick = usePick(defaultLanguage);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <fieldset className="choice-step">
      <legend>
        <LocalizedText text={step.question} defaultLanguage={defaultLanguage} />
      </legend>
      <p className="hint">{t('lesson.chooseOne')}</p>
      <div className={twoColumns(step.options.map((o) => pick(o.text).text)) ? 'options two-columns' : 'options'}>
        {step.options.map((option) => {
          const mark = marks.explanations.find((e) => e.optionId === option.id);
          const markId = `${baseId}-${option.id}-mark`;
          return (
            <div key={option.id} className={mark ? `option-row marked mark-${mark.correct ? 'right' : 'wrong'}` : 'option-row'}>
              <label className={selected === option.id ? 'option selected' : 'option'}>
                <input
                  type="radio"
                  name={`step-${step.id}`}
                  value={option.id}
                  checked={selected === option.id}
                  disabled={locked}
                  aria-describedby={mark ? markId : undefined}
                  onChange={() => {
                    setSelected(option.id);
                    onChange({ optionId: option.id });
                  }}
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
