import { useTranslation } from 'react-i18next';
import { GENDERS, type Language, type Report } from '../../../../core/contract';
import { ChartTable } from './ChartTable';
import { percent } from './format';

/** The programme's target: at least this share of course completers are women. */
export const WOMEN_TARGET = 0.3;

/** The share of women among course completers against the target: a bar, a sentence, a table. */
export function WomenShare({ completers }: { completers: Report['completers'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const share = completers.womenShare;
  const target = percent(WOMEN_TARGET, language);
  const title = t('reports.women.title');
  const sentence =
    share === null
      ? t('reports.women.nobody')
      : t(share >= WOMEN_TARGET ? 'reports.women.aboveTarget' : 'reports.women.belowTarget', {
          count: completers.total,
          women: completers.byGender.female,
          share: percent(share, language),
          target,
        });
  return (
    <figure className="report-chart women-share">
      <figcaption>{title}</figcaption>
      <p className="women-sentence">{sentence}</p>
      {share !== null && (
        <>
          <div className="share-meter" aria-hidden="true">
            <div className="share-fill" style={{ width: `${share * 100}%` }} />
            <div className="share-target" style={{ left: `${WOMEN_TARGET * 100}%` }}>
              <span>{t('reports.women.targetMark', { target })}</span>
            </div>
          </div>
          <ChartTable
            caption={title}
            head={t('reports.women.gender')}
            columns={[{ key: 'completed', label: t('reports.metric.courses_completed') }]}
            rows={GENDERS.map((g) => ({ key: g, label: t(`reports.gender.${g}`), values: [completers.byGender[g]] }))}
          />
        </>
      )}
    </figure>
  );
}
