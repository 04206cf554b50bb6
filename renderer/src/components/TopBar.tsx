import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../core/contract';
import { useApp, type Screen } from '../state/app-store';
import { AvatarPicture } from './AvatarPicture';
import { DisplayMenu } from './DisplayMenu';
import { LanguageSwitch } from './LanguageSwitch';
import { SignOut } from './SignOut';

const STAFF_SCREENS: ReadonlySet<Screen['name']> = new Set(['setup', 'staff-login', 'console']);

/**
 * Always on screen, one row. Before anyone signs in: the site, the languages, and text size and
 * contrast behind "Aa". Once a learner is in, so the lesson gets the screen: the site, "Language
 * and text" (the languages, sizes, contrast and reading aloud behind one labelled button), who is
 * learning, Sign out.
 */
export function TopBar() {
  const { t } = useTranslation();
  const { learner, siteName, screen } = useApp();
  const started = screen.name !== 'language' && screen.name !== 'loading';
  // Learners choose among the site's languages; staff (set-up, sign-in, console) among all.
  const staff = STAFF_SCREENS.has(screen.name);
  return (
    <header className={learner ? 'top-bar compact' : 'top-bar'}>
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        {siteName && <span className="site-name">{siteName}</span>}
      </div>
      {learner ? (
        <>
          <DisplayMenu />
          <div className="who">
            <AvatarPicture avatar={learner.avatar} size={36} />
            {learner.guest ? (
              <span className="who-name">{t('profiles.guest.greeting')}</span>
            ) : (
              // On screen the name alone (it must fit one row); screen readers hear the greeting.
              <span className="who-name" title={learner.displayName}>
                <span className="visually-hidden">{t('session.greeting', { name: learner.displayName })}</span>
                <span aria-hidden="true">{learner.displayName}</span>
              </span>
            )}
          </div>
          <SignOut learner={learner} />
        </>
      ) : (
        <>
          {started && <LanguageSwitch languages={staff ? LANGUAGES : undefined} />}
          <DisplayMenu languages={false} />
        </>
      )}
    </header>
  );
}
