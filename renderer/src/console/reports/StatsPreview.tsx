import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../core/contract';

type Preview = MethodOutput<'stats.preview'>;

const PAGE = 100;

/** Every row an export would write, as it will be written, with what was held back and why. */
export function StatsPreview({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(PAGE);
  const rows = preview.rows.slice(0, shown);
  return (
    <section className="stats-preview" aria-labelledby="stats-preview-title">
      <h2 id="stats-preview-title">{t('reports.stats.previewTitle')}</h2>
      <p className="stats-summary">
        {t('reports.stats.rows', { count: preview.rows.length, from: preview.fromWeek, to: preview.toWeek })}{' '}
        {t('reports.stats.suppressed', { count: preview.suppressedCells })}
      </p>
      <p className="hint">{t('reports.stats.kExplained', { k: preview.k })}</p>
      <p className="hint">{t('reports.stats.nothingPersonal')}</p>
      {preview.rows.length > 0 && (
        <div className="stats-scroll" tabIndex={0} role="group" aria-labelledby="stats-preview-title">
          <table className="stats-table">
            <caption className="visually-hidden">{t('reports.stats.tableCaption', { count: preview.rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.stats.col.week')}</th>
                <th scope="col">{t('reports.stats.col.course')}</th>
                <th scope="col">{t('reports.stats.col.metric')}</th>
                <th scope="col">{t('reports.stats.col.breakdown')}</th>
                <th scope="col">{t('reports.stats.col.value')}</th>
                <th scope="col">{t('reports.stats.col.count')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>
                  <td>
                    <code>{row.week}</code>
                  </td>
                  <td>{row.course ? <code>{row.course}</code> : t('reports.stats.siteWide')}</td>
                  <td>{t(`reports.metric.${row.metric}`)}</td>
                  <td>{t(`reports.stats.dimension.${row.dimension}`)}</td>
                  <td>{row.dimension === 'gender' ? t(`reports.gender.${row.value}`) : row.dimension === 'age_band' ? t(`reports.age.${row.value}`) : ''}</td>
                  <td className="number">{row.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown < preview.rows.length && (
        <button type="button" className="button secondary" onClick={() => setShown(shown + PAGE * 5)}>
          {t('reports.stats.showMoreRows', { count: preview.rows.length - shown })}
        </button>
      )}
    </section>
  );
}
