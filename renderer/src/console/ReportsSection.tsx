import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Report } from '../../../core/contract';
import { api } from '../api/client';
import { PeriodPicker } from './reports/PeriodPicker';
import { presetPeriod, type Period } from './reports/period';
import { ReportView } from './reports/ReportView';
import { settleStaff as settleConsole } from './console-store';
import './reports/reports.css';

const INITIAL = 'last3Months' as const;

/** Reports for a chosen period: figures and charts computed by core, printable on A4. */
export function ReportsSection() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>(() => presetPeriod(INITIAL));
  const [answer, setAnswer] = useState<{ period: Period; report: Report | null } | null>(null);

  useEffect(() => {
    // A period chosen while another is loading wins: the older answer is dropped.
    let live = true;
    void api.call('reports.get', period).then((result) => {
      if (live) setAnswer({ period, report: settleConsole(result) });
    });
    return () => {
      live = false;
    };
  }, [period]);

  const busy = answer?.period !== period;
  const report = answer?.report ?? null;
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
