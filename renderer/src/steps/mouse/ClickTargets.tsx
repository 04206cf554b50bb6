import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PracticeProps } from './MouseStep';

/**
 * Big buttons to click, double-click or right-click. They stay focusable when the practice is
 * done (aria-disabled, not disabled) so keyboard focus is not thrown away at the last go.
 */

/** Click: Enter or Space on the focused button is a click too (the browser makes it one). */
export function ClickTarget({ done, onSuccess }: PracticeProps) {
  const { t } = useTranslation();
  return (
    <button type="button" className="mouse-target" aria-disabled={done} onClick={() => onSuccess()}>
      <span className="target-icon" aria-hidden="true">
        {done ? '✓' : '●'}
      </span>
      {t('player.mouse.clickMe')}
    </button>
  );
}

/**
 * Double-click: the browser's own double-click (at the computer's speed setting). From the
 * keyboard, pressing Enter (or Space) twice in a row counts, with no time limit.
 */
export function DoubleClickTarget({ done, onSuccess, onHint }: PracticeProps) {
  const { t } = useTranslation();
  const [armed, setArmed] = useState(false);
  return (
    <button
      type="button"
      className="mouse-target"
      aria-disabled={done}
      onClick={(e) => {
        if (done) return;
        if (e.detail === 0) {
          // A click made by the keyboard: the first press arms, the second one counts.
          if (armed) {
            setArmed(false);
            onSuccess();
          } else {
            setArmed(true);
            onHint(t('player.mouse.pressAgain'));
          }
        } else if (e.detail === 1) {
          setArmed(false);
          onHint(t('player.mouse.doubleHint'));
        }
      }}
      onDoubleClick={() => {
        if (!done) onSuccess();
      }}
    >
      <span className="target-icon" aria-hidden="true">
        {done ? '✓' : '●●'}
      </span>
      {t('player.mouse.doubleClickMe')}
    </button>
  );
}

/**
 * Right-click: the browser's menu never opens on the target. From the keyboard, the Menu key or
 * Shift+F10 counts (browsers turn them into the same "context menu" event; we also catch the keys
 * ourselves, and skip the event they may cause, so one press counts once).
 */
export function RightClickTarget({ done, onSuccess, onHint }: PracticeProps) {
  const { t } = useTranslation();
  const fromKeyboard = useRef(false);
  return (
    <button
      type="button"
      className="mouse-target"
      aria-disabled={done}
      onPointerDown={() => {
        fromKeyboard.current = false;
      }}
      onKeyDown={(e) => {
        if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
          e.preventDefault();
          fromKeyboard.current = true;
          if (!done) onSuccess();
        }
      }}
      onContextMenu={(e) => {
        e.preventDefault();
        if (fromKeyboard.current) {
          fromKeyboard.current = false;
          return;
        }
        if (!done) onSuccess();
      }}
      onClick={(e) => {
        if (!done) onHint(e.detail === 0 ? t('player.mouse.rightKeyHint') : t('player.mouse.leftNotRight'));
      }}
    >
      <span className="target-icon" aria-hidden="true">
        {done ? '✓' : '◧'}
      </span>
      {t('player.mouse.rightClickMe')}
    </button>
  );
}
