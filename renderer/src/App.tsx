import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from './components/ErrorBanner';
import { TopBar } from './components/TopBar';
import { CoursesScreen } from './screens/CoursesScreen';
import { LanguageScreen } from './screens/LanguageScreen';
import { LessonScreen } from './screens/LessonScreen';
import { NewLearnerScreen } from './screens/NewLearnerScreen';
import { PickerScreen } from './screens/PickerScreen';
import { ProblemScreen } from './screens/ProblemScreen';
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
    case 'courses':
      return <CoursesScreen />;
    case 'lesson':
      return <LessonScreen key={`${screen.packId}/${screen.lessonId}`} packId={screen.packId} lessonId={screen.lessonId} />;
    case 'problem':
      return <ProblemScreen error={screen.error} />;
  }
}

export function App() {
  const { t } = useTranslation();
  const screen = useApp((s) => s.screen);
  const boot = useApp((s) => s.boot);
  useEffect(() => {
    void boot();
  }, [boot]);

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
    </div>
  );
}
