import { useTranslation } from 'react-i18next';

// TODO(issue 5): placeholder until the section is built.
export function StatisticsSection() {
  const { t } = useTranslation();
  return <p>{t('app.name')}</p>;
}
