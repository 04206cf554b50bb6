import { useTranslation } from 'react-i18next';
import { AGE_BANDS, type Language, type Report } from '../../../../core/contract';
import { useApp } from '../../state/app-store';
import { BarList } from './BarList';
import { courseTitle, dayLabel } from './format';
import { WeeklyChart } from './WeeklyChart';
import { WomenShare } from './WomenShare';

const FIGURES = [
  ['learners_active', 'learnersActive'],
  ['lessons_started', 'lessonsStarted'],
  ['lessons_completed', 'lessonsCompleted'],
  ['courses_started', 'coursesStarted'],
  ['courses_completed', 'coursesCompleted'],
] as const;

/** One period's report: figures, then charts, each chart with its table; laid out to print on A4. */
export function ReportView({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const siteName = useApp((s) => s.siteName);
  const weeks = report.weeks.map((w) => w.week);
  const started = (key: string, label: string) => ({ key, label, className: 'series-started' });
  const completed = (key: string, label: string) => ({ key, label, className: 'series-completed' });
  const pair = [started('started', t('reports.chart.started')), completed('completed', t('reports.chart.completed'))];

  return (
    <article className="report" aria-labelledby="report-title">
      <header className="report-head">
        <h2 id="report-title">{t('reports.report.title', { from: dayLabel(report.from, language), to: dayLabel(report.to, language) })}</h2>
        {siteName && <p className="hint">{siteName}</p>}
      </header>

      <dl className="figures">
        {FIGURES.map(([metric, field]) => (
          <div className="figure-card" key={metric}>
            <dt>{t(`reports.metric.${metric}`)}</dt>
            <dd>{field === 'learnersActive' ? report.learnersActive : report.totals[field]}</dd>
          </div>
        ))}
      </dl>

      <div className="report-charts">
        <WeeklyChart
          id="chart-lessons"
          title={t('reports.chart.lessonsPerWeek')}
          weeks={weeks}
          series={[
            { ...pair[0]!, values: report.weeks.map((w) => w.lessonsStarted) },
            { ...pair[1]!, values: report.weeks.map((w) => w.lessonsCompleted) },
          ]}
        />
        <WeeklyChart
          id="chart-courses"
          title={t('reports.chart.coursesPerWeek')}
          weeks={weeks}
          series={[
            { ...pair[0]!, values: report.weeks.map((w) => w.coursesStarted) },
            { ...pair[1]!, values: report.weeks.map((w) => w.coursesCompleted) },
          ]}
        />
        <BarList
          id="chart-by-course"
          title={t('reports.chart.byCourse')}
          head={t('reports.chart.course')}
          series={pair}
          empty={t('reports.chart.noCourses')}
          rows={report.courses.map((c) => {
            const title = courseTitle(c.title, language, t('reports.chart.removedCourse', { course: `${c.packId}/${c.courseId}` }));
            return { key: `${c.packId}/${c.courseId}`, label: title.text, lang: title.lang, values: [c.started, c.completed] };
          })}
        />
        <BarList
          id="chart-by-area"
          title={t('reports.chart.byArea')}
          head={t('reports.chart.area')}
          series={pair}
          empty={t('reports.chart.noCourses')}
          rows={report.areas.map((a) => ({ key: String(a.area), label: t(`reports.area.a${a.area}`), values: [a.started, a.completed] }))}
        />
        <WomenShare completers={report.completers} />
        <BarList
          id="chart-age"
          title={t('reports.chart.byAge')}
          head={t('reports.chart.ageBand')}
          series={[completed('completed', t('reports.metric.courses_completed'))]}
          empty={t('reports.chart.noCourses')}
          rows={AGE_BANDS.map((band) => ({
            key: band,
            label: t(`reports.age.${band}`),
            values: [report.ageBands.find((b) => b.band === band)?.completed ?? 0],
          }))}
        />
      </div>
    </article>
  );
}
