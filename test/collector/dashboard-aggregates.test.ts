import { describe, expect, it } from 'vitest';
import type { StatsRow } from '../../core/contract';
import {
  completersByAgeBand,
  completersByGender,
  completionsBy,
  exportRows,
  MAX_FILLED_WEEKS,
  weeksToShow,
  WOMEN_TARGET,
  type Breakdown,
} from '../../collector/aggregates';
import type { StoredCell } from '../../collector/store/store';
import { suppressBreakdown as suppress } from '../../base/suppress';
import { suppressionRule } from '../support/suppression-rule';

const SITES = {
  naryn: { siteId: 's-naryn', siteCode: 'NRN-04', region: 'Naryn', district: 'At-Bashy' },
  talas: { siteId: 's-talas', siteCode: 'TLS-01', region: 'Talas', district: 'Bakay-Ata' },
  kochkor: { siteId: 's-kochkor', siteCode: 'NRN-09', region: 'Naryn', district: 'Kochkor' },
} as const;
const BASICS = 'kg.ayil.first-steps/computer-basics';
const SAFETY = 'kg.ayil.first-steps/online-safety';

function cell(site: keyof typeof SITES, row: Partial<StatsRow> & Pick<StatsRow, 'week' | 'count'>): StoredCell {
  return { course: BASICS, metric: 'courses_completed', dimension: 'total', value: '', ...SITES[site], ...row } as StoredCell;
}
const total = (site: keyof typeof SITES, week: string, count: number, course = BASICS) => cell(site, { week, count, course });
const gender = (site: keyof typeof SITES, week: string, value: string, count: number) => cell(site, { week, count, dimension: 'gender', value } as Partial<StatsRow> & { week: string; count: number });
const age = (site: keyof typeof SITES, week: string, value: string, count: number) => cell(site, { week, count, dimension: 'age_band', value } as Partial<StatsRow> & { week: string; count: number });

/** What a reader of the page can work out: the total minus the shown figures, and how many figures that is spread over. */
function leak(counts: readonly number[], held: readonly boolean[], k: number): string | null {
  if (counts.some((count, i) => !held[i] && count > 0 && count < k)) return 'a shown figure is under k';
  const hidden = counts.filter((count, i) => held[i]);
  const positive = hidden.filter((count) => count > 0);
  if (positive.length === 0) return null;
  const sum = positive.reduce((a, b) => a + b, 0);
  // Everything held back (zeros included) and nothing to tell them apart: only the total speaks.
  if (held.every(Boolean)) return null;
  if (sum < k) return `the hidden figures add up to ${sum}`;
  if (hidden.length === 1) return 'a single hidden figure is the total minus the rest';
  return null;
}

const shown = (breakdown: Breakdown) => Object.fromEntries(breakdown.cells.map((c) => [c.key, c.count]));

describe('display suppression', () => {
  it('hides figures under k, and the next smallest while the hidden ones would give themselves away', () => {
    expect(suppress([12, 9, 7], 5)).toEqual([false, false, false]);
    expect(suppress([12, 3, 2], 5)).toEqual([false, true, true]);
    // One small figure alone would be the total minus the rest: the smallest shown one goes too.
    expect(suppress([12, 3, 9], 5)).toEqual([false, true, true]);
    expect(suppress([8, 2, 6, 1], 5)).toEqual([false, true, true, true]);
    // Equal figures: the first in order goes.
    expect(suppress([6, 6, 2], 5)).toEqual([true, false, true]);
    expect(suppress([4, 1], 5)).toEqual([true, true]);
    expect(suppress([7], 5)).toEqual([false]);
  });

  it('shows zeros, unless even hiding every count is not enough (then a count could not be told from a zero)', () => {
    expect(suppress([12, 0, 9, 0], 5)).toEqual([false, false, false, false]);
    expect(suppress([12, 0, 3, 9], 5)).toEqual([false, false, true, true]);
    // 3 women, nobody else: hiding the 3 alone would leave "total − 0 − 0 − 0".
    expect(suppress([3, 0, 0, 0], 5)).toEqual([true, true, true, true]);
    expect(suppress([0, 0], 5)).toEqual([false, false]);
  });

  it('never lets a hidden figure be worked out from the total, on thousands of random breakdowns', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 5000; n++) {
      const k = 2 + Math.floor(random() * 9);
      const counts = Array.from({ length: 1 + Math.floor(random() * 7) }, () => (random() < 0.2 ? 0 : 1 + Math.floor(random() * 3 * k)));
      const held = suppress(counts, k);
      const label = `${JSON.stringify(counts)} k=${k} → ${JSON.stringify(held)}`;
      expect(leak(counts, held, k), label).toBeNull();
      if (counts.every((c) => c === 0 || c >= k)) expect(held.every((h) => !h), label).toBe(true);
      // Without zeros it is exactly the kiosk's rule, so the dashboard hides what a statistics file would.
      if (counts.every((c) => c > 0)) expect(held, label).toEqual(suppressionRule(counts, k));
    }
  });
});

