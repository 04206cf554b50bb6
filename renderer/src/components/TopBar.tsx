import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NATIVE_NAMES } from '../../../core/contract';
import { useApp } from '../state/app-store';
import { AvatarPicture } from './AvatarPicture';

/** Always on screen: who is learning, the language switch, and the big Finish button. */
export function TopBar() {
  const { t } = useTranslation();
  const { learner, language, siteName, chooseLanguage, finish, screen } = useApp();
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        {siteName && <span className="site-name">{siteName}</span>}
      </div>
      {screen.name !== 'language' && screen.name !== 'loading' && (
        <nav className="language-switch" aria-label={t('language.switch')}>
          {LANGUAGES.map((code) => (
            <button
              key={code}
              type="button"
              lang={code}
              aria-pressed={code === language}
              className="language-chip"
              onClick={() => void chooseLanguage(code)}
            >
              {LANGUAGE_NATIVE_NAMES[code]}
            </button>
          ))}
        </nav>
      )}
      {learner && (
        <div className="who">
          <AvatarPicture avatar={learner.avatar} size={40} />
          <span className="who-name">{t('session.greeting', { name: learner.displayName })}</span>
          <button type="button" className="button finish" onClick={() => void finish()}>
            {t('session.finish')}
          </button>
        </div>
      )}
    </header>
  );
}
