import { describe, expect, it } from 'vitest';
import { assessSkew, placeWeek } from '../../collector/skew';
import { addWeeks, compareWeeks, isIsoWeek, mondayOf, weekOf, weeksInYear } from '../../collector/weeks';

describe('ISO weeks', () => {
  it('puts the days around new year in the week their Thursday is in', () => {
    expect(weekOf('2020-12-31T12:00:00Z')).toBe('2020-W53');
    expect(weekOf('2021-01-03T23:59:59Z')).toBe('2020-W53');
    expect(weekOf('2021-01-04T00:00:00Z')).toBe('2021-W01');
    expect(weekOf('2025-12-29T00:00:00Z')).toBe('2026-W01');
    expect(weekOf('2025-12-28T23:59:59Z')).toBe('2025-W52');
    expect(weekOf('2026-01-01T00:00:00Z')).toBe('2026-W01');
    expect(weekOf('2019-12-30T00:00:00Z')).toBe('2020-W01');
    expect(weekOf(new Date('2026-03-18T10:00:00Z'))).toBe('2026-W12');
  });

  it('knows which years have a week 53', () => {
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(isIsoWeek('2020-W53')).toBe(true);
    expect(isIsoWeek('2021-W53')).toBe(false);
    expect(isIsoWeek('2026-W00')).toBe(false);
    expect(isIsoWeek('2026-W54')).toBe(false);
    expect(isIsoWeek('2026-12')).toBe(false);
  });

  it('finds the Monday of a week', () => {
    expect(mondayOf('2026-W01').toISOString()).toBe('2025-12-29T00:00:00.000Z');
    expect(mondayOf('2020-W53').toISOString()).toBe('2020-12-28T00:00:00.000Z');
    expect(mondayOf('2099-W12').toISOString()).toBe('2099-03-16T00:00:00.000Z');
  });

  it('adds weeks across year boundaries, both ways', () => {
    expect(addWeeks('2020-W52', 1)).toBe('2020-W53');
    expect(addWeeks('2020-W53', 1)).toBe('2021-W01');
    expect(addWeeks('2021-W01', -1)).toBe('2020-W53');
    expect(addWeeks('2025-W52', 1)).toBe('2026-W01');
    expect(addWeeks('2026-W01', -1)).toBe('2025-W52');
    expect(addWeeks('2099-W12', 0)).toBe('2099-W12');
    expect(addWeeks('2027-W10', 52 * 2)).toBe('2029-W10');
    // 2026 has 53 weeks: three times 52 weeks from it ends a week early.
    expect(addWeeks('2026-W10', 52 * 3)).toBe('2029-W09');
    // Monday 12 March 2001 to Monday 16 March 2026.
    expect(addWeeks('2001-W11', 1305)).toBe('2026-W12');
    expect(addWeeks('2026-W12', -1305)).toBe('2001-W11');
    expect(() => addWeeks('2026-W10', 1.5)).toThrow(RangeError);
    expect(() => addWeeks('2021-W53', 1)).toThrow(RangeError);
  });

  it('compares weeks in time order', () => {
    expect(compareWeeks('2020-W53', '2021-W01')).toBeLessThan(0);
    expect(compareWeeks('2026-W01', '2025-W52')).toBeGreaterThan(0);
    expect(compareWeeks('2026-W07', '2026-W07')).toBe(0);
    expect(compareWeeks('2026-W09', '2026-W10')).toBeLessThan(0);
  });
});

describe('the clock rule', () => {
  const received = new Date('2026-03-18T10:00:00Z'); // 2026-W12

  it('keeps the weeks of a kiosk whose clock is about right', () => {
    for (const device of ['2026-03-18T09:00:00Z', '2026-03-19T09:59:00Z', '2026-03-16T10:00:01Z']) {
      const meta = assessSkew(received, device, 'network');
      expect(meta.clockSkewFlagged).toBe(false);
      expect(meta.weekShift).toBe(0);
      expect(placeWeek('2026-W11', meta)).toBe('2026-W11');
    }
  });

  it('flags a clock more than a day ahead or more than two days behind (network)', () => {
    expect(assessSkew(received, '2026-03-19T10:00:01Z', 'network').clockSkewFlagged).toBe(true);
    expect(assessSkew(received, '2026-03-16T09:59:59Z', 'network').clockSkewFlagged).toBe(true);
  });

  it('lets a stick travel for up to 180 days before its clock is doubted', () => {
    expect(assessSkew(received, '2025-10-01T10:00:00Z', 'stick').clockSkewFlagged).toBe(false);
    expect(assessSkew(received, '2025-09-01T10:00:00Z', 'stick').clockSkewFlagged).toBe(true);
    expect(assessSkew(received, '2026-03-20T10:00:00Z', 'stick').clockSkewFlagged).toBe(true);
  });

  it('moves a 2001 or 2099 clock’s weeks into the real weeks, never after the receipt week', () => {
    const behind = assessSkew(received, '2001-03-14T10:00:00Z', 'network');
    expect(behind.clockSkewSeconds).toBe((received.getTime() - Date.parse('2001-03-14T10:00:00Z')) / 1000);
    expect(placeWeek('2001-W11', behind)).toBe('2026-W12');
    expect(placeWeek('2001-W10', behind)).toBe('2026-W11');

    const ahead = assessSkew(received, '2099-03-18T10:00:00Z', 'network');
    expect(ahead.clockSkewSeconds).toBeLessThan(0);
    expect(placeWeek('2099-W11', ahead)).toBe('2026-W11');
    // A week that would land after the week it was received in is counted in the receipt week.
    expect(placeWeek('2099-W14', ahead)).toBe('2026-W12');
  });
});
