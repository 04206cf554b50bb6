import { useTranslation } from 'react-i18next';
import type { FormField, Language } from '../../../../core/contract';
import { LocalizedText } from '../../components/LocalizedText';
import type { StepOf } from '../types';
import { usePick } from '../usePick';

interface Props {
  step: StepOf<'form'>;
  values: Record<string, string | boolean>;
  defaultLanguage: Language;
  onChange(field: FormField): void;
}

/** Every answer of the practice form, each with a "Change" button that goes back to it. */
export function FormReview({ step, values, defaultLanguage, onChange }: Props) {
  const { t } = useTranslation();
  const pick = usePick(defaultLanguage);

  function shownValue(field: FormField) {
    const value = values[field.id];
    if (field.type === 'checkbox') return <span>{value === true ? t('player.form.yes') : t('player.form.no')}</span>;
    if (typeof value !== 'string' || value.trim() === '') return <span className="empty-value">{t('player.form.empty')}</span>;
    const option = field.type === 'select' ? field.options?.find((o) => o.id === value) : undefined;
    if (option) {
      const text = pick(option.text);
      return <span lang={text.language}>{text.text}</span>;
    }
    return <span>{value}</span>;
  }

  return (
    <dl className="review-list">
      {step.pages.flatMap((page) =>
        page.fields.map((field) => (
          <div key={field.id} className="review-row">
            <dt>
              <LocalizedText text={field.label} defaultLanguage={defaultLanguage} />
            </dt>
            <dd>
              {shownValue(field)}
              <button type="button" className="button change-button" onClick={() => onChange(field)} aria-label={t('player.form.changeField', { field: pick(field.label).text })}>
                {t('player.form.change')}
              </button>
            </dd>
          </div>
        )),
      )}
    </dl>
  );
}
