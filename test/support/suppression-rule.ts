/**
 * The statistics file's small-cell rule as stated (docs/statistics-format.md), written plainly for
 * tests to check the real implementations against (base/suppress.ts, which decides what leaves the
 * kiosk and what the dashboard shows): hold back cells under k, then
 * the smallest shown while the held-back ones give themselves away (under k together, or one
 * alone). For positive counts.
 */
export function suppressionRule(counts: readonly number[], k: number): boolean[] {
  const hidden = counts.map((count) => count < k);
  const safe = () => {
    const held = counts.filter((_, i) => hidden[i]);
    return held.length === 0 || (held.length >= 2 && held.reduce((a, b) => a + b, 0) >= k);
  };
  while (!safe()) {
    let smallest = -1;
    counts.forEach((count, i) => {
      if (!hidden[i] && (smallest < 0 || count < counts[smallest]!)) smallest = i;
    });
    if (smallest < 0) break;
    hidden[smallest] = true;
  }
  return hidden;
}
