import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../core/contract';
import { ProgressBar } from '../../components/ProgressBar';
import { useApiQuery } from '../../data/useApiQuery';
import { courseTitle } from './format';

/** One learner's progress by course, loaded when their row is opened. */
export function LearnerProgress({ learnerId }: { learnerId: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { data: detail, isError: failed } = useApiQuery('learners.detail', { learnerId });

  if (failed) return <p className="hint">{t('reports.learners.progressUnavailable')}</p>;
  if (!detail) return <p className="hint" aria-busy="true">{t('reports.learners.loadingProgress')}</p>;
  if (detail.courses.length === 0) return <p className="hint">{t('reports.learners.noProgress')}</p>;
  return (
    <ul className="learner-courses">
      {detail.courses.map((course) => {
        const title = courseTitle(course.title, language, `${course.packId}/${course.courseId}`);
        const lessons = t('reports.learners.lessonsDone', { count: course.lessonsTotal, done: course.lessonsCompleted });
        return (
          <li key={`${course.packId}/${course.courseId}`} className="learner-course">
            <h4 lang={title.lang}>{title.text}</h4>
            <ProgressBar value={course.lessonsCompleted} max={course.lessonsTotal} label={`${title.text}: ${lessons}`} />
            <p>
              {lessons}
              {course.completed && <strong className="course-done"> · {t('reports.learners.courseCompleted')}</strong>}
            </p>
            {course.certificateCode && (
              <p>
                {t('reports.learners.certificate')} <code className="certificate-code">{course.certificateCode}</code>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
