import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NATIVE_NAMES } from '../../../core/contract';
import { useApp, type Screen } from '../state/app-store';
import { AvatarPicture } from './AvatarPicture';
import { ComfortControls } from './ComfortControls';

const STAFF_SCREENS: ReadonlySet<Screen['name']> = new Set(['setup', 'staff-login', 'console']);

/** Always on screen: who is learning, language, text size and contrast, certificates, Finish. */
export function TopBar() {
  const { t } = useTranslation();
  const { learner, language, languages, siteName, chooseLanguage, finish, screen, go } = useApp();
  const started = screen.name !== 'language' && screen.name !== 'loading';
  // Learners choose among the site's languages; staff (set-up, sign-in, console) among all.
  const shown = STAFF_SCREENS.has(screen.name) ? LANGUAGES : languages;
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        {siteName && <span className="site-name">{siteName}</span>}
      </div>
      {started && (
        <nav className="language-switch" aria-label={t('language.switch')}>
          {shown.map((code) => (
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
      <ComfortControls />
      {learner && (
        <div className="who">
          <AvatarPicture avatar={learner.avatar} size={40} />
          <span className="who-name">{learner.guest ? t('profiles.guest.greeting') : t('session.greeting', { name: learner.displayName })}</span>
          {/* Guests have no name to print, and their certificates go with them at logout. */}
          {!learner.guest && (
            <button
              type="button"
              className="button top-button"
              aria-current={screen.name === 'certificates' || screen.name === 'certificate' ? 'page' : undefined}
              onClick={() => go({ name: 'certificates' })}
            >
              {t('profiles.certificates.button')}
            </button>
          )}
          <button type="button" className="button finish" onClick={() => void finish()}>
            {t('session.finish')}
          </button>
        </div>
      )}
    </header>
  );
}
