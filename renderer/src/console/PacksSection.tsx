import { useTranslation } from 'react-i18next';

// TODO(issue 5): placeholder until the section is built.
export function PacksSection() {
  const { t } = useTranslation();
  return <p>{t('app.name')}</p>;
}
