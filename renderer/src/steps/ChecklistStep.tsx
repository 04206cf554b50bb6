import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedText } from '../components/LocalizedText';
import type { AnswerProps } from './types';

/** Things to do in real life, ticked off one by one; done when every item is ticked. */
export function ChecklistStep({ step, defaultLanguage, locked, onChange }: AnswerProps<'checklist'>) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState<string[]>([]);

  function toggle(id: string) {
    const next = step.items.map((i) => i.id).filter((i) => (i === id ? !checked.includes(i) : checked.includes(i)));
    setChecked(next);
    onChange({ checked: next });
  }

  return (
    <fieldset className="choice-step checklist-step">
      <legend>
        <LocalizedText text={step.title} defaultLanguage={defaultLanguage} />
      </legend>
      <p className="hint">{t('player.checklist.hint')}</p>
      <div className="options">
        {step.items.map((item) => (
          <label key={item.id} className={checked.includes(item.id) ? 'option selected' : 'option'}>
            <input type="checkbox" value={item.id} checked={checked.includes(item.id)} disabled={locked} onChange={() => toggle(item.id)} />
            <LocalizedText text={item.text} defaultLanguage={defaultLanguage} />
          </label>
        ))}
      </div>
      <p className="checklist-count">
        {t('player.checklist.count', { done: checked.length, count: step.items.length })}
      </p>
    </fieldset>
  );
}
