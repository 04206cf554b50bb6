import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../core/contract';
import { api } from '../api/client';
import { ExportForm } from './reports/ExportForm';
import { PeriodPicker } from './reports/PeriodPicker';
import { presetPeriod, type Period } from './reports/period';
import { settleStaff as settleConsole } from './console-store';
import { StatsPreview } from './reports/StatsPreview';
import './reports/reports.css';

type Preview = MethodOutput<'stats.preview'>;

const INITIAL = 'last3Months' as const;

/** The anonymised statistics: preview exactly what would leave the kiosk, then write it out. */
export function StatisticsSection() {
  const [period, setPeriod] = useState<Period>(() => presetPeriod(INITIAL));
  const [answer, setAnswer] = useState<{ period: Period; preview: Preview | null } | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('stats.preview', period).then((result) => {
      if (live) setAnswer({ period, preview: settleConsole(result) });
    });
    return () => {
      live = false;
    };
  }, [period]);

  const busy = answer?.period !== period;
  // The export writes the period of the preview on screen, never one still loading.
  const shown = !busy && answer?.preview ? { period: answer.period, preview: answer.preview } : null;
  return (
    <div className="statistics-section" aria-busy={busy}>
      <PeriodPicker initial={INITIAL} onChoose={setPeriod} busy={busy} />
      {shown && (
        <>
          {/* Keyed by period: a new preview starts from its first rows. */}
          <StatsPreview key={`${shown.period.from}/${shown.period.to}`} preview={shown.preview} />
          <ExportForm period={shown.period} />
        </>
      )}
    </div>
  );
}
