import { useTranslation } from 'react-i18next';
import { LANGUAGE_NATIVE_NAMES, type Language } from '../../../core/contract';
import { useApp } from '../state/app-store';

/** Each language named in its own script, so anyone finds theirs; the site's languages unless told. */
export function LanguageSwitch({ languages }: { languages?: readonly Language[] }) {
  const { t } = useTranslation();
  const { language, languages: offered, chooseLanguage } = useApp();
  return (
    <nav className="language-switch" aria-label={t('language.switch')}>
      {(languages ?? offered).map((code) => (
        <button key={code} type="button" lang={code} aria-pressed={code === language} className="language-chip" onClick={() => void chooseLanguage(code)}>
          {LANGUAGE_NATIVE_NAMES[code]}
        </button>
      ))}
    </nav>
  );
}
