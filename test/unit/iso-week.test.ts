import { afterEach, describe, expect, it } from 'vitest';
import { addWeeks, compareWeeks, daysOfWeek, isIsoWeek, weekOf, weekOfDay, weeksInYear } from '../../base/iso-week';
import { openDatabase } from '../../core/db/open';
import { weekOf as weekOfSql } from '../../core/stats/sql';

/**
 * The one definition of a week (base/iso-week.ts), and the kiosk's SQL reading it through
 * `iso_week`: weeks are the kiosk's local calendar weeks, so SQL and code agree in any time zone.
 */

const zoneAtStart = process.env.TZ;
afterEach(() => {
  if (zoneAtStart === undefined) delete process.env.TZ;
  else process.env.TZ = zoneAtStart;
});

/** Runs `work` with this process's clock in a time zone (Node reads TZ again when it is set). */
function inZone<T>(zone: string, work: () => T): T {
  process.env.TZ = zone;
  return work();
}

describe('ISO weeks', () => {
  it('puts the days around new year in the week their Thursday is in', () => {
    expect(weekOfDay('2020-12-31')).toBe('2020-W53');
    expect(weekOfDay('2021-01-03')).toBe('2020-W53');
    expect(weekOfDay('2021-01-04')).toBe('2021-W01');
    expect(weekOfDay('2025-12-29')).toBe('2026-W01');
    expect(weekOfDay('2025-12-28')).toBe('2025-W52');
    expect(weekOfDay('2026-01-01')).toBe('2026-W01');
    expect(weekOfDay('2019-12-30')).toBe('2020-W01');
    expect(weekOfDay('2027-01-03')).toBe('2026-W53');
    expect(() => weekOfDay('2026-02-30')).toThrow(RangeError);
    // The ends of the calendar a period may name ("everything").
    expect(weekOfDay('0001-01-01')).toBe('0001-W01');
    expect(weekOfDay('0099-12-31')).toBe('0099-W53');
    expect(weekOfDay('9999-12-31')).toBe('9999-W52');
    expect(inZone('UTC', () => weekOf(new Date('2026-03-18T10:00:00Z')))).toBe('2026-W12');
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
    expect(daysOfWeek('2026-W01')).toEqual(['2025-12-29', '2026-01-04']);
    expect(daysOfWeek('2020-W53')).toEqual(['2020-12-28', '2021-01-03']);
    expect(daysOfWeek('2099-W12')).toEqual(['2099-03-16', '2099-03-22']);
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


describe('weeks on the local calendar', () => {
  // Sunday 28 December 2025, 18:30 UTC is Monday 29 December, 00:30 in Bishkek (UTC+6): the first
  // minutes of 2026-W01 there, still 2025-W52 in UTC.
  const newYearWeek = '2025-12-28T18:30:00Z';

  it('puts an instant at the year boundary in the week of the local day it happened on (Asia/Bishkek)', () => {
    expect(inZone('UTC', () => weekOf(newYearWeek))).toBe('2025-W52');
    expect(inZone('Asia/Bishkek', () => weekOf(newYearWeek))).toBe('2026-W01');
    expect(inZone('Asia/Bishkek', () => weekOf('2025-12-28T17:59:59Z'))).toBe('2025-W52');
    // The last day of 2026-W53 ends at 18:00 UTC on 3 January 2027 in Bishkek.
    expect(inZone('Asia/Bishkek', () => weekOf('2027-01-03T17:59:59Z'))).toBe('2026-W53');
    expect(inZone('Asia/Bishkek', () => weekOf('2027-01-03T18:00:00Z'))).toBe('2027-W01');
  });

  it('gives the kiosk database the same weeks as the code, for instants and for days (Asia/Bishkek and UTC)', () => {
    for (const zone of ['Asia/Bishkek', 'UTC']) {
      inZone(zone, () => {
        const db = openDatabase(':memory:');
        try {
          const sqlWeek = (value: string) => (db.prepare(`SELECT ${weekOfSql('?')} AS week`).get(value) as { week: string }).week;
          for (const instant of [newYearWeek, '2025-12-28T17:59:59.000Z', '2027-01-03T18:00:00.000Z', '2026-03-18T10:00:00.000Z']) {
            expect(sqlWeek(instant), `${instant} in ${zone}`).toBe(weekOf(instant));
          }
          // A time without a zone is UTC, as SQLite reads it.
          expect(sqlWeek('2025-12-28 18:30:00')).toBe(weekOf(newYearWeek));
          // A calendar day names its own week wherever the kiosk is.
          expect(sqlWeek('2025-12-28')).toBe('2025-W52');
          expect(sqlWeek('2025-12-29')).toBe('2026-W01');
        } finally {
          db.close();
        }
      });
    }
  });
});
