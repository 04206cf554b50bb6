import type { Column, Row } from './ChartTable';
import { ChartTable } from './ChartTable';
import { Legend } from './Legend';

/**
 * Horizontal bars, one row per category (a course, an area, an age band): long names wrap as
 * text instead of being squeezed under an axis.
 */
export function BarList({ id, title, head, series, rows, empty }: {
  id: string;
  title: string;
  head: string;
  series: Array<Column & { className: string }>;
  rows: Row[];
  /** Said instead of an empty chart. */
  empty: string;
}) {
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  return (
    <figure className="report-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {rows.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <>
          {series.length > 1 && <Legend series={series} />}
          <ul className="bar-list" aria-hidden="true">
            {rows.map((row) => (
              <li key={row.key}>
                <span className="bar-label" lang={row.lang}>
                  {row.label}
                </span>
                {series.map((s, i) => (
                  <span className="bar-line" key={s.key}>
                    <span className={`bar ${s.className}`} style={{ width: `${(row.values[i]! / max) * 85}%` }} />
                    <span className="bar-value">{row.values[i]}</span>
                  </span>
                ))}
              </li>
            ))}
          </ul>
          <ChartTable caption={title} head={head} columns={series} rows={rows} />
        </>
      )}
    </figure>
  );
}