describe('course completions grouped for the dashboard', () => {
  const cells: StoredCell[] = [
    total('naryn', '2026-W10', 7),
    total('naryn', '2026-W12', 5),
    total('naryn', '2026-W12', 6, SAFETY),
    total('talas', '2026-W11', 2),
    total('kochkor', '2026-W12', 9),
    // Not completions: never counted here.
    cell('naryn', { week: '2026-W10', count: 40, metric: 'lessons_completed' }),
    cell('naryn', { week: '2026-W10', course: '', count: 30, metric: 'learners_active' }),
    // A breakdown cell is not a total.
    gender('naryn', '2026-W10', 'female', 7),
  ];

  it('adds the totals by course, region and site, in the order of their keys (sites: their codes)', () => {
    expect(completionsBy(cells, 'course', 5)).toEqual({ total: 29, cells: [{ key: BASICS, count: 23 }, { key: SAFETY, count: 6 }] });
    expect(completionsBy(cells, 'region', 2)).toEqual({ total: 29, cells: [{ key: 'Naryn', count: 27 }, { key: 'Talas', count: 2 }] });
    // Talas has 2, under k = 5; hidden alone it would be 29 − 27, so Naryn is hidden too.
    expect(shown(completionsBy(cells, 'region', 5))).toEqual({ Naryn: null, Talas: null });
    // Sites are keyed by id and listed by code: NRN-04, NRN-09, TLS-01.
    expect(completionsBy(cells, 'site', 2).cells).toEqual([
      { key: 's-naryn', count: 18 },
      { key: 's-kochkor', count: 9 },
      { key: 's-talas', count: 2 },
    ]);
  });

  it('hides a small site, and the next smallest so that the total does not give it away', () => {
    const bySite = completionsBy(cells, 'site', 5);
    expect(bySite.total).toBe(29);
    // Talas: 2 < k. Hidden alone it would be 29 − 18 − 9: Kochkor (9, the smallest shown) is hidden too.
    expect(shown(bySite)).toEqual({ 's-kochkor': null, 's-naryn': 18, 's-talas': null });
  });

  it('lists every week of the range, empty ones as zero, and narrows to it', () => {
    const byWeek = completionsBy(cells, 'week', 5, { fromWeek: '2026-W09', toWeek: '2026-W13' });
    expect(byWeek.cells.map((c) => c.key)).toEqual(['2026-W09', '2026-W10', '2026-W11', '2026-W12', '2026-W13']);
    // W11 has 2: hidden, with W10 (7, the smallest shown) so that 2 + 7 is spread over two weeks.
    expect(shown(byWeek)).toEqual({ '2026-W09': 0, '2026-W10': null, '2026-W11': null, '2026-W12': 20, '2026-W13': 0 });
    const narrowed = completionsBy(cells, 'week', 5, { fromWeek: '2026-W12', toWeek: '2026-W12' });
    expect(narrowed).toEqual({ total: 20, cells: [{ key: '2026-W12', count: 20 }] });
    expect(completionsBy(cells, 'course', 5, { toWeek: '2026-W11' })).toEqual({ total: 9, cells: [{ key: BASICS, count: 9 }] });
  });

  it('lists only the weeks with figures when the range is too long to draw', () => {
    expect(weeksToShow(['2026-W10'], { fromWeek: '2001-W01', toWeek: '2099-W01' })).toEqual(['2026-W10']);
    expect(weeksToShow([], { fromWeek: '2026-W01', toWeek: '2026-W03' })).toEqual(['2026-W01', '2026-W02', '2026-W03']);
    expect(weeksToShow(['2025-W52', '2026-W02'])).toEqual(['2025-W52', '2026-W01', '2026-W02']);
    expect(weeksToShow(['2020-W52', '2020-W53', '2021-W01'])).toHaveLength(3);
    const first = '2020-W01';
    expect(weeksToShow([first], { fromWeek: first, toWeek: '2029-W01' })).toEqual([first]);
    expect(MAX_FILLED_WEEKS).toBeGreaterThanOrEqual(104);
  });

  it('has nothing to show when nobody completed a course', () => {
    expect(completionsBy([], 'course', 5)).toEqual({ total: 0, cells: [] });
    expect(completionsBy([], 'week', 5)).toEqual({ total: 0, cells: [] });
  });
});

