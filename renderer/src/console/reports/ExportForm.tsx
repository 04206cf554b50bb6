import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../core/contract';
import { useApiCommand } from '../../data/useApiCommand';
import { InlineError } from '../InlineError';
import { TargetChoice, targetOf } from '../TargetChoice';
import type { Period } from './period';
import { useSticks } from '../useSticks';

type Written = MethodOutput<'stats.export'>;

/** Writes the previewed period's statistics as CSV or JSON to a stick or the exports folder. */
export function ExportForm({ period }: { period: Period }) {
  const { t } = useTranslation();
  const id = useId();
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const drives = useSticks();
  const [choice, setChoice] = useState('folder');
  const [password, setPassword] = useState('');
  const exporting = useApiCommand('stats.export');
  const busy = exporting.busy;
  const [written, setWritten] = useState<Written | null>(null);

  const target = targetOf(choice, drives);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    setWritten(null);
    const result = await exporting.run({ ...period, format, password, target });
    setPassword('');
    if (result) setWritten(result);
  };

  return (
    <form className="export-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('reports.export.title')}</h2>
      <fieldset>
        <legend>{t('reports.export.format')}</legend>
        {(['csv', 'json'] as const).map((f) => (
          <label key={f} className="period-choice">
            <input type="radio" name={`${id}-format`} value={f} checked={format === f} onChange={() => setFormat(f)} />
            {t(`reports.export.${f}`)}
          </label>
        ))}
      </fieldset>
      <TargetChoice name={`${id}-target`} legend={t('reports.export.target')} drives={drives} value={choice} onChange={setChoice} />
      <label htmlFor={`${id}-password`}>{t('reports.export.password')}</label>
      <input id={`${id}-password`} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      <InlineError error={exporting.error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy || password === '' || !target}>
          {t('reports.export.submit')}
        </button>
      </div>
      <div role="status" className="reports-notice">
        {busy && t('reports.export.writing')}
        {written && (
          <>
            {t('reports.export.written', { count: written.rows })} <code className="written-file">{written.file}</code>
          </>
        )}
      </div>
    </form>
  );
}
