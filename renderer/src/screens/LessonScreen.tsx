import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonView, StepAnswer } from '../../../core/contract';
import { useApiCommand } from '../data/useApiCommand';
import { useApiQuery } from '../data/useApiQuery';
import { ListenButton } from '../components/Listen';
import { LocalizedText } from '../components/LocalizedText';
import { ProgressBar } from '../components/ProgressBar';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApp } from '../state/app-store';
import { useBackButton } from '../state/back-button';
import { PAINTED_MARKS, markWhenPainted } from '../state/painted-mark';
import { LessonSummary } from '../steps/LessonSummary';
import { NO_MARKS, type Marks } from '../steps/marks';
import { ScrollMore } from '../steps/ScrollMore';
import { StepContent, initialAnswer, stepMode } from '../steps/StepContent';
import { StepFeedback, type Feedback } from '../steps/StepFeedback';
import { stepSounds } from '../steps/step-sounds';
import type { StepOutcome } from '../steps/types';

export interface Ending {
  lessonCompleted: boolean;
  /** This step completed the course. */
  courseCompleted: boolean;
  /** …and that gave the learner a certificate (only certifying courses do). */
  certified: boolean;
}

/**
 * Plays a lesson one step at a time; core judges each answer and saves each finished step before
 * the next appears. A wrong answer is not recorded: the learner simply tries again. The screen is
 * laid out so that the step and its main button are on screen together, without scrolling:
 * a compact head, the step in the middle, the feedback and the buttons always at the bottom.
 */
