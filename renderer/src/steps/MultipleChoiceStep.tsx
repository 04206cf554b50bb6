import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedText } from '../components/LocalizedText';
import type { AnswerProps } from './types';

/** A question with several right answers, as native checkboxes (Tab between them, Space ticks). */
export function MultipleChoiceStep({ step, defaultLanguage, locked, onChange }: AnswerProps<'multiple-choice'>) {
  const { t } = useTranslation();
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
      <div className="options">
        {step.options.map((option) => (
          <label key={option.id} className={chosen.includes(option.id) ? 'option selected' : 'option'}>
            <input type="checkbox" value={option.id} checked={chosen.includes(option.id)} disabled={locked} onChange={() => toggle(option.id)} />
            <LocalizedText text={option.text} defaultLanguage={defaultLanguage} />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
