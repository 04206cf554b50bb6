import { describe, expect, it } from 'vitest';
import { suppressBreakdown as suppress } from '../../base/suppress';
import { suppressionRule } from '../support/suppression-rule';

/** What someone holding the file can work out: the total minus the shown cells. */
function leak(counts: number[], hidden: boolean[], k: number): string | null {
  const shown = counts.filter((_, i) => !hidden[i]);
  if (shown.some((c) => c < k)) return 'a shown cell is under k';
  const held = counts.filter((_, i) => hidden[i]);
  if (held.length === 0 || shown.length === 0) return null;
  const sum = held.reduce((a, b) => a + b, 0);
  if (sum < k) return `the held-back cells add up to ${sum}`;
  if (held.length === 1) return 'a single held-back cell is the total minus the rest';
  return null;
}

describe('small-cell suppression of a breakdown', () => {
  it('holds back cells under k, and the next smallest while what is held back would give itself away', () => {
    expect(suppress([12, 9, 7], 5)).toEqual([false, false, false]);
    // 3 + 2 = 5 ≥ k in two cells: safe as it is.
    expect(suppress([12, 3, 2], 5)).toEqual([false, true, true]);
    // One small cell alone would be total − the rest: the smallest shown one goes too.
    expect(suppress([12, 3, 9], 5)).toEqual([false, true, true]);
    // 2 + 1 = 3 < k: add the smallest shown (6).
    expect(suppress([8, 2, 6, 1], 5)).toEqual([false, true, true, true]);
    // Equal counts: the first in the file's order goes.
    expect(suppress([6, 6, 2], 5)).toEqual([true, false, true]);
    // Nothing left to show: only the total speaks.
    expect(suppress([4, 1], 5)).toEqual([true, true]);
    expect(suppress([7], 5)).toEqual([false]);
    expect(suppress([3], 5)).toEqual([true]);
  });

  it('agrees with the rule as stated, and never lets a held-back cell be worked out, on thousands of random breakdowns', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 3000; n++) {
      const k = 2 + Math.floor(random() * 9);
      const counts = Array.from({ length: 1 + Math.floor(random() * 6) }, () => 1 + Math.floor(random() * 3 * k));
      const hidden = suppress(counts, k);
      const label = `${JSON.stringify(counts)} k=${k} → ${JSON.stringify(hidden)}`;
      expect(hidden, label).toEqual(suppressionRule(counts, k));
      expect(leak(counts, hidden, k), label).toBeNull();
      if (counts.every((c) => c >= k)) expect(hidden.every((h) => !h), label).toBe(true);
    }
  });
});
