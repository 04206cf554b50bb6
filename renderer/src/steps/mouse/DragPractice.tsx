import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PracticeProps } from './MouseStep';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const STEP = 40; // pixels per arrow key press
const MARGIN = 30; // dropping just beside the box still counts

const overlaps = (a: Box, b: Box) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
const shifted = (r: Box, dx: number, dy: number): Box => ({ left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy });
const widened = (r: Box, by: number): Box => ({ left: r.left - by, right: r.right + by, top: r.top - by, bottom: r.bottom + by });

/**
 * Drag a shape into a big box with the mouse (or a finger). Without a mouse: focus the shape and
 * move it with the arrow keys, or press "Put it in the box for me".
 */
export function DragPractice({ done, onSuccess }: PracticeProps) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState({ x: 0, y: 0 });
  const [held, setHeld] = useState(false);
  const area = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const grab = useRef<{ x: number; y: number; base: { x: number; y: number } } | null>(null);

  /** Keeps the shape inside the practice area, wherever it is pushed. */
  function clamp(shape: HTMLElement, x: number, y: number) {
    const bounds = area.current?.getBoundingClientRect();
    if (!bounds) return { x, y };
    const r = shape.getBoundingClientRect();
    const homeLeft = r.left - offset.x;
    const homeTop = r.top - offset.y;
    return {
      x: Math.min(Math.max(x, bounds.left - homeLeft), bounds.right - homeLeft - r.width),
      y: Math.min(Math.max(y, bounds.top - homeTop), bounds.bottom - homeTop - r.height),
    };
  }

  function landed() {
    setOffset({ x: 0, y: 0 });
    onSuccess();
  }

  function onPointerDown(e: PointerEvent<HTMLButtonElement>) {
    if (done) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    grab.current = { x: e.clientX, y: e.clientY, base: offset };
    setHeld(true);
  }

  function onPointerMove(e: PointerEvent<HTMLButtonElement>) {
    const g = grab.current;
    if (!g) return;
    setOffset(clamp(e.currentTarget, g.base.x + e.clientX - g.x, g.base.y + e.clientY - g.y));
  }

  function onPointerUp(e: PointerEvent<HTMLButtonElement>) {
    if (!grab.current) return;
    grab.current = null;
    setHeld(false);
    const target = box.current?.getBoundingClientRect();
    if (!target) return;
    const pointerIn = overlaps(widened(target, MARGIN), { left: e.clientX, right: e.clientX + 1, top: e.clientY, bottom: e.clientY + 1 });
    if (pointerIn || overlaps(target, e.currentTarget.getBoundingClientRect())) landed();
  }

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
    const move = moves[e.key];
    if (!move || done) return;
    e.preventDefault(); // arrows move the shape, not the page
    const next = clamp(e.currentTarget, offset.x + move[0], offset.y + move[1]);
    const target = box.current?.getBoundingClientRect();
    const now = e.currentTarget.getBoundingClientRect();
    if (target && overlaps(target, shifted(now, next.x - offset.x, next.y - offset.y))) landed();
    else setOffset(next);
  }

  return (
    <div className="drag-practice">
      <div className="drag-area" ref={area}>
        <button
          type="button"
          className={held ? 'drag-shape held' : 'drag-shape'}
          style={{ transform: `translate(${offset.x}px, ${offset.y}px)` }}
          aria-disabled={done}
          aria-label={t('player.mouse.shapeLabel')}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => {
            grab.current = null;
            setHeld(false);
          }}
          onKeyDown={onKeyDown}
        >
          <svg viewBox="0 0 64 64" width="96" height="96" aria-hidden="true" focusable="false">
            <path d="M32 18c-8-6-22-4-22 12 0 14 10 28 22 24 12 4 22-10 22-24 0-16-14-18-22-12z" fill="#c62828" />
            <path d="M32 18c0-6 4-10 10-12" stroke="#5d4037" strokeWidth="4" fill="none" strokeLinecap="round" />
          </svg>
        </button>
        <div className="drop-box" ref={box}>
          <span>{t('player.mouse.box')}</span>
        </div>
      </div>
      <button type="button" className="button" aria-disabled={done} onClick={() => !done && landed()}>
        {t('player.mouse.moveForMe')}
      </button>
    </div>
  );
}
