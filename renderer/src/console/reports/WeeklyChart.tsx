import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../core/contract';
import { ChartTable, type Column } from './ChartTable';
import { weekLabel } from './format';
import { Legend } from './Legend';
import { niceScale } from './scale';

export interface WeekSeries extends Column {
  className: string;
  values: number[];
}

const WIDTH = 720;
const HEIGHT = 240;
const LEFT = 44;
const BOTTOM = 28;
const TOP = 8;

/** Bars per ISO week, one per series side by side; an SVG drawn at once, no animation. */
export function WeeklyChart({ id, title, weeks, series }: { id: string; title: string; weeks: string[]; series: WeekSeries[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const labels = weeks.map((w) => weekLabel(w, language));
  const { top, ticks } = niceScale(Math.max(0, ...series.flatMap((s) => s.values)));
  const plotWidth = WIDTH - LEFT - 4;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const group = plotWidth / Math.max(1, weeks.length);
  const bar = Math.min(24, (group * 0.8) / series.length);
  const labelEvery = Math.ceil(weeks.length / 10);
  const y = (v: number) => TOP + plotHeight - (v / top) * plotHeight;
  return (
    <figure className="report-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <Legend series={series} />
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart-svg" aria-hidden="true" focusable="false">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={LEFT} x2={WIDTH - 4} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={LEFT - 6} y={y(tick) + 5} textAnchor="end" className="chart-axis">
              {tick}
            </text>
          </g>
        ))}
        {weeks.map((week, w) => {
          const x0 = LEFT + w * group + (group - bar * series.length) / 2;
          return (
            <g key={week}>
              {series.map((s, i) => {
                const value = s.values[w] ?? 0;
                return <rect key={s.key} x={x0 + i * bar} y={y(value)} width={Math.max(1, bar - 1)} height={TOP + plotHeight - y(value)} className={s.className} />;
              })}
              {w % labelEvery === 0 && (
                <text x={LEFT + w * group + group / 2} y={HEIGHT - 8} textAnchor="middle" className="chart-axis">
                  {labels[w]}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ChartTable
        caption={title}
        head={t('reports.chart.weekOf')}
        columns={series}
        rows={weeks.map((week, w) => ({ key: week, label: labels[w]!, values: series.map((s) => s.values[w] ?? 0) }))}
      />
    </figure>
  );
}
