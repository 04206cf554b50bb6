/**
 * Small-cell suppression for one breakdown (the gender cells, or the age-band cells) of a total
 * that is shown: the kiosk's statistics file (docs/statistics-format.md) and the collector's
 * dashboard both hold back by this rule.
 *
 * A count under k is held back (primary suppression). The total being shown, what is held back
 * can be recovered together as "total minus the shown counts": that must not itself be a small
 * count, nor a single count. So while what is held back adds up to less than k, or is one count,
 * the smallest shown count (the first in the given order among equals) is held back too
 * (secondary suppression), until that is no longer so or nothing is shown.
 *
 * Zeros are nobody: they are shown, except when even holding back every other count is not
 * enough (then they join, so no count can be told apart from a zero). The kiosk's cells are all
 * positive (a zero is no cell at all), so zeros only arise on the dashboard, which adds up cells.
 *
 * Answers, per count in the given order, whether it is held back.
 */
export function suppressBreakdown(counts: readonly number[], k: number): boolean[] {
  const held = counts.map((count) => count > 0 && count < k);
  const givesAway = () => {
    const parts = counts.filter((count, i) => held[i] && count > 0);
    return parts.length > 0 && (parts.length < 2 || parts.reduce((a, b) => a + b, 0) < k);
  };
  while (givesAway()) {
    let smallest = -1;
    counts.forEach((count, i) => {
      if (!held[i] && count > 0 && (smallest < 0 || count < counts[smallest]!)) smallest = i;
    });
    if (smallest < 0) {
      counts.forEach((count, i) => {
        if (count === 0) held[i] = true;
      });
      break;
    }
    held[smallest] = true;
  }
  return held;
}
