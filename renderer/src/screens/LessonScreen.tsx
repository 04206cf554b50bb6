import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonView } from '../../../core/contract';
import { api } from '../api/client';
import { LocalizedText } from '../components/LocalizedText';
import { ProgressBar } from '../components/ProgressBar';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApp } from '../state/app-store';
import { SingleChoiceStep } from '../steps/SingleChoiceStep';
import { TextStep } from '../steps/TextStep';

type Feedback = 'correct' | 'wrong' | 'choose-first' | null;

/** Plays a lesson one step at a time; core saves each finished step before the next appears. */
export function LessonScreen({ packId, lessonId }: { packId: string; lessonId: string }) {
  const { t } = useTranslation();
  const { settle, go, language } = useApp();
  const [lesson, setLesson] = useState<LessonView | null>(null);
  const [index, setIndex] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [answered, setAnswered] = useState<{ nextStepId: string | null; lessonCompleted: boolean } | null>(null);
  const [finished, setFinished] = useState(false);
  const [busy, setBusy] = useState(false);
  const stepHeading = useFocusOnMount<HTMLHeadingElement>(`${index}-${finished}-${lesson !== null}`);

  useEffect(() => {
    let live = true;
    void api.call('lessons.get', { packId, lessonId }).then((result) => {
      const view = settle(result);
      if (!live || !view) return;
      setLesson(view);
      const resume = view.steps.findIndex((s) => s.id === view.resumeStepId);
      setIndex(resume >= 0 ? resume : 0);
    });
    return () => {
      live = false;
    };
  }, [packId, lessonId, settle]);

  if (!lesson) return <section className="screen" aria-busy="true" />;
  const step = lesson.steps[index];
  const back = () => go({ name: 'courses' });

  function moveTo(nextStepId: string | null, lessonCompleted: boolean) {
    setSelected(null);
    setFeedback(null);
    setAnswered(null);
    const next = lesson!.steps.findIndex((s) => s.id === nextStepId);
    if (next >= 0) setIndex(next);
    else if (lessonCompleted || nextStepId === null) setFinished(true);
  }

  async function submit() {
    if (!step || busy) return;
    if (step.kind === 'single-choice' && answered) return moveTo(answered.nextStepId, answered.lessonCompleted);
    if (step.kind === 'single-choice' && !selected) return setFeedback('choose-first');
    setBusy(true);
    const outcome = settle(
      await api.call('progress.submitStep', {
        packId,
        lessonId,
        stepId: step.id,
        ...(step.kind === 'single-choice' && selected ? { answer: { optionId: selected } } : {}),
      }),
    );
    setBusy(false);
    if (!outcome) return;
    if (outcome.correct === null) return moveTo(outcome.nextStepId, outcome.lessonCompleted);
    setFeedback(outcome.correct ? 'correct' : 'wrong');
    if (outcome.correct) setAnswered(outcome);
  }

  if (finished) {
    return (
      <section className="screen lesson-done" aria-labelledby="done-title">
        <h1 id="done-title" ref={stepHeading} tabIndex={-1}>
          {t('lesson.completedTitle')}
        </h1>
        <LocalizedText as="p" className="lesson-name" text={lesson.title} defaultLanguage={lesson.defaultLanguage} />
        <p>{t('lesson.completedText')}</p>
        <button type="button" className="button primary big" onClick={back}>
          {t('lesson.back')}
        </button>
      </section>
    );
  }
  if (!step) return null;

  const position = t('lesson.stepOf', { current: index + 1, total: lesson.steps.length });
  const buttonLabel = step.kind === 'single-choice' && !answered ? t('lesson.check') : t('lesson.next');
  return (
    <section className="screen lesson-screen" aria-labelledby="lesson-title">
      <div className="lesson-head">
        <LocalizedText as="h1" text={lesson.title} defaultLanguage={lesson.defaultLanguage} className="lesson-title" />
        <button type="button" className="button secondary" onClick={back}>
          {t('lesson.back')}
        </button>
      </div>
      {lesson.completed && index === 0 && <p className="hint">{t('lesson.alreadyCompleted')}</p>}
      <h2 ref={stepHeading} tabIndex={-1} className="step-position" id="lesson-title">
        {position}
      </h2>
      <ProgressBar value={index} max={lesson.steps.length} label={position} />
      <div className="step-body" key={step.id}>
        {step.kind === 'text' && <TextStep step={step} language={language} defaultLanguage={lesson.defaultLanguage} />}
        {step.kind === 'single-choice' && (
          <SingleChoiceStep
            step={step}
            defaultLanguage={lesson.defaultLanguage}
            selected={selected}
            locked={answered !== null}
            onSelect={(id) => {
              setSelected(id);
              setFeedback(null);
            }}
          />
        )}
      </div>
      <div className="feedback" aria-live="polite">
        {feedback === 'correct' && <p className="feedback-correct">✓ {t('lesson.correct')}</p>}
        {feedback === 'wrong' && <p className="feedback-wrong">{t('lesson.wrong')}</p>}
        {feedback === 'choose-first' && <p className="feedback-wrong">{t('lesson.chooseFirst')}</p>}
      </div>
      <div className="actions">
        <button type="button" className="button primary big" onClick={() => void submit()} disabled={busy}>
          {buttonLabel}
        </button>
      </div>
    </section>
  );
}
