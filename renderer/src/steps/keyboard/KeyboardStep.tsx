import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedText } from '../../components/LocalizedText';
import type { AnswerProps } from '../types';
import { usePick } from '../usePick';
import { keyFor, otherScript, type KeyPress } from './layouts';
import { OnScreenKeyboard } from './OnScreenKeyboard';

interface Props extends AnswerProps<'keyboard'> {
  /** Enter in the typing box: the same as pressing "Check my answer". */
  onEnter(): void;
}

/**
 * Type the text shown. The next key is marked on a picture of the keyboard in the layout of the
 * text's language; a wrong letter is pointed out kindly, and nothing hurries the learner.
 */
export function KeyboardStep({ step, defaultLanguage, locked, onChange, onEnter }: Props) {
  const { t } = useTranslation();
  const pick = usePick(defaultLanguage);
  const inputId = useId();
  const targetId = useId();
  const [typed, setTyped] = useState('');

  const target = pick(step.target);
  const expected = [...target.text.normalize('NFC')];
  const got = [...typed.normalize('NFC')];
  const wrongAt = got.findIndex((c, i) => c !== expected[i]);
  const nextAt = wrongAt < 0 && got.length < expected.length ? got.length : null;
  const nextChar = nextAt !== null ? expected[nextAt]! : null;
  const next: KeyPress | null = nextChar !== null ? keyFor(target.language, nextChar) : null;
  const complete = wrongAt < 0 && got.length === expected.length;

  const keyName = (c: string) => (c === ' ' ? t('player.keyboard.space') : c);
  let message = '';
  if (wrongAt >= 0) {
    if (wrongAt >= expected.length) message = t('player.keyboard.tooLong');
    else if (otherScript(expected[wrongAt]!, got[wrongAt]!)) message = t('player.keyboard.otherScript');
    else message = t('player.keyboard.mistake', { expected: keyName(expected[wrongAt]!) });
  } else if (complete) {
    message = t('player.keyboard.complete', { button: t('lesson.check') });
  }

  return (
    <div className="keyboard-step">
      <LocalizedText as="h3" text={step.instruction} defaultLanguage={defaultLanguage} />
      <p id={targetId} className="typing-target" lang={target.language}>
        <span className="visually-hidden">{target.text}</span>
        <span aria-hidden="true">
          {expected.map((c, i) => {
            const state = i === wrongAt ? 'wrong' : wrongAt >= 0 ? (i < wrongAt ? 'ok' : '') : i < got.length ? 'ok' : i === nextAt ? 'next' : '';
            return (
              <span key={i} className={`typing-char ${state} ${c === ' ' ? 'space-char' : ''}`}>
                {c === ' ' ? '\u00a0' : c}
              </span>
            );
          })}
        </span>
      </p>
      <form
        className="field typing-field"
        onSubmit={(e) => {
          e.preventDefault();
          onEnter();
        }}
      >
        <label htmlFor={inputId}>{t('player.keyboard.typeHere')}</label>
        <input
          id={inputId}
          type="text"
          lang={target.language}
          value={typed}
          readOnly={locked}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-describedby={targetId}
          aria-invalid={wrongAt >= 0}
          onChange={(e) => {
            setTyped(e.target.value);
            onChange(e.target.value.trim() ? { typed: e.target.value } : null);
          }}
        />
      </form>
      <p className="next-key">
        {nextChar !== null &&
          (next?.kind === 'key' && next.shift
            ? t('player.keyboard.nextKeyShift', { key: keyName(nextChar) })
            : t('player.keyboard.nextKey', { key: keyName(nextChar) }))}
      </p>
      <div role="status" className="typing-message">
        {message && (
          <p className={complete ? 'feedback-correct' : 'gentle'}>
            <span aria-hidden="true">{complete ? '✓ ' : '✎ '}</span>
            {message}
          </p>
        )}
      </div>
      <OnScreenKeyboard language={target.language} next={next} fix={wrongAt >= 0} />
    </div>
  );
}
