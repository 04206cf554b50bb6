import { useTranslation } from 'react-i18next';
import { useApp } from '../state/app-store';

/** The last failed call, in the learner's language, announced to screen readers. */
export function ErrorBanner() {
  const { t } = useTranslation();
  const { error, dismissError } = useApp();
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <p>{t(`errors.${error.code}`, error.params as Record<string, string>)}</p>
      <button type="button" className="button secondary" onClick={dismissError}>
        {t('errors.dismiss')}
      </button>
    </div>
  );
}
