import { useEffect, useRef } from 'react';

/**
 * Calls `poll` now and then every `ms` while the component is shown, never two at once (a slow
 * stick must not pile calls up). `poll` may change between renders; the latest one is called.
 */
export function usePolling(poll: () => Promise<void>, ms: number, enabled = true): void {
  const latest = useRef(poll);
  useEffect(() => {
    latest.current = poll;
  });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let timer: number | undefined;
    const tick = async () => {
      await latest.current();
      if (live) timer = window.setTimeout(() => void tick(), ms);
    };
    void tick();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [ms, enabled]);
}
