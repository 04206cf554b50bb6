import type { Language } from '../../../../core/contract';
import { LAYOUTS, type KeyPress } from './layouts';

/** The indent of each row, in key widths, as on a real keyboard. */
const INDENT = [0, 0.75, 1, 1.5];

/**
 * A picture of the keyboard with the next key to press marked (and Shift when it is needed, or
 * Backspace after a mistake). It
 * only shows where a key is: the learner types on the real keyboard. Hidden from screen readers,
 * which get the next letter in words instead.
 */
export function OnScreenKeyboard({ language, next, fix }: { language: Language; next: KeyPress | null; fix: boolean }) {
  const shift = next?.kind === 'key' && next.shift;
  const shiftKey = <span className={shift ? 'key wide next' : 'key wide'}>Shift</span>;
  return (
    <div className="on-screen-keyboard" aria-hidden="true" lang={language}>
      {LAYOUTS[language].map((keys, r) => (
        <div key={r} className="key-row" style={{ paddingLeft: `${INDENT[r]! * 2.6}rem` }}>
          {r === 3 && shiftKey}
          {keys.map((key, c) => {
            const isNext = next?.kind === 'key' && next.row === r && next.column === c;
            const letter = key.base.toUpperCase() === key.shift;
            return (
              <span key={c} className={isNext ? 'key next' : 'key'}>
                {letter ? (
                  key.shift
                ) : (
                  <>
                    <span className="key-shift">{key.shift}</span>
                    <span>{key.base}</span>
                  </>
                )}
              </span>
            );
          })}
          {r === 3 && shiftKey}
          {/* After a mistake, Backspace is the key to press. */}
          {r === 0 && <span className={fix ? 'key wide next' : 'key wide'}>←</span>}
        </div>
      ))}
      <div className="key-row">
        <span className={next?.kind === 'space' ? 'key space next' : 'key space'} />
      </div>
    </div>
  );
}
