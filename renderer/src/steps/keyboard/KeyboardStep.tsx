import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { charOf, keyFor, otherLayoutMistake, otherScript, type KeyboardLayout, type KeyPress, type Language } from '../../../../core/contract';
import { ListenButton, spokenKeys } from '../../components/Listen';
import { LocalizedText } from '../../components/LocalizedText';
import { useApp } from '../../state/app-store';
import type { AnswerProps } from '../types';
import { usePick } from '../usePick';
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
  const [capsLock, setCapsLock] = useState(false);
  const layout = useApp((s) => s.keyboardLayout);

  const target = pick(step.target);
  // The keyboard language the text is typed in: the text's own, unless the step says (an address in Latin letters).
  const keyboard = step.keyboard ?? target.language;
  const expected = [...target.text.normalize('NFC')];
  const got = [...typed.normalize('NFC')];
  const wrongAt = got.findIndex((c, i) => c !== expected[i]);
  const nextAt = wrongAt < 0 && got.length < expected.length ? got.length : null;
  const nextChar = nextAt !== null ? expected[nextAt]! : null;
  const next: KeyPress | null = nextChar !== null ? keyFor(keyboard, layout, nextChar) : null;
  const complete = wrongAt < 0 && got.length === expected.length;

  const keyName = (c: string) => (c === ' ' ? t('player.keyboard.space') : c);
  let message = '';
  if (wrongAt >= 0) {
    message = wrongAt >= expected.length ? t('player.keyboard.tooLong') : explainMistake(expected[wrongAt]!, got[wrongAt]!, { language: keyboard, layout, capsLock, t, keyName });
  } else if (complete) {
    message = t('player.keyboard.complete', { button: t('lesson.check') });
  }

  return (
    <div className="keyboard-step">
      <LocalizedText as="h3" text={step.instruction} defaultLanguage={defaultLanguage} />
      <div className="typing-row">
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
        {/* Where the next key is said, a mistake is explained instead (there is no next key until it is fixed). */}
        {nextChar !== null && <p className="next-key">{nextKeyText(nextChar, next, { language: keyboard, layout, t, keyName })}</p>}
        <div className="typing-message">
          <div role="status">
            {message && (
              <p className={complete ? 'feedback-correct' : 'gentle'}>
                <span aria-hidden="true">{complete ? '✓ ' : '✎ '}</span>
                {message}
              </p>
            )}
          </div>
          {complete && !locked && <ListenButton sounds={spokenKeys('player.keyboard.complete')} autoPlay small />}
        </div>
      </div>
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
          onKeyDown={(e) => setCapsLock(e.getModifierState('CapsLock'))}
          onChange={(e) => {
            setTyped(e.target.value);
            onChange(e.target.value.trim() ? { typed: e.target.value } : null);
          }}
        />
      </form>
      <OnScreenKeyboard language={keyboard} layout={layout} next={next} fix={wrongAt >= 0} />
    </div>
  );
}

interface Wording {
  language: Language;
  layout: KeyboardLayout;
  t: (key: string, options?: Record<string, unknown>) => string;
  keyName: (c: string) => string;
}

/** The next key in words, with the keys to hold: Shift, the right Alt key, or the number pad. */
function nextKeyText(char: string, press: KeyPress | null, { language, layout, t, keyName }: Wording): string {
  if (press?.kind === 'numpad-minus') return t('player.keyboard.nextKeyNumpadMinus');
  if (press?.kind === 'key' && press.altgr) {
    const base = charOf(language, layout, { ...press, shift: false, altgr: false }) ?? '';
    return t(press.shift ? 'player.keyboard.nextKeyAltGrShift' : 'player.keyboard.nextKeyAltGr', { key: char, base: base.toLocaleUpperCase(language) });
  }
  return press?.kind === 'key' && press.shift ? t('player.keyboard.nextKeyShift', { key: keyName(char) }) : t('player.keyboard.nextKey', { key: keyName(char) });
}

/**
 * Why the typed letter is not the one asked for, and what to do: another keyboard language, the
 * other Kyrgyz keyboard's key, a capital for a small letter (Shift, or Caps Lock left on) or the
 * other way round, or simply another letter.
 */
function explainMistake(expected: string, typed: string, wording: Wording & { capsLock: boolean }): string {
  const { language, layout, capsLock, t, keyName } = wording;
  if (otherScript(expected, typed)) return t('player.keyboard.otherScript');
  const fold = (c: string) => c.toLocaleLowerCase(language);
  if (fold(expected) === fold(typed)) {
    if (expected === fold(expected)) return capsLock ? t('player.keyboard.capsLock') : t('player.keyboard.caseSmall', { expected, typed });
    return t('player.keyboard.caseCapital', { expected, typed });
  }
  const here = otherLayoutMistake(language, layout, expected, typed);
  if (here?.kind === 'numpad-minus') return t('player.keyboard.otherLayoutNumpad', { typed });
  if (here?.kind === 'key' && here.altgr) {
    const base = charOf(language, layout, { ...here, shift: false, altgr: false }) ?? '';
    return t('player.keyboard.otherLayoutAltGr', { expected, typed, base: base.toLocaleUpperCase(language) });
  }
  if (here) return t('player.keyboard.otherLayoutKey', { expected, typed });
  return t('player.keyboard.mistake', { expected: keyName(expected) });
}
