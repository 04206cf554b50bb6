import { useEffect, useRef } from 'react';

/**
 * Moves focus to an element (a screen's heading) when it appears, so keyboard and screen-reader
 * users start at the top of each new screen instead of somewhere on the old one.
 */
export function useFocusOnMount<T extends HTMLElement>(key?: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  return ref;
}
