import type { z } from 'zod';
import type { PeriodSchema } from '../contract/console';
import type { Db } from '../db/open';
import { AppError } from '../errors';

export type Period = z.infer<typeof PeriodSchema>;

/** The ISO weeks a period's first and last days fall in: reports and files cover whole weeks. */
export interface WeekRange {
  fromWeek: string;
  toWeek: string;
}

/** Checks the days are real calendar days in order, and names the weeks that contain them. */
export function weekRange(db: Db, period: Period): WeekRange {
  const bad = (['from', 'to'] as const).filter((key) => !isCalendarDay(period[key]));
  if (bad.length > 0) throw new AppError('input.invalid', { issues: bad.map((path) => ({ path, code: 'invalid_date' })) });
  if (period.from > period.to) throw new AppError('input.invalid', { issues: [{ path: 'to', code: 'too_small' }] });
  return db
    .prepare<[string, string], WeekRange>("SELECT strftime('%G-W%V', ?) AS fromWeek, strftime('%G-W%V', ?) AS toWeek")
    .get(period.from, period.to)!;
}

function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}
