import { daysOfWeek } from '../../../base/iso-week';
import type { Language } from '../../../core/contract';

/*
 * Dates as the console shows them, in the interface's language. Russian and English come from
 * Intl. Kyrgyz is written here: Chromium's ICU (Debian's, and Electron's) has no Kyrgyz and would
 * write English month names, and Node's writes a week with the year last («23–29-ноябрь 2026-ж.»).
 * Kyrgyz puts the year first, with CLDR's month names: «2026-ж. 23-ноябрь», a week
 * «2026-ж. 23–29-ноябрь», across months «2026-ж. 30-ноябрь – 6-декабрь». A line may break after
 * a hyphen, which would leave «29-» at the end of one line and «ноябрь» on the next: a word joiner
 * (U+2060, invisible, not read aloud) after each hyphen and joining dash keeps those parts whole.
 */

const KY_MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const KY_MONTHS_SHORT = ['янв.', 'фев.', 'мар.', 'апр.', 'май', 'июн.', 'июл.', 'авг.', 'сен.', 'окт.', 'ноя.', 'дек.'];
/** Between the two ends of a range: an en dash, spaced when the ends are more than a day number. */
const DASH = '–';
/** Keeps the line from breaking where it stands (U+2060 WORD JOINER). */
export const JOIN = '\u2060';

const LONG: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

const kyDay = (date: Date) => `${date.getDate()}-${JOIN}${KY_MONTHS[date.getMonth()]}`;
const kyYear = (date: Date) => `${date.getFullYear()}-${JOIN}ж.`;

/** A calendar day ("2026-11-23") as a local date at noon (midnight could be a day off across a clock change). */
export function parseDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!, 12);
}

/** The Monday and the Sunday of an ISO week ("2026-W48"), as local dates (base/iso-week.ts says which days). */
export function isoWeekDays(week: string): [Date, Date] {
  const [monday, sunday] = daysOfWeek(week);
  return [parseDay(monday), parseDay(sunday)];
}

/** "November 23, 2026" · «23 ноября 2026 г.» · «2026-ж. 23-ноябрь». */
export function dayLabel(date: Date, language: Language): string {
  if (language === 'ky') return `${kyYear(date)} ${kyDay(date)}`;
  return new Intl.DateTimeFormat(language, LONG).format(date);
}

/** A day without its year, short, for a chart's axis: "Nov 23" · «23 нояб.» · «23-ноя.». */
export function shortDayLabel(date: Date, language: Language): string {
  if (language === 'ky') return `${date.getDate()}-${JOIN}${KY_MONTHS_SHORT[date.getMonth()]}`;
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short' }).format(date);
}

/** "November 23, 2026 at 9:05 AM" · «23 ноября 2026 г. в 09:05» · «2026-ж. 23-ноябрь, 09:05». */
export function dateTimeLabel(date: Date, language: Language): string {
  if (language === 'ky') {
    const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
    return `${dayLabel(date, language)}, ${time}`;
  }
  return new Intl.DateTimeFormat(language, { ...LONG, hour: 'numeric', minute: '2-digit' }).format(date);
}

/** From one day to another: "November 23 – 29, 2026" · «23–29 ноября 2026 г.» · «2026-ж. 23–29-ноябрь». */
export function dayRangeLabel(from: Date, to: Date, language: Language): string {
  if (language !== 'ky') return new Intl.DateTimeFormat(language, LONG).formatRange(from, to);
  if (from.getFullYear() !== to.getFullYear()) return `${dayLabel(from, 'ky')} ${DASH} ${dayLabel(to, 'ky')}`;
  if (from.getMonth() !== to.getMonth()) return `${kyYear(from)} ${kyDay(from)} ${DASH} ${kyDay(to)}`;
  if (from.getDate() !== to.getDate()) return `${kyYear(from)} ${from.getDate()}${DASH}${JOIN}${kyDay(to)}`;
  return dayLabel(from, 'ky');
}

/** An ISO week ("2026-W48") as the days it runs, Monday to Sunday: "November 23 – 29, 2026". */
export function weekLabel(week: string, language: Language): string {
  const [monday, sunday] = isoWeekDays(week);
  return dayRangeLabel(monday, sunday, language);
}