describe('women among course completers', () => {
  it('is the female count over every released gender count, against the 30 % target', () => {
    const women = completersByGender(
      [
        gender('naryn', '2026-W10', 'female', 7),
        gender('naryn', '2026-W10', 'male', 5),
        gender('kochkor', '2026-W12', 'female', 6),
        gender('talas', '2026-W11', 'undisclosed', 8),
        total('naryn', '2026-W10', 30),
        cell('naryn', { week: '2026-W10', count: 50, dimension: 'gender', value: 'male', metric: 'lessons_completed' } as Partial<StatsRow> & { week: string; count: number }),
      ],
      5,
    );
    expect(women.total).toBe(26);
    expect(shown(women)).toEqual({ female: 13, male: 5, other: 0, undisclosed: 8 });
    expect(women.share).toBeCloseTo(13 / 26);
    expect(women.shareHeld).toBe(false);
    expect(women.target).toBe(WOMEN_TARGET);
    expect(WOMEN_TARGET).toBe(0.3);
  });

  it('is null with no gender figures, and hidden (not computed) when the number of women is hidden', () => {
    expect(completersByGender([total('naryn', '2026-W10', 30)], 5)).toMatchObject({ total: 0, share: null, shareHeld: false });
    // Weeks narrowed down to a small cell (a kiosk sends each cell once it reaches k, but a collector may set a larger k).
    const small = completersByGender([gender('naryn', '2026-W10', 'female', 3), gender('naryn', '2026-W10', 'male', 40)], 5);
    expect(shown(small)).toEqual({ female: null, male: null, other: 0, undisclosed: 0 });
    expect(small).toMatchObject({ total: 43, share: null, shareHeld: true });
  });

  it('follows the week range', () => {
    const cells = [gender('naryn', '2026-W10', 'female', 7), gender('naryn', '2026-W11', 'male', 21)];
    expect(completersByGender(cells, 5, { fromWeek: '2026-W11' })).toMatchObject({ total: 21, share: 0 });
    expect(completersByGender(cells, 5, { toWeek: '2026-W10' })).toMatchObject({ total: 7, share: 1 });
  });
});

