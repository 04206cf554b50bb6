import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonView } from '../../../core/contract';
import { LocalizedText } from '../components/LocalizedText';

interface Props {
  lesson: LessonView;
  doneCount: number;
  lessonCompleted: boolean;
  courseCompleted: boolean;
  heading: Ref<HTMLHeadingElement>;
  onBack(): void;
  /** Goes to the first step not done yet (shown only when some are left). */
  onResume(): void;
}

/** The end of a lesson: how many steps are done and, at the end of a course, the certificate. */
export function LessonSummary({ lesson, doneCount, lessonCompleted, courseCompleted, heading, onBack, onResume }: Props) {
  const { t } = useTranslation();
  const total = lesson.steps.length;
  return (
    <section className="screen lesson-done" aria-labelledby="done-title">
      <h1 id="done-title" ref={heading} tabIndex={-1}>
        {lessonCompleted ? t('lesson.completedTitle') : t('player.summary.endTitle')}
      </h1>
      <LocalizedText as="p" className="lesson-name" text={lesson.title} defaultLanguage={lesson.defaultLanguage} />
      <p className="summary-steps">{t('player.summary.stepsDone', { done: doneCount, count: total })}</p>
      {lessonCompleted ? <p>{t('lesson.completedText')}</p> : <p>{t('player.summary.stepsLeft', { count: total - doneCount })}</p>}
      {courseCompleted && (
        <p className="certificate-ready">
          <span aria-hidden="true">★ </span>
          {t('player.summary.certificateReady')}
        </p>
      )}
      <div className="actions">
        {!lessonCompleted && (
          <button type="button" className="button primary big" onClick={onResume}>
            {t('player.summary.doTheRest')}
          </button>
        )}
        <button type="button" className={lessonCompleted ? 'button primary big' : 'button secondary big'} onClick={onBack}>
          {t('lesson.back')}
        </button>
      </div>
    </section>
  );
}
