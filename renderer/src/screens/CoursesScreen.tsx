import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CertificateSeal } from '../components/CertificateSeal';
import { ListenButton, spokenKeys } from '../components/Listen';
import { LocalizedText } from '../components/LocalizedText';
import { ProgressBar } from '../components/ProgressBar';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { WrongTriesNotice } from '../components/WrongTriesNotice';
import { useApiQuery } from '../data/useApiQuery';
import { pickText } from '../i18n/i18n';
import { useApp } from '../state/app-store';
import { PAINTED_MARKS, markWhenPainted } from '../state/painted-mark';

/** The learner's home: "continue where you stopped" first, then every course with its lessons. */
export function CoursesScreen() {
  const { t } = useTranslation();
  const { go, language, learner } = useApp();
  const data = useApiQuery('courses.list', {}).data ?? null;
  const heading = useFocusOnMount<HTMLHeadingElement>();

  const listed = data !== null;
  useEffect(() => {
    if (listed) markWhenPainted(PAINTED_MARKS.courses);
  }, [listed]);

  const resume = data?.continue;
  return (
    <section className="screen courses-screen" aria-labelledby="courses-title">
      <div className="screen-head">
        <h1 id="courses-title" ref={heading} tabIndex={-1}>
          {t('courses.title')}
        </h1>
        <div className="screen-head-buttons">
          <ListenButton sounds={spokenKeys('courses.title', resume && 'courses.continueTitle', 'profiles.courses.howTo')} />
          {/* Guests have no name to print, and their certificates go with them at sign-out. */}
          {learner && !learner.guest && (
            <button type="button" className="button secondary" onClick={() => go({ name: 'certificates' })}>
              <CertificateSeal size={24} />
              {t('profiles.certificates.button')}
            </button>
          )}
        </div>
      </div>
      <WrongTriesNotice />
      <p className="hint">{t('profiles.courses.howTo', { button: t('courses.open') })}</p>
      {resume && (
        <section className="continue-card" aria-labelledby="continue-title">
          <h2 id="continue-title">{t('courses.continueTitle')}</h2>
          <button type="button" className="button primary big" onClick={() => go({ name: 'lesson', packId: resume.packId, lessonId: resume.lessonId })}>
            {t('courses.continueButton', { lesson: pickText(resume.lessonTitle, language, resume.defaultLanguage).text })}
          </button>
        </section>
      )}
      {data?.courses.length === 0 && <p className="hint">{t('courses.empty')}</p>}
      {data?.courses.map((course) => (
        <article key={`${course.packId}/${course.courseId}`} className="course-card">
          <LocalizedText as="h2" text={course.title} defaultLanguage={course.defaultLanguage} />
          <LocalizedText as="p" text={course.description} defaultLanguage={course.defaultLanguage} />
          <p className="meta">
            {t('courses.lessonCount', { count: course.lessons.length })}
            {' · '}
            {course.certifying ? t('profiles.courses.certificate') : t('profiles.courses.practice')}
          </p>
          <ul className="lesson-list">
            {course.lessons.map((lesson) => (
              <li key={lesson.lessonId} className={lesson.completed ? 'lesson-row completed' : 'lesson-row'}>
                <div className="lesson-info">
                  <LocalizedText as="h3" text={lesson.title} defaultLanguage={course.defaultLanguage} />
                  <p className="status">
                    {lesson.completed
                      ? `✓ ${t('courses.completed')}`
                      : lesson.doneCount === 0
                        ? t('courses.notStarted')
                        : t('courses.stepsDone', { done: lesson.doneCount, total: lesson.stepCount })}
                  </p>
                  <ProgressBar
                    value={lesson.completed ? lesson.stepCount : lesson.doneCount}
                    max={lesson.stepCount}
                    label={t('courses.stepsDone', { done: lesson.doneCount, total: lesson.stepCount })}
                  />
                </div>
                <button
                  type="button"
                  className="button"
                  onClick={() => go({ name: 'lesson', packId: course.packId, lessonId: lesson.lessonId })}
                >
                  {lesson.completed ? t('courses.openAgain') : t('courses.open')}
                </button>
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
