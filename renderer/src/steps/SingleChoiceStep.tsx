import { useTranslation } from 'react-i18next';
import type { Language, StepView } from '../../../core/contract';
import { LocalizedText } from '../components/LocalizedText';

interface Props {
  step: Extract<StepView, { kind: 'single-choice' }>;
  defaultLanguage: Language;
  selected: string | null;
  onSelect(optionId: string): void;
  locked: boolean;
}

/** One question, big options as a native radio group: arrow keys, Space and screen readers work. */
export function SingleChoiceStep({ step, defaultLanguage, selected, onSelect, locked }: Props) {
  const { t } = useTranslation();
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
              onChange={() => onSelect(option.id)}
            />
            <LocalizedText text={option.text} defaultLanguage={defaultLanguage} />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
