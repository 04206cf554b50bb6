import type { Column } from './ChartTable';

/** The colour key, in words; hidden from screen readers, who get the table instead. */
export function Legend({ series }: { series: Array<Column & { className: string }> }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.key}>
          <span className={`chart-swatch ${s.className}`} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}
