import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * For a step taller than the screen (a long text in very large letters): a button that shows the
 * rest, and then goes back to the top, for learners who have not learned to scroll yet. Shown only
 * while there is more to see.
 */
export function ScrollMore({ area, watch }: { area: RefObject<HTMLElement | null>; watch: unknown }) {
  const { t } = useTranslation();
  const [where, setWhere] = useState<'fits' | 'more' | 'end'>('fits');

  useEffect(() => {
    const element = area.current;
    if (!element) return;
    const measure = () => {
      const hidden = element.scrollHeight - element.clientHeight;
      setWhere(hidden <= 4 ? 'fits' : element.scrollTop + element.clientHeight >= element.scrollHeight - 4 ? 'end' : 'more');
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of Array.from(element.children)) observer.observe(child);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, [area, watch]);

  if (where === 'fits') return null;
  return (
    <button
      type="button"
      className="button secondary scroll-more"
      onClick={() => {
        const element = area.current;
        if (!element) return;
        if (where === 'more') element.scrollBy({ top: element.clientHeight * 0.8, behavior: 'smooth' });
        else element.scrollTo({ top: 0, behavior: 'smooth' });
      }}
    >
      <span aria-hidden="true">{where === 'more' ? '↓ ' : '↑ '}</span>
      {where === 'more' ? t('player.nav.more') : t('player.nav.top')}
    </button>
  );
}
