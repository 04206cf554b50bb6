import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../core/contract';
import { api } from '../../api/client';
import { settleStaff } from '../console-store';
import type { Drive } from '../PacksSection';
import { TargetChoice, targetOf } from '../TargetChoice';
import { usePolling } from '../usePolling';
import type { Period } from './period';

type Written = MethodOutput<'stats.export'>;

/** Sticks come and go while the form is open; this often is quick enough to feel live. */
const DRIVE_POLL_MS = 3000;

/** Writes the previewed period's statistics as CSV or JSON to a stick or the exports folder. */
export function ExportForm({ period }: { period: Period }) {
  const { t } = useTranslation();
  const id = useId();
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [drives, setDrives] = useState<Drive[]>([]);
  const [choice, setChoice] = useState('folder');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<Written | null>(null);

  usePolling(async () => {
    const result = await api.call('drives.list', {});
    // A failed look is tried again shortly; it is not worth a banner.
    if (result.ok) setDrives(result.value);
  }, DRIVE_POLL_MS);

  const target = targetOf(choice, drives);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    setBusy(true);
    setWritten(null);
    const result = settleStaff(await api.call('stats.export', { ...period, format, password, target }));
    setBusy(false);
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
