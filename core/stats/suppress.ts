/**
 * Small-cell suppression, in SQL, for the breakdowns of published totals (the gender cells, or the
 * age-band cells, of one week, course and metric).
 *
 * A cell under k is held back (primary suppression). The total stays published, so held-back
 * cells can be recovered together as "total minus the shown ones": that difference must not
 * itself be a small count, nor a single cell. So while what is held back adds up to less than k,
 * or is one cell, the smallest shown cell is held back too (secondary suppression), until that
 * is no longer so or nothing is shown. Cells are positive counts (a zero is simply absent from the
 * file, as a held-back cell is).
 *
 * Since the cells under k are the smallest, what is held back is always the first cells of the
 * group in ascending order of count: the shortest such prefix, of length m ≥ (cells under k),
 * with m ≥ 2 and a sum ≥ k, or the whole group. Window functions find it without leaving SQLite.
 *
 * `cells` must have the columns week, pack_id, course_id, metric, dimension, value, count, and
 * `valueOrder` breaks ties between equal counts (the file's order of values). @k is the threshold.
 * The result adds `held` (1 or 0) to every cell; totals (dimension 'total') are never held.
 */
export function suppressedCellsSql(cells: string, valueOrder: string): string {
  return `
  ranked AS (
    SELECT *,
      row_number() OVER ascending AS rank,
      sum(count) OVER (ascending ROWS UNBOUNDED PRECEDING) AS running,
      count(*) FILTER (WHERE count < @k) OVER breakdown AS small
    FROM ${cells}
    WINDOW breakdown AS (PARTITION BY week, pack_id, course_id, metric, dimension),
           ascending AS (breakdown ORDER BY count, ${valueOrder})
  ),
  enough AS (
    SELECT *, (rank >= small AND rank >= 2 AND running >= @k) AS safe_here FROM ranked
  ),
  decided AS (
    SELECT *,
      CASE WHEN dimension = 'total' OR small = 0 THEN 0
           WHEN coalesce(sum(safe_here) OVER (PARTITION BY week, pack_id, course_id, metric, dimension ORDER BY count, ${valueOrder}
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) = 0 THEN 1
           ELSE 0 END AS held
    FROM enough
  )`;
}
