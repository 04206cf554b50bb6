/**
 * ISO 8601 weeks ('2026-W07'), the finest time statistics are kept at: the one definition the
 * kiosk (its SQL too, through `iso_week`), the collector and the console share.
 *
 * A week is a run of calendar days, Monday to Sunday, named for the year its Thursday is in. An
 * instant is placed on the calendar of the clock it is read on, in local time: the kiosk's (an
 * evening lesson in Naryn, UTC+6, belongs to the day it happened on there, not the UTC one), and
 * the collector's, which runs in the programme's time zone (docs/collector.md).
 */

const DAY_MS = 86_400_000;
const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The ISO week of a calendar day ('2026-01-01' → '2026-W01'). */
export function weekOfDay(day: string): string {
  if (!isCalendarDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  return weekOfUtcMidnight(utcMidnight(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))));
}

/** The ISO week an instant falls in, on this clock's local calendar. */
export function weekOf(instant: Date | string): string {
  return weekOfDay(localDayOf(instant));
}

/** The local calendar day ('2026-03-18') an instant falls on. */
export function localDayOf(instant: Date | string): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError(`not an instant: ${String(instant)}`);
  const date = new Date(t);
  return dayText(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** The Monday and the Sunday of an ISO week, as calendar days. */
export function daysOfWeek(week: string): [monday: string, sunday: string] {
  const monday = mondayMs(week);
  return [utcDayText(monday), utcDayText(monday + 6 * DAY_MS)];
}

/** The week n weeks later (n < 0: earlier). */
export function addWeeks(week: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of weeks: ${n}`);
  return weekOfUtcMidnight(mondayMs(week) + n * 7 * DAY_MS);
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
  // No figures come from before 1000: an earlier week is a typing mistake.
  return year >= 1000 && number >= 1 && number <= weeksInYear(year);
}

/** 52 or 53: a year has 53 ISO weeks when its 28 December falls in week 53. */
export function weeksInYear(year: number): number {
  return Number(weekOfUtcMidnight(utcMidnight(year, 12, 28)).slice(6));
}

/** True for a real day written 'YYYY-MM-DD', from 0001-01-01 to 9999-12-31 ('2026-02-30' is not one). */
export function isCalendarDay(day: string): boolean {
  const match = DAY_PATTERN.exec(day);
  return match !== null && Number(match[1]) >= 1 && utcDayText(utcMidnight(Number(match[1]), Number(match[2]), Number(match[3]))) === day;
}

/** Midnight UTC of a day (month 1-12), for any year: Date.UTC would read years under 100 as 19xx. */
function utcMidnight(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/** The calendar arithmetic itself, on a day's midnight in UTC (where no clock change can move it). */
function weekOfUtcMidnight(ms: number): string {
  const day = new Date(ms);
  // The week belongs to the year its Thursday is in.
  const thursday = ms + (3 - isoWeekday(day)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - utcMidnight(year, 1, 1)) / (7 * DAY_MS)) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

function mondayMs(week: string): number {
  const { year, number } = parseWeek(week);
  const jan4 = new Date(utcMidnight(year, 1, 4));
  return jan4.getTime() - isoWeekday(jan4) * DAY_MS + (number - 1) * 7 * DAY_MS;
}

function parseWeek(week: string): { year: number; number: number } {
  if (!isIsoWeek(week)) throw new RangeError(`not an ISO week: ${week}`);
  return { year: Number(week.slice(0, 4)), number: Number(week.slice(6)) };
}

/** Monday 0 … Sunday 6, of a UTC midnight. */
function isoWeekday(date: Date): number {
  return (date.getUTCDay() + 6) % 7;
}

function utcDayText(ms: number): string {
  const date = new Date(ms);
  return dayText(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function dayText(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