describe('age bands of course completers', () => {
  it('adds the released age-band cells in the bands\' order and hides small ones', () => {
    const bands = completersByAgeBand(
      [age('naryn', '2026-W10', '18-29', 9), age('talas', '2026-W11', '18-29', 6), age('naryn', '2026-W10', '30-44', 7), age('kochkor', '2026-W12', '60-plus', 5)],
      5,
    );
    expect(bands.cells.map((c) => c.key)).toEqual(['under-18', '18-29', '30-44', '45-59', '60-plus', 'unknown']);
    expect(shown(bands)).toEqual({ 'under-18': 0, '18-29': 15, '30-44': 7, '45-59': 0, '60-plus': 5, unknown: 0 });
    // With k = 6 the 5 is hidden, and with it the 7 (the smallest shown), so that 12 is spread over two bands.
    expect(shown(completersByAgeBand([age('naryn', '2026-W10', '18-29', 15), age('naryn', '2026-W10', '30-44', 7), age('naryn', '2026-W10', '60-plus', 5)], 6))).toEqual({
      'under-18': 0,
      '18-29': 15,
      '30-44': null,
      '45-59': 0,
      '60-plus': null,
      unknown: 0,
    });
  });
});

describe('the CSV export rows', () => {
  const cells: StoredCell[] = [
    gender('naryn', '2026-W10', 'male', 5),
    total('naryn', '2026-W10', 14),
    gender('naryn', '2026-W10', 'female', 9),
    age('naryn', '2026-W10', '18-29', 14),
    total('talas', '2026-W10', 3),
    total('naryn', '2026-W09', 6, SAFETY),
    cell('naryn', { week: '2026-W10', course: '', count: 30, metric: 'learners_active' }),
    cell('naryn', { week: '2026-W10', course: '', count: 6, metric: 'learners_active', dimension: 'gender', value: 'female' } as Partial<StatsRow> & { week: string; count: number }),
    cell('naryn', { week: '2026-W10', course: '', count: 24, metric: 'learners_active', dimension: 'gender', value: 'male' } as Partial<StatsRow> & { week: string; count: number }),
  ];
  const line = (r: ReturnType<typeof exportRows>[number]) => `${r.siteCode} ${r.week} ${r.course || '-'} ${r.metric} ${r.dimension} ${r.value || '-'} ${r.count ?? 'hidden'}`;

  it('lists every cell in a fixed order, with small totals hidden and breakdowns suppressed', () => {
    expect(exportRows(cells, 5).map(line)).toEqual([
      `NRN-04 2026-W09 ${SAFETY} courses_completed total - 6`,
      'NRN-04 2026-W10 - learners_active total - 30',
      'NRN-04 2026-W10 - learners_active gender female 6',
      'NRN-04 2026-W10 - learners_active gender male 24',
      `NRN-04 2026-W10 ${BASICS} courses_completed total - 14`,
      `NRN-04 2026-W10 ${BASICS} courses_completed gender female 9`,
      `NRN-04 2026-W10 ${BASICS} courses_completed gender male 5`,
      `NRN-04 2026-W10 ${BASICS} courses_completed age_band 18-29 14`,
      `TLS-01 2026-W10 ${BASICS} courses_completed total - hidden`,
    ]);
    // With k = 7 the 5 men are hidden, and the 9 women with them (else 14 − 9 = 5); the 6 active women and the 24 men too.
    const stricter = exportRows(cells, 7).map(line);
    expect(stricter).toContain(`NRN-04 2026-W10 ${BASICS} courses_completed gender female hidden`);
    expect(stricter).toContain(`NRN-04 2026-W10 ${BASICS} courses_completed gender male hidden`);
    expect(stricter).toContain('NRN-04 2026-W10 - learners_active gender female hidden');
    expect(stricter).toContain('NRN-04 2026-W10 - learners_active gender male hidden');
    expect(stricter).toContain(`NRN-04 2026-W09 ${SAFETY} courses_completed total - hidden`);
  });

  it('hides a small total\'s breakdown with it, and follows the week range', () => {
    const rows = exportRows([total('talas', '2026-W10', 4), gender('talas', '2026-W10', 'female', 4)], 5);
    expect(rows.map((r) => r.count)).toEqual([null, null]);
    expect(exportRows(cells, 5, { fromWeek: '2026-W10' }).some((r) => r.week === '2026-W09')).toBe(false);
  });
});
