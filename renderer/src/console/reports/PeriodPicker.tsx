import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRESETS, periodProblem, presetPeriod, type Period, type Preset } from './period';

/**
 * Choose a period: a preset applies at once; "custom" shows two date fields and a button.
 * `onChoose` gets a valid period only.
 */
export function PeriodPicker({ initial, onChoose, busy }: { initial: Exclude<Preset, 'custom'>; onChoose(period: Period): void; busy: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [preset, setPreset] = useState<Preset>(initial);
  const [custom, setCustom] = useState<Period>(() => presetPeriod(initial));
  const [problem, setProblem] = useState<'missing' | 'reversed' | null>(null);

  const pick = (next: Preset) => {
    setPreset(next);
    setProblem(null);
    if (next !== 'custom') onChoose(presetPeriod(next));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = periodProblem(custom);
    setProblem(found);
    if (!found) onChoose(custom);
  };

  return (
    <form className="period-picker no-print" onSubmit={submit}>
      <fieldset>
        <legend>{t('reports.period.legend')}</legend>
        <div className="period-presets">
          {PRESETS.map((p) => (
            <label key={p} className="period-choice">
              <input type="radio" name={`${id}-preset`} value={p} checked={preset === p} onChange={() => pick(p)} />
              {t(`reports.period.${p}`)}
            </label>
          ))}
        </div>
        {preset === 'custom' && (
          <div className="period-custom">
            <label>
              {t('reports.period.from')}
              <input type="date" value={custom.from} required aria-invalid={problem !== null} aria-describedby={problem ? `${id}-problem` : undefined} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
            </label>
            <label>
              {t('reports.period.to')}
              <input type="date" value={custom.to} required aria-invalid={problem !== null} aria-describedby={problem ? `${id}-problem` : undefined} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
            </label>
            <button type="submit" className="button primary" disabled={busy}>
              {t('reports.period.show')}
            </button>
          </div>
        )}
        {problem && (
          <p id={`${id}-problem`} className="field-problem" role="alert">
            {t(`reports.period.problem.${problem}`)}
          </p>
        )}
      </fieldset>
    </form>
  );
}
