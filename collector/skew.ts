import type { IngestMeta } from './store/store';
import { addWeeks, compareWeeks, weekOf } from '../base/iso-week';

/**
 * The pinned clock rule (docs/collector.md): skew = receivedAt − deviceTime. A kiosk whose clock is
 * more than a day ahead, or further behind than the way its figures travelled explains (2 days
 * over a network, 180 days on a stick that may travel for weeks), has a wrong clock: its weeks are
 * moved by the skew in whole weeks, and never after the week the collector received them.
 */

const DAY_SECONDS = 86_400;
const WEEK_SECONDS = 7 * DAY_SECONDS;
const MAX_AHEAD_SECONDS = DAY_SECONDS;
const MAX_BEHIND_SECONDS: Record<IngestMeta['via'], number> = { network: 2 * DAY_SECONDS, stick: 180 * DAY_SECONDS };

/** An instant to the second, as the contract writes them. */
export function toInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function assessSkew(receivedAt: Date, deviceTime: string, via: IngestMeta['via']): IngestMeta {
  const clockSkewSeconds = Math.round((receivedAt.getTime() - Date.parse(deviceTime)) / 1000);
  const clockSkewFlagged = clockSkewSeconds < -MAX_AHEAD_SECONDS || clockSkewSeconds > MAX_BEHIND_SECONDS[via];
  // `|| 0` turns Math.round's -0 into 0.
  const weekShift = clockSkewFlagged ? Math.round(clockSkewSeconds / WEEK_SECONDS) || 0 : 0;
  return { via, receivedAt: toInstant(receivedAt), deviceTime, clockSkewSeconds, clockSkewFlagged, weekShift };
}

/** The week a row of the batch is counted in at the collector. */
export function placeWeek(week: string, meta: Pick<IngestMeta, 'clockSkewFlagged' | 'weekShift' | 'receivedAt'>): string {
  if (!meta.clockSkewFlagged) return week;
  const shifted = addWeeks(week, meta.weekShift);
  const receiptWeek = weekOf(meta.receivedAt);
  return compareWeeks(shifted, receiptWeek) > 0 ? receiptWeek : shifted;
}
