import { useState } from 'react';
import { useApiQuery } from '../data/useApiQuery';
import { ExportForm } from './reports/ExportForm';
import { PeriodPicker } from './reports/PeriodPicker';
import { presetPeriod, type Period } from './reports/period';
import { StatsPreview } from './reports/StatsPreview';
import './reports/reports.css';

const INITIAL = 'last3Months' as const;

/** The anonymised statistics: preview exactly what would leave the kiosk, then write it out. */
export function StatisticsSection() {
  const [period, setPeriod] = useState<Period>(() => presetPeriod(INITIAL));
  const answer = useApiQuery('stats.preview', period);
  const busy = answer.isPending;
  // The export writes the period of the preview on screen, never one still loading.
  const shown = answer.data ? { period, preview: answer.data } : null;
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
