import { LANGUAGE_NATIVE_NAMES } from '../../../core/contract';
import { catalogues } from '../i18n/i18n';
import { useApp } from '../state/app-store';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { ListenButton } from '../components/Listen';

/** The first screen: each language named in its own script, with its own heading, so anyone finds theirs. */
export function LanguageScreen() {
  const chooseLanguage = useApp((s) => s.chooseLanguage);
  // Only the languages the site offers (all three until the set-up has chosen).
  const offered = useApp((s) => s.languages);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="screen language-screen" aria-labelledby="language-title">
      <h1 id="language-title" ref={heading} tabIndex={-1}>
        {offered.map((code) => (
          <span key={code} lang={code} className="multi-title">
            {catalogues[code].language.title}
          </span>
        ))}
      </h1>
      {/* "Choose your language", said in each language in turn. */}
      <ListenButton sounds={offered.map((code) => ({ key: 'language.title', language: code }))} />
      <div className="language-buttons">
        {offered.map((code) => (
          <button key={code} type="button" lang={code} className="button language-button" onClick={() => void chooseLanguage(code)}>
            {LANGUAGE_NATIVE_NAMES[code]}
          </button>
        ))}
      </div>
    </section>
  );
}
