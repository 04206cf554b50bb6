import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonView } from '../../../core/contract';
import { readApiQuery } from '../data/useApiQuery';
import { ListenButton, spokenKeys } from '../components/Listen';
import { LocalizedText } from '../components/LocalizedText';
import type { Ending } from '../screens/LessonScreen';
import { useApp } from '../state/app-store';

interface Props {
  lesson: LessonView;
  doneCount: number;
  ending: Ending;
  heading: Ref<HTMLHeadingElement>;
  onBack(): void;
  /** Goes to the first step not done yet (shown only when some are left). */
  onResume(): void;
}

/**
 * The end of a lesson: how many steps are done and, at the end of a course, the way to the
 * certificate (a course the pack marks as practice gives none, and says so).
 */
export function LessonSummary({ lesson, doneCount, ending, heading, onBack, onResume }: Props) {
  const { t } = useTranslation();
  const { go } = useApp();
  const [opening, setOpening] = useState(false);
  const total = lesson.steps.length;
  const { lessonCompleted, courseCompleted, certified } = ending;

  async function openCertificate() {
    if (opening) return;
    setOpening(true);
    const mine = await readApiQuery('certificates.mine', {});
    setOpening(false);
    const certificate = mine?.find((c) => c.packId === lesson.packId && c.courseId === lesson.courseId);
    if (certificate) go({ name: 'certificate', certificate });
    else if (mine) go({ name: 'certificates' });
  }

  const spoken = spokenKeys(
    lessonCompleted ? 'lesson.completedTitle' : 'player.summary.endTitle',
    lessonCompleted ? 'lesson.completedText' : null,
    certified ? 'player.summary.certificateReady' : courseCompleted ? 'player.summary.practiceDone' : null,
  );
  return (
    <section className="screen lesson-done" aria-labelledby="done-title">
      <div className="screen-head">
        <h1 id="done-title" ref={heading} tabIndex={-1}>
          {lessonCompleted ? t('lesson.completedTitle') : t('player.summary.endTitle')}
        </h1>
        <ListenButton sounds={spoken} autoPlay />
      </div>
      <LocalizedText as="p" className="lesson-name" text={lesson.title} defaultLanguage={lesson.defaultLanguage} />
      <p className="summary-steps">{t('player.summary.stepsDone', { done: doneCount, count: total })}</p>
      {lessonCompleted ? <p>{t('lesson.completedText')}</p> : <p>{t('player.summary.stepsLeft', { count: total - doneCount })}</p>}
      {certified && (
        <p className="certificate-ready">
          <span aria-hidden="true">★ </span>
          {t('player.summary.certificateReady')}
        </p>
      )}
      {courseCompleted && !certified && (
        <p className="certificate-ready practice">
          <span aria-hidden="true">★ </span>
          {t('player.summary.practiceDone')}
        </p>
      )}
      <div className="actions">
        {certified && (
          <button type="button" className="button primary big" onClick={() => void openCertificate()} aria-disabled={opening}>
            {t('player.summary.openCertificate')}
          </button>
        )}
        {!lessonCompleted && (
          <button type="button" className="button primary big" onClick={onResume}>
            {t('player.summary.doTheRest')}
          </button>
        )}
        <button type="button" className={lessonCompleted && !certified ? 'button primary big' : 'button secondary big'} onClick={onBack}>
          {t('lesson.back')}
        </button>
      </div>
    </section>
  );
}
