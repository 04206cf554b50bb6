import { describe, expect, it } from 'vitest';
import { assessSkew, placeWeek } from '../../collector/skew';

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
