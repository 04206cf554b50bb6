import { useTranslation } from 'react-i18next';
import type { FieldValue, FormField, Language, LocalizedText as Text } from '../../../../core/contract';
import { LocalizedText } from '../../components/LocalizedText';
import { usePick } from '../usePick';

interface Props {
  field: FormField;
  /** The label of the practice card's row this field is copied from. */
  copyFrom?: Text;
  domId: string;
  defaultLanguage: Language;
  value: FieldValue;
  /** Already in words; null when the field is fine (or not looked at yet). */
  error: string | null;
  errorLanguage?: string;
  disabled: boolean;
  onChange(value: string | boolean): void;
  onBlur(): void;
}

/** One labelled field with its hint and its error, both tied to it for screen readers. */
export function FormFieldInput({ field, copyFrom, domId, defaultLanguage, value, error, errorLanguage, disabled, onChange, onBlur }: Props) {
  const { t } = useTranslation();
  const pick = usePick(defaultLanguage);
  const hintId = `${domId}-hint`;
  const errorId = `${domId}-error`;
  const copyId = `${domId}-copy`;
  const describedBy = [copyFrom ? copyId : '', field.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id: domId,
    disabled,
    onBlur,
    'aria-invalid': error ? true : undefined,
    'aria-required': field.required || undefined,
    'aria-describedby': describedBy,
  } as const;
  const required = field.required && <span className="required-mark"> ({t('player.form.required')})</span>;

  return (
    <div className={`field form-field ${field.type}`}>
      {field.type === 'checkbox' ? (
        <label className="option checkbox-field">
          <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          <LocalizedText text={field.label} defaultLanguage={defaultLanguage} />
          {required}
        </label>
      ) : (
        <label htmlFor={domId}>
          <LocalizedText text={field.label} defaultLanguage={defaultLanguage} />
          {required}
        </label>
      )}
      {copyFrom && (
        <p id={copyId} className="hint copy-from">
          {/* Drawn: the fonts of old kiosk PCs lack a "copy" sign. */}
          <svg className="copy-icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
            <rect x="8" y="8" width="12" height="12" rx="2" fill="none" stroke="currentColor" strokeWidth="2.2" />
            <path d="M16 5V4H4v12h1" fill="none" stroke="currentColor" strokeWidth="2.2" />
          </svg>{' '}
          {t('player.form.copyFrom', { label: pick(copyFrom).text })}
        </p>
      )}
      {field.hint && (
        <p id={hintId} className="hint">
          <LocalizedText text={field.hint} defaultLanguage={defaultLanguage} />
        </p>
      )}
      {field.type === 'select' && (
        <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('player.form.choose')}</option>
          {(field.options ?? []).map((o) => {
            const text = pick(o.text);
            return (
              <option key={o.id} value={o.id} lang={text.language}>
                {text.text}
              </option>
            );
          })}
        </select>
      )}
      {(field.type === 'text' || field.type === 'number' || field.type === 'date') && (
        <input
          {...common}
          // Numbers are typed as text: a number box would silently drop what it cannot read.
          type={field.type === 'date' ? 'date' : 'text'}
          inputMode={field.type === 'number' ? 'decimal' : undefined}
          autoComplete="off"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {error && (
        <p id={errorId} className="field-error">
          <span aria-hidden="true">⚠ </span>
          <span lang={errorLanguage}>{error}</span>
        </p>
      )}
    </div>
  );
}
