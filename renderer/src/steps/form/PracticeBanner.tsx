import { useTranslation } from 'react-i18next';

/** Always on top of the practice form, on every page: nobody should think this is the real portal. */
export function PracticeBanner() {
  const { t } = useTranslation();
  return (
    <div className="practice-banner">
      <span className="practice-icon" aria-hidden="true">
        ⚠
      </span>
      <p>
        <strong>{t('player.form.practiceTitle')}</strong> {t('player.form.practiceText')}
      </p>
    </div>
  );
}
