import type { z } from 'zod';
import { isCalendarDay, weekOfDay } from '../../base/iso-week';
import type { PeriodSchema } from '../contract/console';
import { AppError } from '../errors';

export type Period = z.infer<typeof PeriodSchema>;

/** The ISO weeks a period's first and last days fall in: reports and files cover whole weeks. */
export interface WeekRange {
  fromWeek: string;
  toWeek: string;
}

/** Checks the days are real calendar days in order, and names the weeks that contain them. */
export function weekRange(period: Period): WeekRange {
  const bad = (['from', 'to'] as const).filter((key) => !isCalendarDay(period[key]));
  if (bad.length > 0) throw new AppError('input.invalid', { issues: bad.map((path) => ({ path, code: 'invalid_date' })) });
  if (period.from > period.to) throw new AppError('input.invalid', { issues: [{ path: 'to', code: 'too_small' }] });
  return { fromWeek: weekOfDay(period.from), toWeek: weekOfDay(period.to) };
}
