import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonView, StepAnswer } from '../../../core/contract';
import { api } from '../api/client';
import { LocalizedText } from '../components/LocalizedText';
import { ProgressBar } from '../components/ProgressBar';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApp } from '../state/app-store';
import { LessonSummary } from '../steps/LessonSummary';
import { StepContent, initialAnswer, stepMode } from '../steps/StepContent';
import { StepFeedback, type Feedback } from '../steps/StepFeedback';
import { ListenButton } from '../components/ListenButton';
import type { StepOutcome } from '../steps/types';

interface Ending {
  lessonCompleted: boolean;
  courseCompleted: boolean;
}

/**
 * Plays a lesson one step at a time; core judges each answer and saves each finished step before
 * the next appears. A wrong answer is not recorded: the learner simply tries again.
 */
export function LessonScreen({ packId, lessonId }: { packId: string; lessonId: string }) {
  const { t } = useTranslation();
  const { settle, go, language } = useApp();
  const [lesson, setLesson] = useState<LessonView | null>(null);
  const [index, setIndex] = useState(0);
  /** The learner's answer so far; undefined until they touch the step. */
  const [draft, setDraft] = useState<StepAnswer | null | undefined>(undefined);
  const [feedback, setFeedback] = useState<Feedback>(null);
  /** Core's word on the current step once it counted it done. */
  const [accepted, setAccepted] = useState<StepOutcome | null>(null);
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [courseCompleted, setCourseCompleted] = useState(false);
  const [ending, setEnding] = useState<Ending | null>(null);
  const [busy, setBusy] = useState(false);
  const stepHeading = useFocusOnMount<HTMLHeadingElement>(`${index}-${ending !== null}-${lesson !== null}`);

  useEffect(() => {
    let live = true;
    void api.call('lessons.get', { packId, lessonId }).then((result) => {
      const view = settle(result);
      if (!live || !view) return;
      setLesson(view);
      setDone(new Set(view.doneStepIds));
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

  function show(next: number) {
    setDraft(undefined);
    setFeedback(null);
    setAccepted(null);
    setEnding(null);
    setIndex(next);
  }

  function moveOn(outcome: StepOutcome) {
    const next = lesson!.steps.findIndex((s) => s.id === outcome.nextStepId);
    if (next >= 0) return show(next);
    setEnding({ lessonCompleted: outcome.lessonCompleted, courseCompleted: courseCompleted || outcome.certified });
  }

  /** Sends the step (with an answer for judged kinds); remembers what core counted as done. */
  async function send(answer?: StepAnswer): Promise<StepOutcome | null> {
    if (!step) return null;
    setBusy(true);
    const outcome = settle(await api.call('progress.submitStep', { packId, lessonId, stepId: step.id, ...(answer ? { answer } : {}) }));
    setBusy(false);
    if (outcome && outcome.correct !== false) {
      setAccepted(outcome);
      setDone(new Set(done).add(step.id));
      if (outcome.certified) setCourseCompleted(true);
    }
    return outcome;
  }

  async function check() {
    if (!step || busy || accepted) return;
    const answer = draft === undefined ? initialAnswer(step) : draft;
    const attempt = (feedback?.attempt ?? 0) + 1;
    if (!answer) return setFeedback({ result: 'missing', attempt });
    const outcome = await send(answer);
    if (outcome) setFeedback({ result: outcome.correct === false ? 'wrong' : 'correct', attempt, explanations: outcome.explanations ?? [] });
  }

  async function next() {
    if (!step || busy) return;
    if (accepted) return moveOn(accepted);
    const outcome = await send();
    if (outcome) moveOn(outcome);
  }

  if (ending) {
    const firstLeft = lesson.steps.findIndex((s) => !done.has(s.id));
    return (
      <LessonSummary
        lesson={lesson}
        doneCount={lesson.steps.filter((s) => done.has(s.id)).length}
        lessonCompleted={ending.lessonCompleted}
        courseCompleted={ending.courseCompleted}
        heading={stepHeading}
        onBack={back}
        onResume={() => show(Math.max(0, firstLeft))}
      />
    );
  }
  if (!step) return null;

  const mode = stepMode(step);
  const checking = mode === 'check' && !accepted;
  const position = t('lesson.stepOf', { current: index + 1, total: lesson.steps.length });
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
      {step.narration && (
        <div className="listen-row" key={`listen-${step.id}`}>
          <ListenButton packId={packId} narration={step.narration} defaultLanguage={lesson.defaultLanguage} />
        </div>
      )}
      <div className="step-body" key={step.id}>
        <StepContent
          step={step}
          packId={packId}
          language={language}
          defaultLanguage={lesson.defaultLanguage}
          locked={accepted !== null}
          onChange={(answer) => {
            setDraft(answer);
            setFeedback(null);
          }}
          submit={send}
          onCheck={() => void (accepted ? next() : check())}
        />
      </div>
      <StepFeedback step={step} packId={packId} feedback={feedback} defaultLanguage={lesson.defaultLanguage} />
      <div className="actions">
        {/* One button that turns from "Check" into "Next", so keyboard focus stays on it. */}
        {(mode !== 'self' || accepted) && (
          // aria-disabled, not disabled: a disabled button would drop keyboard focus while core answers.
          <button type="button" className="button primary big" onClick={() => void (checking ? check() : next())} aria-disabled={busy}>
            {checking ? (step.kind === 'checklist' ? t('player.checklist.submit') : t('lesson.check')) : t('lesson.next')}
          </button>
        )}
      </div>
    </section>
  );
}
