import type { ReactNode } from 'react';
import { LANGUAGES, LANGUAGE_NATIVE_NAMES, type Language } from '../../../core/contract';

interface InputProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/** A labelled input with its hint and its problem, both read out with it. */
export function TextField({ id, label, hint, problem, children }: { id: string; label: string; hint?: string; problem?: string | false; children(props: InputProps): ReactNode }) {
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': Boolean(problem), 'aria-describedby': described })}
      {problem && (
        <p id={`${id}-problem`} className="field-error">
          {problem}
        </p>
      )}
    </div>
  );
}

/** Check boxes for the languages learners may choose, each named in its own language. */
export function LanguageChoice({
  id,
  legend,
  hint,
  value,
  onChange,
  problem,
}: {
  id: string;
  legend: string;
  hint?: string;
  value: Language[];
  onChange(languages: Language[]): void;
  problem?: string | false;
}) {
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="language-choice" aria-describedby={described}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {LANGUAGES.map((code, i) => (
        <label key={code} className="check-option" lang={code}>
          <input
            id={i === 0 ? id : undefined}
            type="checkbox"
            checked={value.includes(code)}
            onChange={(e) => onChange(e.target.checked ? LANGUAGES.filter((l) => l === code || value.includes(l)) : value.filter((l) => l !== code))}
          />
          {LANGUAGE_NATIVE_NAMES[code]}
        </label>
      ))}
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
