import { useTranslation } from 'react-i18next';

export interface Column {
  key: string;
  label: string;
}

export interface Row {
  key: string;
  label: string;
  lang?: string;
  values: number[];
}

/**
 * A chart's figures as a table, behind a disclosure: the way screen-reader users (and anyone who
 * wants exact numbers) read the chart.
 */
export function ChartTable({ caption, head, columns, rows }: { caption: string; head: string; columns: Column[]; rows: Row[] }) {
  const { t } = useTranslation();
  return (
    <details className="chart-table">
      <summary>{t('reports.chart.showTable')}</summary>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            {columns.map((c) => (
              <th scope="col" key={c.key}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" lang={row.lang}>
                {row.label}
              </th>
              {row.values.map((v, i) => (
                <td key={columns[i]!.key}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
