import { describe, expect, it } from 'vitest';
import { dateTimeLabel, dayLabel as dayText, isoWeekDays, JOIN, parseDay, shortDayLabel as shortDayText, weekLabel as weekText } from '../../renderer/src/console/dates';
import type { Language } from '../../core/contract';

/** Intl spaces its ranges with thin and narrow spaces, and Kyrgyz joins its parts: a reader sees spaces and hyphens. */
const plain = (text: string) => text.replace(/\s/g, ' ').replaceAll(JOIN, '');
const weekLabel = (week: string, language: Language) => plain(weekText(week, language));
const dayLabel = (day: Date, language: Language) => plain(dayText(day, language));
const shortDayLabel = (day: Date, language: Language) => plain(shortDayText(day, language));

describe('the console writes dates as people of each language write them', () => {
  it('finds the Monday and Sunday of ISO weeks, at the turn of the year too', () => {
    const days = (week: string) => isoWeekDays(week).map((d) => [d.getFullYear(), d.getMonth() + 1, d.getDate()]);
    expect(days('2026-W48')).toEqual([
      [2026, 11, 23],
      [2026, 11, 29],
    ]);
    expect(days('2026-W01')).toEqual([
      [2025, 12, 29],
      [2026, 1, 4],
    ]);
    expect(days('2026-W53')).toEqual([
      [2026, 12, 28],
      [2027, 1, 3],
    ]);
  });

  it('writes a week as its days, never as its ISO code: within a month, across months and across years', () => {
    expect(['2026-W48', '2026-W49', '2026-W53'].map((w) => plain(weekLabel(w, 'ky')))).toEqual([
      '2026-ж. 23–29-ноябрь',
      '2026-ж. 30-ноябрь – 6-декабрь',
      '2026-ж. 28-декабрь – 2027-ж. 3-январь',
    ]);
    expect(['2026-W48', '2026-W49', '2026-W53'].map((w) => plain(weekLabel(w, 'ru')))).toEqual([
      '23–29 ноября 2026 г.',
      '30 ноября – 6 декабря 2026 г.',
      '28 декабря 2026 г. – 3 января 2027 г.',
    ]);
    expect(['2026-W48', '2026-W49', '2026-W53'].map((w) => plain(weekLabel(w, 'en')))).toEqual([
      'November 23 – 29, 2026',
      'November 30 – December 6, 2026',
      'December 28, 2026 – January 3, 2027',
    ]);
  });

  it('never lets a Kyrgyz date break at its hyphens (a line ending in «29-»)', () => {
    for (const text of [weekText('2026-W48', 'ky'), weekText('2026-W49', 'ky'), dayText(parseDay('2026-03-08'), 'ky'), shortDayText(parseDay('2026-03-08'), 'ky')]) {
      expect(text).not.toMatch(new RegExp(`[-–](?!${JOIN}| )`));
    }
    expect(weekText('2026-W48', 'ky')).toBe(`2026-${JOIN}ж. 23–${JOIN}29-${JOIN}ноябрь`);
  });

  it('writes Kyrgyz days with Kyrgyz month names and the year first, whatever Intl knows of Kyrgyz', () => {
    expect(dayLabel(parseDay('2026-03-08'), 'ky')).toBe('2026-ж. 8-март');
    expect(shortDayLabel(parseDay('2026-05-04'), 'ky')).toBe('4-май');
    expect(shortDayLabel(parseDay('2026-11-23'), 'ky')).toBe('23-ноя.');
    expect(plain(dateTimeLabel(new Date(2026, 4, 4, 9, 5), 'ky'))).toBe('2026-ж. 4-май, 09:05');
    expect(plain(dayLabel(parseDay('2026-03-08'), 'ru'))).toBe('8 марта 2026 г.');
    expect(dayLabel(parseDay('2026-03-08'), 'en')).toBe('March 8, 2026');
  });
});
