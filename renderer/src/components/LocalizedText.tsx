import { useTranslation } from 'react-i18next';
import type { Language, LocalizedText as Text } from '../../../core/contract';
import { pickText } from '../i18n/i18n';
import { useApp } from '../state/app-store';

interface Props {
  text: Text;
  defaultLanguage: Language;
  as?: 'span' | 'p' | 'h1' | 'h2' | 'h3' | 'h4';
  className?: string;
  id?: string;
}

/** Pack text in the learner's language; when it falls back, the `lang` attribute and a note say so. */
export function LocalizedText({ text, defaultLanguage, as: Tag = 'span', className, id }: Props) {
  const language = useApp((s) => s.language);
  const picked = pickText(text, language, defaultLanguage);
  return (
    <Tag id={id} lang={picked.language} className={className}>
      {picked.text}
      {picked.fallback && <FallbackNote shown={picked.language} />}
    </Tag>
  );
}

/** "Not yet translated into your language: shown in …", in the learner's own language. */
export function FallbackNote({ shown }: { shown: Language }) {
  const { t, i18n } = useTranslation();
  return (
    <span className="fallback-note" lang={i18n.language}>
      {' '}
      ({t('language.fallbackNotice', { language: t(`language.names.${shown}`) })})
    </span>
  );
}
