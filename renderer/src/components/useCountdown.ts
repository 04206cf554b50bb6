import { useEffect, useState } from 'react';

/**
 * Whole seconds left until `until` (a Date.now() time), ticking once a second and stopping at 0.
 * Each user keeps its own timer, so a ticking lock does not re-render a list of 2,000 names.
 */
export function useCountdown(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  const running = seconds > 0;
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return seconds;
}
