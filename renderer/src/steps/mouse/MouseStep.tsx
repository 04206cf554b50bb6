import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MOUSE_TASKS } from '../../../../core/contract';
import { ListenButton, spokenKeys } from '../../components/Listen';
import { LocalizedText } from '../../components/LocalizedText';
import type { SelfSubmitProps } from '../types';
import { ClickTarget, DoubleClickTarget, RightClickTarget } from './ClickTargets';
import { DragPractice } from './DragPractice';
import { ScrollPractice } from './ScrollPractice';

export type MouseTask = (typeof MOUSE_TASKS)[number];

/** What each practice gets: one call per success, one for a gentle hint (a wrong button, say). */
export interface PracticeProps {
  done: boolean;
  /** How many successes so far: lets a practice set itself up again for the next go. */
  count: number;
  onSuccess(): void;
  onHint(message: string): void;
}

/**
 * Mouse practice: the same task `repetitions` times on a big, forgiving target, with praise after
 * each go and no clock. Every task can also be done with the keyboard (see each practice), so a
 * learner who cannot use a mouse is never stuck. When all are done, core is told `{ done: true }`.
 */
export function MouseStep({ step, defaultLanguage, locked, submit }: SelfSubmitProps<'mouse'>) {
  const { t } = useTranslation();
  const total = step.repetitions;
  const [count, setCount] = useState(locked ? total : 0);
  const [message, setMessage] = useState({ text: '', n: 0 });
  const [sendFailed, setSendFailed] = useState(false);
  const done = count >= total;

  async function send() {
    setSendFailed(false);
    const outcome = await submit({ done: true });
    if (!outcome) setSendFailed(true);
  }

  function onSuccess() {
    if (done) return;
    const next = count + 1;
    setCount(next);
    const left = total - next;
    setMessage({ text: left > 0 ? t('player.mouse.encourage', { count: left }) : t('player.mouse.allDone', { button: t('lesson.next') }), n: message.n + 1 });
    if (left === 0) void send();
  }

  const practice: PracticeProps = { done, count, onSuccess, onHint: (text) => setMessage({ text, n: message.n + 1 }) };
  return (
    <div className="mouse-step">
      <LocalizedText as="h3" text={step.instruction} defaultLanguage={defaultLanguage} />
      <p className="hint">{keyboardHint(step.task, t)}</p>
      {step.task === 'click' && <ClickTarget {...practice} />}
      {step.task === 'double-click' && <DoubleClickTarget {...practice} />}
      {step.task === 'right-click' && <RightClickTarget {...practice} />}
      {step.task === 'drag' && <DragPractice {...practice} />}
      {step.task === 'scroll' && <ScrollPractice {...practice} />}
      <p className="mouse-progress">
        <span aria-hidden="true" className="dots">
          {Array.from({ length: total }, (_, i) => (i < count ? '●' : '○')).join(' ')}
        </span>{' '}
        {t('player.mouse.progress', { done: count, count: total })}
      </p>
      {/* Keyed so the same words (a hint given twice) are announced again. */}
      <div className="mouse-message">
        <div role="status">
          {message.text && (
            <p key={message.n} className={done ? 'feedback-correct' : undefined}>
              {done && <span aria-hidden="true">✓ </span>}
              {message.text}
            </p>
          )}
        </div>
        {done && message.text && <ListenButton sounds={spokenKeys('player.mouse.allDone')} autoPlay small />}
      </div>
      {sendFailed && (
        <button type="button" className="button primary" onClick={() => void send()}>
          {t('player.mouse.sendAgain')}
        </button>
      )}
    </div>
  );
}

/** How to do the task without a mouse, said up front so nobody is stuck. */
function keyboardHint(task: MouseTask, t: (key: string) => string): string {
  switch (task) {
    case 'click':
      return t('player.mouse.keys.click');
    case 'double-click':
      return t('player.mouse.keys.doubleClick');
    case 'right-click':
      return t('player.mouse.keys.rightClick');
    case 'drag':
      return t('player.mouse.keys.drag');
    case 'scroll':
      return t('player.mouse.keys.scroll');
  }
}
