/**
 * Small-cell suppression for one breakdown (the gender cells, or the age-band cells) of a total
 * that leaves the kiosk (docs/statistics-format.md).
 *
 * A cell under k is held back (primary suppression). The total leaves, so held-back cells can be
 * recovered together as "total minus the shown ones": that difference must not itself be a small
 * count, nor a single cell. So while what is held back adds up to less than k, or is one cell, the
 * smallest shown cell (the first in the given order among equals) is held back too (secondary
 * suppression), until that is no longer so or nothing is shown.
 *
 * `counts` are positive (a zero is no cell at all), in the file's order of values. Answers, per
 * cell, whether it is held back.
 */
export function suppressBreakdown(counts: readonly number[], k: number): boolean[] {
  const held = counts.map((count) => count < k);
  const giveAway = () => {
    const parts = counts.filter((_, i) => held[i]);
    return parts.length > 0 && (parts.length < 2 || parts.reduce((a, b) => a + b, 0) < k);
  };
  while (giveAway()) {
    let smallest = -1;
    counts.forEach((count, i) => {
      if (!held[i] && (smallest < 0 || count < counts[smallest]!)) smallest = i;
    });
    if (smallest < 0) break;
    held[smallest] = true;
  }
  return held;
}
