import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PracticeProps } from './MouseStep';

const ROWS = 30;

/**
 * Scroll a box until the star shows. The star sits at the bottom, then at the top, and so on, so
 * each go is a real scroll without the box jumping back on its own. Without a mouse: Tab to the
 * box (it is focusable) and use the arrow keys, Page Down / Page Up, Home or End.
 */
export function ScrollPractice({ done, count, onSuccess }: PracticeProps) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const star = useRef<HTMLLIElement>(null);
  const starRow = count % 2 === 0 ? ROWS - 1 : 0;

  function onScroll() {
    const view = box.current?.getBoundingClientRect();
    const mark = star.current?.getBoundingClientRect();
    if (done || !view || !mark) return;
    // Forgiving: most of the star's row in sight is enough.
    const visible = Math.min(view.bottom, mark.bottom) - Math.max(view.top, mark.top);
    if (visible >= mark.height * 0.6) onSuccess();
  }

  return (
    <div
      className="scroll-box"
      ref={box}
      tabIndex={0}
      role="region"
      aria-label={count % 2 === 0 ? t('player.mouse.scrollDown') : t('player.mouse.scrollUp')}
      onScroll={onScroll}
    >
      <ol className="scroll-rows">
        {Array.from({ length: ROWS }, (_, i) =>
          i === starRow ? (
            <li key={`star-${i}`} ref={star} className="scroll-row star">
              <span aria-hidden="true">★ </span>
              {t('player.mouse.star')}
            </li>
          ) : (
            <li key={i} className="scroll-row">
              {t('player.mouse.row', { n: i + 1 })}
            </li>
          ),
        )}
      </ol>
    </div>
  );
}
