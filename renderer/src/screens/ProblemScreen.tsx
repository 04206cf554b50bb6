import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../core/contract';
import { useFocusOnMount } from '../components/useFocusOnMount';

/** The kiosk cannot work (damaged database…): what happened and what to do next, in plain words. */
export function ProblemScreen({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="screen problem-screen" role="alert" aria-labelledby="problem-title">
      <h1 id="problem-title" ref={heading} tabIndex={-1}>
        {t('errors.title')}
      </h1>
      <p className="problem-text">{t(`errors.${error.code}`, error.params as Record<string, string>)}</p>
    </section>
  );
}
