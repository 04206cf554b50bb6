import { describe, expect, it } from 'vitest';
import { SyncLoop, backoffDelay, retryDelay, type SyncTarget } from '../../core/sync';
import type { AttemptOutcome } from '../../core/sync/attempt';
import { retryAfterMs } from '../../core/sync/collector-client';

const timings = { retryBaseMs: 1000, retryCapMs: 60_000 };

describe('full jitter backoff', () => {
  it('waits a random time between nothing and the ceiling, which doubles per failure', () => {
    for (const [failures, ceiling] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [6, 32_000],
    ] as const) {
      expect(backoffDelay(failures, timings, () => 0)).toBe(0);
      expect(backoffDelay(failures, timings, () => 0.5)).toBe(ceiling / 2);
      expect(backoffDelay(failures, timings, () => 0.999999)).toBe(ceiling - 1);
    }
  });

  it('stays within [0, ceiling) for any random number and never passes the cap', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let failures = 1; failures <= 200; failures++) {
      const ceiling = Math.min(timings.retryCapMs, timings.retryBaseMs * 2 ** (failures - 1));
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelay(failures, timings, random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
    // Thousands of failures in a row (a kiosk offline for months) still wait at most the cap.
    expect(backoffDelay(10_000, timings, () => 0.999999)).toBe(timings.retryCapMs - 1);
  });

  it('spreads kiosks out: delays after the same failure are not all alike', () => {
    const delays = new Set(Array.from({ length: 100 }, () => backoffDelay(4, timings)));
    expect(delays.size).toBeGreaterThan(50);
  });

  it('waits at least as long as the collector asked, but never longer than the cap', () => {
    expect(retryDelay(1, timings, 30_000, () => 0.1)).toBe(30_000);
    expect(retryDelay(1, timings, null, () => 0.5)).toBe(500);
    expect(retryDelay(7, timings, 1000, () => 0.99)).toBe(Math.floor(0.99 * 60_000));
    expect(retryDelay(1, timings, 24 * 3600_000, () => 0.1)).toBe(timings.retryCapMs);
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:00Z'))).toBe(60_000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});

/** A target whose attempts end as the script says, counting them. */
function scripted(outcomes: AttemptOutcome[], afterEach: () => void = () => {}) {
  const starts: number[] = [];
  const target: SyncTarget = {
    attempt: async () => {
      starts.push(Date.now());
      // Once the loop has decided its wait (right after this attempt), the test looks at it.
      setImmediate(afterEach);
      return outcomes.shift() ?? { kind: 'idle' };
    },
  };
  return { target, starts };
}

const failed: AttemptOutcome = { kind: 'failed', problem: 'sync.unreachable', retryAfterMs: null, batches: 0 };

describe('the loop’s backoff', () => {
  it('doubles the ceiling per failure, up to the cap, and starts afresh after a success', async () => {
    const waits: Array<number | null> = [];
    const script: AttemptOutcome[] = [failed, failed, failed, failed, failed, { kind: 'sent', batches: 2 }, failed, { ...failed, batches: 1 }, failed];
    const loop: SyncLoop = new SyncLoop({
      target: () => target,
      // random() just under 1: each wait is its ceiling, so the ceilings can be read back.
      timings: { retryBaseMs: 10_000, retryCapMs: 100_000, idleMs: 60_000, probeTimeoutMs: 100, requestTimeoutMs: 100, random: () => 0.9999 },
      log: () => {},
    });
    const { target, starts } = scripted(script, () => {
      waits.push(loop.msUntilNextAttempt());
      // No need to sit out the wait: "send now" skips it without resetting the count.
      if (starts.length < 9) void loop.wake();
    });
    loop.start();
    while (waits.length < 9) await new Promise((r) => setTimeout(r, 5));
    await loop.stop();
    const seconds = waits.map((w) => (w === null ? null : Math.round(w / 1000)));
    // 10, 20, 40, 80, then the cap; a success idles (no next attempt to show) and resets the count;
    // an attempt that got some batches through before failing counts as the first failure again.
    expect(seconds).toEqual([10, 20, 40, 80, 100, null, 10, 10, 20]);
  });

  it('answers wake() when the next attempt has ended, and stop() leaves no attempt running', async () => {
    const { target, starts } = scripted([]);
    const loop = new SyncLoop({
      target: () => target,
      timings: { retryBaseMs: 40, retryCapMs: 200, idleMs: 60_000, probeTimeoutMs: 100, requestTimeoutMs: 100 },
      log: () => {},
    });
    loop.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(starts).toHaveLength(1); // the first attempt at start, then an idle minute
    await loop.wake();
    expect(starts).toHaveLength(2);
    expect(loop.msUntilNextAttempt()).toBeNull();
    await loop.stop();
    await loop.wake(); // after stop it answers at once
    expect(starts).toHaveLength(2);
  });
});
