/** How long the loop waits after failures; see docs/sync.md. */
export interface BackoffTimings {
  retryBaseMs: number;
  retryCapMs: number;
}

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter): after the n-th failure
 * in a row, wait a uniformly random time in [0, min(cap, base · 2^(n−1))). Many kiosks coming back
 * online together then spread out instead of knocking on the collector in step.
 * `failures` counts failures since the last success (1 for the first); `random` is in [0, 1).
 */
export function backoffDelay(failures: number, timings: BackoffTimings, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 52); // beyond that 2^n is past any cap anyway
  const ceiling = Math.min(timings.retryCapMs, timings.retryBaseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/**
 * The wait after a failure: the jittered backoff, but never sooner than the collector asked
 * (Retry-After), and never longer than the cap (a bogus Retry-After must not park the kiosk).
 */
export function retryDelay(failures: number, timings: BackoffTimings, retryAfterMs: number | null, random: () => number = Math.random): number {
  const jittered = backoffDelay(failures, timings, random);
  return Math.min(timings.retryCapMs, Math.max(jittered, retryAfterMs ?? 0));
}
