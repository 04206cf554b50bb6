import { useTranslation } from 'react-i18next';
import { useApp } from '../state/app-store';

/**
 * "Someone tried to open your profile": shown once after sign-in when wrong PINs or pictures were
 * entered on it since the learner's last visit, so they can tell the librarian if it was not them.
 */
export function WrongTriesNotice() {
  const { t } = useTranslation();
  const { wrongTries, dismissWrongTries } = useApp();
  if (wrongTries === 0) return null;
  return (
    <section className="wrong-tries-notice" role="status" aria-labelledby="wrong-tries-title">
      <h2 id="wrong-tries-title">{t('profiles.wrongTries.title')}</h2>
      <p>{t('profiles.wrongTries.text', { count: wrongTries })}</p>
      <button type="button" className="button secondary" onClick={dismissWrongTries}>
        {t('profiles.wrongTries.dismiss')}
      </button>
    </section>
  );
}
