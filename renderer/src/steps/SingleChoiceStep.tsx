import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedText } from '../components/LocalizedText';
import type { AnswerProps } from './types';

/** One question, big options as a native radio group: arrow keys, Space and screen readers work. */
export function SingleChoiceStep({ step, defaultLanguage, locked, onChange }: AnswerProps<'single-choice'>) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <fieldset className="choice-step">
      <legend>
        <LocalizedText text={step.question} defaultLanguage={defaultLanguage} />
      </legend>
      <p className="hint">{t('lesson.chooseOne')}</p>
      <div className="options">
        {step.options.map((option) => (
          <label key={option.id} className={selected === option.id ? 'option selected' : 'option'}>
            <input
              type="radio"
              name={`step-${step.id}`}
              value={option.id}
              checked={selected === option.id}
              disabled={locked}
              onChange={() => {
                setSelected(option.id);
                onChange({ optionId: option.id });
              }}
            />
            <LocalizedText text={option.text} defaultLanguage={defaultLanguage} />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