export function LessonScreen({ packId, lessonId }: { packId: string; lessonId: string }) {
  const { t } = useTranslation();
  const { go, language } = useApp();
  const [lesson, setLesson] = useState<LessonView | null>(null);
  const [index, setIndex] = useState(0);
  /** The learner's answer so far; undefined until they touch the step. */
  const [draft, setDraft] = useState<StepAnswer | null | undefined>(undefined);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [marks, setMarks] = useState<Marks>(NO_MARKS);
  /** Core's word on the current step once it counted it done. */
  const [accepted, setAccepted] = useState<StepOutcome | null>(null);
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [ending, setEnding] = useState<Ending | null>(null);
  const submit = useApiCommand('progress.submitStep');
  const busy = submit.busy;
  const stepHeading = useFocusOnMount<HTMLHeadingElement>(`${index}-${ending !== null}-${lesson !== null}`);
  const scrollArea = useRef<HTMLDivElement>(null);
  const [actionSlot, setActionSlot] = useState<HTMLDivElement | null>(null);

  // After a check, the first answer marked as needing work is brought into sight.
  useEffect(() => {
    if (marks.attempt === 0) return;
    scrollArea.current?.querySelector('.mark-wrong, .mark-missed, .misplaced, .wrong-pair, .mark-practise')?.scrollIntoView({ block: 'nearest' });
  }, [marks]);

  // The lesson as first read starts the player where the learner stopped; from then on the
  // player keeps its own steps done (a later read would not move it).
  const view = useApiQuery('lessons.get', { packId, lessonId }).data;
  if (view && lesson === null) {
    setLesson(view);
    setDone(new Set(view.doneStepIds));
    const resume = view.steps.findIndex((s) => s.id === view.resumeStepId);
    setIndex(resume >= 0 ? resume : 0);
  }

  const loaded = lesson !== null;
  useEffect(() => {
    if (loaded) markWhenPainted(PAINTED_MARKS.lesson);
  }, [loaded]);

  const back = () => go({ name: 'courses' });

  function show(next: number) {
    setDraft(undefined);
    setFeedback(null);
    setMarks(NO_MARKS);
    setAccepted(null);
    setEnding(null);
    setIndex(next);
  }

  /** The browser's Back (and the "Previous step" button): one step back, or out of the lesson. */
  function previous() {
    if (ending) return setEnding(null);
    if (index > 0) show(index - 1);
    else back();
  }
  useBackButton(previous);

  if (!lesson) return <section className="screen" aria-busy="true" />;
  const step = lesson.steps[index];

  function moveOn(outcome: StepOutcome) {
    const next = lesson!.steps.findIndex((s) => s.id === outcome.nextStepId);
    if (next >= 0) return show(next);
    setEnding({ lessonCompleted: outcome.lessonCompleted, courseCompleted: outcome.courseCompleted, certified: outcome.certified });
  }

  /** Sends the step (with an answer for judged kinds); remembers what core counted as done. */
  async function send(answer?: StepAnswer): Promise<StepOutcome | null> {
    if (!step) return null;
    // A learner's screen says what went wrong in the banner above the lesson.
    const outcome = await submit.run({ packId, lessonId, stepId: step.id, ...(answer ? { answer } : {}) }, (error) => useApp.setState({ error }));
    if (outcome && outcome.correct !== false) {
      setAccepted(outcome);
      setDone(new Set(done).add(step.id));
    }
    return outcome;
  }

  async function check() {
    if (!step || busy || accepted) return;
    const answer = draft === undefined ? initialAnswer(step) : draft;
    const attempt = (feedback?.attempt ?? marks.attempt) + 1;
    if (!answer) return setFeedback({ result: 'missing', attempt });
    const outcome = await send(answer);
    if (!outcome) return;
    const result = outcome.correct === false ? 'wrong' : 'correct';
    setFeedback({ result, attempt, explanations: outcome.explanations ?? [], unticked: outcome.unticked ?? [], wrongItems: outcome.wrongItems ?? [] });
    setMarks({ attempt, explanations: outcome.explanations ?? [], wrongItems: outcome.wrongItems ?? [], unticked: outcome.unticked ?? [] });
  }

  async function next() {
    if (!step || busy) return;
    if (accepted) return moveOn(accepted);
    // A step done before (the learner came back to it) is left as it was.
    if (done.has(step.id) && stepMode(step) !== 'view') {
      if (index + 1 < lesson!.steps.length) return show(index + 1);
      return setEnding({ lessonCompleted: lesson!.steps.every((s) => done.has(s.id)), courseCompleted: false, certified: false });
    }
    const outcome = await send();
    if (outcome) moveOn(outcome);
  }

  if (ending) {
    const firstLeft = lesson.steps.findIndex((s) => !done.has(s.id));
    return (
      <LessonSummary
        lesson={lesson}
        doneCount={lesson.steps.filter((s) => done.has(s.id)).length}
        ending={ending}
        heading={stepHeading}
        onBack={back}
        onResume={() => show(Math.max(0, firstLeft))}
      />
    );
  }
  if (!step) return null;

  const mode = stepMode(step);
  const revisited = done.has(step.id) && draft === undefined && feedback === null;
  const checking = mode === 'check' && !accepted && !revisited;
  const position = t('lesson.stepOf', { current: index + 1, total: lesson.steps.length });
  return (
    <section className="screen lesson-screen" aria-labelledby="lesson-title">
      <div className="lesson-head">
        <button type="button" className="button secondary lesson-exit" onClick={back}>
          <svg viewBox="0 0 24 24" width="1.1em" height="1.1em" aria-hidden="true" focusable="false">
            <path d="M4 5h16M4 12h16M4 19h16" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
          </svg>
          {t('lesson.back')}
        </button>
        <LocalizedText as="h1" text={lesson.title} defaultLanguage={lesson.defaultLanguage} className="lesson-title" />
        <h2 ref={stepHeading} tabIndex={-1} className="step-position" id="lesson-title">
          {position}
        </h2>
        <ListenButton key={`listen-${step.id}`} sounds={stepSounds(step, packId, language, lesson.defaultLanguage)} autoPlay className="step-listen" />
      </div>
      <ProgressBar value={index} max={lesson.steps.length} label={position} />
      <div className="step-scroll" ref={scrollArea}>
        {lesson.completed && index === 0 && <p className="hint">{t('lesson.alreadyCompleted')}</p>}
        <div className={`step-body kind-${step.kind}`} key={step.id}>
          <StepContent
            step={step}
            packId={packId}
            language={language}
            defaultLanguage={lesson.defaultLanguage}
            locked={accepted !== null}
            marks={marks}
            onChange={(answer) => {
              setDraft(answer);
              setFeedback(null);
            }}
            submit={send}
            onCheck={() => void (accepted ? next() : check())}
            actionSlot={actionSlot}
          />
        </div>
      </div>
      <StepFeedback step={step} packId={packId} feedback={feedback} defaultLanguage={lesson.defaultLanguage} />
      <div className="actions lesson-actions">
        {index > 0 && (
          <button type="button" className="button secondary previous-step" onClick={previous}>
            <span aria-hidden="true">← </span>
            {t('player.nav.previous')}
          </button>
        )}
        <ScrollMore area={scrollArea} watch={`${step.id}-${marks.attempt}`} />
        <div className="step-actions" ref={setActionSlot} />
        {/* One button that turns from "Check" into "Next", so keyboard focus stays on it. */}
        {(mode !== 'self' || accepted || revisited) && (
          // aria-disabled, not disabled: a disabled button would drop keyboard focus while core answers.
          <button type="button" className="button primary big main-action" onClick={() => void (checking ? check() : next())} aria-disabled={busy}>
            {checking ? (step.kind === 'checklist' ? t('player.checklist.finish') : t('lesson.check')) : t('lesson.next')}
            {!checking && <span aria-hidden="true"> →</span>}
          </button>
        )}
      </div>
    </section>
  );
}
