/**
 * ISO 8601 weeks ('2026-W07'): the finest time figures are kept at. Pure helpers, UTC only
 * (a week is the same everywhere the programme works, to within a day at its edges).
 */

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

/** The ISO week an instant falls in. */
export function weekOf(instant: Date | string): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError(`not an instant: ${String(instant)}`);
  const day = new Date(t);
  // The week belongs to the year its Thursday is in.
  const thursday = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) + (3 - isoWeekday(day)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** Monday 00:00 UTC of an ISO week. */
export function mondayOf(week: string): Date {
  const { year, number } = parseWeek(week);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  return new Date(jan4.getTime() - isoWeekday(jan4) * DAY_MS + (number - 1) * WEEK_MS);
}

/** The week n weeks later (n < 0: earlier). */
export function addWeeks(week: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of weeks: ${n}`);
  return weekOf(new Date(mondayOf(week).getTime() + n * WEEK_MS));
}

/** Negative when a is before b, 0 when equal, positive after (the zero-padded form sorts as text). */
export function compareWeeks(a: string, b: string): number {
  parseWeek(a);
  parseWeek(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True for a week that exists: '2020-W53' does, '2021-W53' and '2026-W00' do not. */
export function isIsoWeek(week: string): boolean {
  const match = WEEK_PATTERN.exec(week);
  if (!match) return false;
  const year = Number(match[1]);
  const number = Number(match[2]);
  // Date.UTC reads years under 100 as 19xx; no figures come from before 1000 anyway.
  return year >= 1000 && number >= 1 && number <= weeksInYear(year);
}

/** 52 or 53: a year has 53 ISO weeks when its 28 December falls in week 53. */
export function weeksInYear(year: number): number {
  return Number(weekOf(new Date(Date.UTC(year, 11, 28))).slice(6));
}

function parseWeek(week: string): { year: number; number: number } {
  if (!isIsoWeek(week)) throw new RangeError(`not an ISO week: ${week}`);
  return { year: Number(week.slice(0, 4)), number: Number(week.slice(6)) };
}

/** Monday 0 … Sunday 6. */
function isoWeekday(date: Date): number {
  return (date.getUTCDay() + 6) % 7;
}
