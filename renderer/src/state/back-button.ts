import { useEffect, useRef } from 'react';

/**
 * The browser's Back button (and Alt+Left) inside the app. Screens are app state, not URLs, so
 * by itself Back would leave the app. While a screen has something to go back to (the previous
 * step of a lesson), one history entry, carrying nothing about the learner, sits on top of the
 * page: Back lands on the entry below it, the screen goes back, and the entry is put back. The
 * history never grows beyond that one entry.
 */
const GUARD = { ayil: 'back' } as const;

let handler: (() => void) | null = null;
let listening = false;

function isGuard(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as { ayil?: unknown }).ayil === GUARD.ayil;
}

function arm(): void {
  if (!isGuard(history.state)) history.pushState(GUARD, '');
}

function onPopState(event: PopStateEvent): void {
  const current = handler;
  // Forward onto the entry, or Back with no screen to take it: nothing to do.
  if (!current || isGuard(event.state)) return;
  arm();
  current();
}

/** While mounted, Back calls `onBack` (the latest one given) instead of leaving the page. */
export function useBackButton(onBack: () => void): void {
  const latest = useRef(onBack);
  useEffect(() => {
    latest.current = onBack;
  });
  useEffect(() => {
    if (!listening) {
      window.addEventListener('popstate', onPopState);
      listening = true;
    }
    const mine = () => latest.current();
    handler = mine;
    arm();
    return () => {
      if (handler === mine) handler = null;
    };
  }, []);
}
