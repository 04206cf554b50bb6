import { useTranslation } from 'react-i18next';

// TODO(issue 5): placeholder until the screen is built.
export function StaffLoginScreen() {
  const { t } = useTranslation();
  return <p>{t('app.name')}</p>;
}
