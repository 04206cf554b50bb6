import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedText } from '../components/LocalizedText';
import type { Marks } from './marks';
import type { AnswerProps } from './types';

/**
 * Things to do in real life: the learner ticks what they can do now, honestly, and finishes
 * whenever they like. What is left unticked is then marked "to practise".
 */
export function ChecklistStep({ step, defaultLanguage, locked, onChange, marks }: AnswerProps<'checklist'> & { marks: Marks }) {
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
      <p className="hint">{t('player.checklist.honest')}</p>
      <div className="options">
        {step.items.map((item) => {
          const practise = locked && marks.unticked.includes(item.id);
          return (
            <div key={item.id} className={practise ? 'option-row to-practise' : 'option-row'}>
              <label className={checked.includes(item.id) ? 'option selected' : 'option'}>
                <input type="checkbox" value={item.id} checked={checked.includes(item.id)} disabled={locked} onChange={() => toggle(item.id)} />
                <LocalizedText text={item.text} defaultLanguage={defaultLanguage} />
              </label>
              {practise && (
                <p className="option-mark mark-practise">
                  <span aria-hidden="true">↻ </span>
                  {t('player.checklist.toPractise')}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <p className="checklist-count">{t('player.checklist.count', { done: checked.length, count: step.items.length })}</p>
    </fieldset>
  );
}
