import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, MethodOutput } from '../../../../core/contract';
import { dayLabel, isoWeekDays, weekLabel } from '../dates';
import { courseTitle } from './format';

type Preview = MethodOutput<'stats.preview'>;

const PAGE = 100;

/**
 * Every row an export would write, with what was held back and why. Shown in words (a course's
 * title, a week's days); the file itself keeps the codes (docs/statistics-format.md).
 */
export function StatsPreview({ preview }: { preview: Preview }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [shown, setShown] = useState(PAGE);
  const rows = preview.rows.slice(0, shown);
  // Thousands of rows share a few weeks and courses: each is put in words once.
  const weeks = useMemo(() => new Map([...new Set(preview.rows.map((r) => r.week))].map((w) => [w, weekLabel(w, language)])), [preview, language]);
  const courses = useMemo(
    () =>
      new Map(
        [...new Set(preview.rows.map((r) => r.course))].map((c) => [
          c,
          c ? courseTitle(preview.courseTitles[c] ?? null, language, t('reports.stats.removedCourse')) : { text: t('reports.stats.siteWide'), lang: undefined },
        ]),
      ),
    [preview, language, t],
  );
  return (
    <section className="stats-preview" aria-labelledby="stats-preview-title">
      <h2 id="stats-preview-title">{t('reports.stats.previewTitle')}</h2>
      <p className="stats-summary">
        {t('reports.stats.rows', { count: preview.rows.length, from: dayLabel(isoWeekDays(preview.fromWeek)[0], language), to: dayLabel(isoWeekDays(preview.toWeek)[1], language) })}{' '}
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
                  <td>{weeks.get(row.week)}</td>
                  <td lang={courses.get(row.course)?.lang}>{courses.get(row.course)?.text}</td>
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
