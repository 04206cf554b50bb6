import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../data/useApiQuery';
import { PeriodPicker } from './reports/PeriodPicker';
import { presetPeriod, type Period } from './reports/period';
import { ReportView } from './reports/ReportView';
import './reports/reports.css';

const INITIAL = 'last3Months' as const;

/** Reports for a chosen period: figures and charts computed by core, printable on A4. */
export function ReportsSection() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>(() => presetPeriod(INITIAL));
  // The last report stays while another period loads; a period chosen meanwhile wins.
  const answer = useApiQuery('reports.get', period, { keepPrevious: true });
  const busy = answer.isPending || answer.isPlaceholderData;
  const report = answer.data ?? null;
  return (
    <div className="reports-section" aria-busy={busy}>
      <div className="report-tools no-print">
        <PeriodPicker initial={INITIAL} onChoose={setPeriod} busy={busy} />
        <button type="button" className="button secondary" onClick={() => window.print()} disabled={!report}>
          {t('reports.report.print')}
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {busy ? t('reports.report.loading') : report ? t('reports.report.ready') : ''}
      </p>
      {report && <ReportView report={report} />}
    </div>
  );
}
