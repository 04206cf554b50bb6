import type { Database } from 'better-sqlite3';
import { isCalendarDay, weekOf as weekOfInstant, weekOfDay } from '../../base/iso-week';

/**
 * The SQL every statistic is computed with, in one place so the live recorder and the rebuild
 * from progress rows can never disagree about which week or age band an event belongs to.
 */

/** The SQL function `iso_week` is base/iso-week.ts, so SQL and code have one definition of a week. */
const WEEK_FUNCTION = 'iso_week';
const ZONELESS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Makes `iso_week(text)` available on a connection (core/db/open.ts does it on every open): a
 * calendar day ('2026-03-18') names its own week; an instant is placed on the kiosk's local
 * calendar (base/iso-week.ts). NULL, or what is no time, is NULL.
 */
export function registerWeekFunction(db: Database): void {
  db.function(WEEK_FUNCTION, { varargs: false }, (value: unknown) => {
    if (value === null) return null;
    const text = String(value);
    if (isCalendarDay(text)) return weekOfDay(text);
    // A time without a zone is UTC, as SQLite reads it (JavaScript would read it as local time).
    const instant = ZONELESS.test(text) ? `${text.replace(' ', 'T')}Z` : text;
    // Not a time at all: NULL, as strftime answered.
    return Number.isFinite(Date.parse(instant)) ? weekOfInstant(instant) : null;
  });
}

/**
 * The ISO week ('2026-W07') of a stored UTC timestamp, on the kiosk's own clock: an evening
 * lesson in Naryn belongs to the local day it happened on, not the UTC one.
 */
export const weekOf = (timestamp: string) => `${WEEK_FUNCTION}(${timestamp})`;

/** Nobody is made to answer: a gender never asked counts as undisclosed. */
export const genderOf = (gender: string) => `coalesce(${gender}, 'undisclosed')`;

/**
 * The age band in the ISO year of the event's week (so every event of one week lands in the same
 * band), from the birth year the learner may have given.
 */
export const ageBandOf = (week: string, birthYear: string) => {
  const age = `(CAST(substr(${week}, 1, 4) AS INTEGER) - ${birthYear})`;
  return `CASE
    WHEN ${birthYear} IS NULL THEN 'unknown'
    WHEN ${age} < 18 THEN 'under-18'
    WHEN ${age} < 30 THEN '18-29'
    WHEN ${age} < 45 THEN '30-44'
    WHEN ${age} < 60 THEN '45-59'
    ELSE '60-plus' END`;
};
