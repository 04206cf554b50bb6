import { useTranslation } from 'react-i18next';
import { keyboardRows, type KeyboardLayout, type KeyPress, type Language } from '../../../../core/contract';

/** The indent of each row, in key widths, as on a real keyboard (the fourth row starts with a wide Shift). */
const INDENT = [0, 0.75, 1, 0];

/**
 * A picture of the site's keyboard with the next key to press marked, with Shift and the right Alt
 * key (AltGr) when they are needed, or Backspace after a mistake. Keys that type a second letter
 * with AltGr show it in their corner. It only shows where a key is: the learner types on the real
 * keyboard. Hidden from screen readers, which get the next key in words instead.
 */
export function OnScreenKeyboard({ language, layout, next, fix }: { language: Language; layout: KeyboardLayout; next: KeyPress | null; fix: boolean }) {
  const { t } = useTranslation();
  const shift = next?.kind === 'key' && next.shift;
  const altgr = next?.kind === 'key' && next.altgr;
  const shiftKey = <span className={shift ? 'key shift next' : 'key shift'}>Shift</span>;
  return (
    <div className="keyboard-frame">
      <div className="on-screen-keyboard" aria-hidden="true" lang={language} data-layout={language === 'ky' ? layout : undefined}>
        {keyboardRows(language, layout).map((keys, r) => (
          <div key={r} className="key-row" style={{ paddingLeft: `calc(var(--u) * ${INDENT[r]!})` }}>
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
                  {key.altgr && <span className="key-altgr">{key.altgr}</span>}
                </span>
              );
            })}
            {r === 3 && shiftKey}
            {/* After a mistake, Backspace is the key to press. */}
            {r === 0 && <span className={fix ? 'key wide backspace next' : 'key wide backspace'}>←</span>}
          </div>
        ))}
        <div className="key-row">
          <span className={next?.kind === 'space' ? 'key space next' : 'key space'} />
          <span className={altgr ? 'key wide next' : 'key wide'}>{t('player.keyboard.altGr')}</span>
          {next?.kind === 'numpad-minus' && <span className="key numpad next">{t('player.keyboard.numpadMinus')}</span>}
        </div>
      </div>
    </div>
  );
}
