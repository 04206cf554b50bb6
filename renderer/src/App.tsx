import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleScreen } from './console/ConsoleScreen';
import { SetupScreen } from './console/SetupScreen';
import { StaffLoginScreen } from './console/StaffLoginScreen';
import { ErrorBanner } from './components/ErrorBanner';
import { IdleLogout } from './components/IdleLogout';
import { TopBar } from './components/TopBar';
import { useLiveUpdates } from './data/live-updates';
import { CertificateScreen } from './screens/CertificateScreen';
import { CertificatesScreen } from './screens/CertificatesScreen';
import { CoursesScreen } from './screens/CoursesScreen';
import { LanguageScreen } from './screens/LanguageScreen';
import { LessonScreen } from './screens/LessonScreen';
import { NewLearnerScreen } from './screens/NewLearnerScreen';
import { PickerScreen } from './screens/PickerScreen';
import { ProblemScreen } from './screens/ProblemScreen';
import { ProfileQuestionsScreen } from './screens/ProfileQuestionsScreen';
import { UnlockScreen } from './screens/UnlockScreen';
import { useApp, type Screen } from './state/app-store';

/**
 * Screens are app state, not URLs: nothing a learner did lands in the browser's history, so the
 * next person at a shared PC cannot go "back" into someone else's lesson.
 */
function CurrentScreen({ screen }: { screen: Screen }) {
  switch (screen.name) {
    case 'loading':
      return <section className="screen" aria-busy="true" />;
    case 'language':
      return <LanguageScreen />;
    case 'picker':
      return <PickerScreen />;
    case 'new-learner':
      return <NewLearnerScreen />;
    case 'unlock':
      return <UnlockScreen key={screen.learner.id} learner={screen.learner} lockedUntil={screen.lockedUntil} />;
    case 'profile-questions':
      return <ProfileQuestionsScreen />;
    case 'courses':
      return <CoursesScreen />;
    case 'lesson':
      return <LessonScreen key={`${screen.packId}/${screen.lessonId}`} packId={screen.packId} lessonId={screen.lessonId} />;
    case 'certificates':
      return <CertificatesScreen />;
    case 'certificate':
      return <CertificateScreen key={screen.certificate.id} certificate={screen.certificate} />;
    case 'problem':
      return <ProblemScreen error={screen.error} />;
    case 'setup':
      return <SetupScreen />;
    case 'staff-login':
      return <StaffLoginScreen notice={screen.notice} />;
    case 'console':
      return <ConsoleScreen />;
  }
}

export function App() {
  const { t } = useTranslation();
  const screen = useApp((s) => s.screen);
  const boot = useApp((s) => s.boot);
  useLiveUpdates();
  useEffect(() => {
    void boot();
  }, [boot]);

  useEffect(() => {
    // A page brought back from the browser's back-forward cache would show whoever was logged in
    // when it was left: end that session instead of showing it to the next person.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted && useApp.getState().learner) void useApp.getState().finish();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, []);

  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        {t('app.skipToContent')}
      </button>
      <TopBar />
      <ErrorBanner />
      <main id="main" tabIndex={-1}>
        <CurrentScreen screen={screen} />
      </main>
      <IdleLogout />
    </div>
  );
}
