import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedText } from '../components/LocalizedText';
import type { Marks } from './marks';
import type { AnswerProps } from './types';
import { useMarks } from './useMarks';
import { usePick } from './usePick';

/**
 * Put items in order. Big "Move up" / "Move down" buttons do it with the keyboard (focus follows
 * the moved item, a live region says where it went); dragging an item with the mouse is a bonus.
 * After a wrong check, the items out of place are marked until they are moved.
 */
export function OrderingStep({ step, defaultLanguage, locked, onChange, marks }: AnswerProps<'ordering'> & { marks: Marks }) {
  const { t } = useTranslation();
  const pick = usePick(defaultLanguage);
  const promptId = useId();
  // Core sends the items already shuffled: that is the starting order.
  const [order, setOrder] = useState(() => step.items.map((i) => i.id));
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const marked = useMarks(marks);
  const misplaced = (id: string) => marks.wrongItems.includes(id) && marked.fresh(id);
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    if (focusNext.current) buttons.current.get(focusNext.current)?.focus();
    focusNext.current = null;
  }, [order]);

  const textOf = (id: string) => pick(step.items.find((i) => i.id === id)!.text).text;

  function place(id: string, to: number, direction?: 'up' | 'down') {
    const from = order.indexOf(id);
    if (from < 0 || to < 0 || to >= order.length || from === to) return;
    const next = [...order];
    next.splice(from, 1);
    next.splice(to, 0, id);
    setOrder(next);
    marked.touched(id);
    onChange({ order: next });
    setAnnouncement(t('player.ordering.moved', { item: textOf(id), position: to + 1, total: next.length }));
    if (direction) {
      // Stay on the button just pressed; at the top or bottom it is disabled, so use the other one.
      const atEdge = direction === 'up' ? to === 0 : to === next.length - 1;
      focusNext.current = `${id}:${atEdge ? (direction === 'up' ? 'down' : 'up') : direction}`;
    }
  }

  function onDrop(event: DragEvent, to: number) {
    event.preventDefault();
    if (dragging) place(dragging, to);
    setDragging(null);
  }

  return (
    <div className="ordering-step" role="group" aria-labelledby={promptId}>
      <div id={promptId} className="step-prompt">
        <LocalizedText text={step.prompt} defaultLanguage={defaultLanguage} />
      </div>
      <p className="hint">{t('player.ordering.hint')}</p>
      <ol className="order-list">
        {order.map((id, index) => {
          const item = step.items.find((i) => i.id === id)!;
          return (
            <li
              key={id}
              className={['order-item', dragging === id && 'dragging', misplaced(id) && 'misplaced'].filter(Boolean).join(' ')}
              draggable={!locked}
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', id);
                setDragging(id);
              }}
              onDragEnd={() => setDragging(null)}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => onDrop(e, index)}
            >
              <span className="order-number" aria-hidden="true">
                {index + 1}
              </span>
              <LocalizedText text={item.text} defaultLanguage={defaultLanguage} className="order-text" />
              {misplaced(id) && (
                <span className="order-mark">
                  <span aria-hidden="true">✗ </span>
                  {t('player.ordering.notInPlace')}
                </span>
              )}
              <span className="order-buttons">
                <button
                  type="button"
                  className="button"
                  ref={(el) => void (el ? buttons.current.set(`${id}:up`, el) : buttons.current.delete(`${id}:up`))}
                  disabled={locked || index === 0}
                  aria-label={t('player.ordering.moveUpItem', { item: textOf(id) })}
                  onClick={() => place(id, index - 1, 'up')}
                >
                  <span aria-hidden="true">↑ </span>
                  <span className="order-word">{t('player.ordering.moveUp')}</span>
                </button>
                <button
                  type="button"
                  className="button"
                  ref={(el) => void (el ? buttons.current.set(`${id}:down`, el) : buttons.current.delete(`${id}:down`))}
                  disabled={locked || index === order.length - 1}
                  aria-label={t('player.ordering.moveDownItem', { item: textOf(id) })}
                  onClick={() => place(id, index + 1, 'down')}
                >
                  <span aria-hidden="true">↓ </span>
                  <span className="order-word">{t('player.ordering.moveDown')}</span>
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
