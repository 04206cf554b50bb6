/** Report periods as people choose them: a few presets, or any from/to days. */

export const PRESETS = ['thisMonth', 'last3Months', 'thisYear', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

/** A local calendar day as YYYY-MM-DD (toISOString would shift it to UTC). */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The period a preset means on `today`; always ends today. */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, today = new Date()): Period {
  const year = today.getFullYear();
  const month = today.getMonth();
  const from =
    preset === 'thisMonth' ? new Date(year, month, 1) : preset === 'last3Months' ? new Date(year, month - 2, 1) : new Date(year, 0, 1);
  return { from: dayOf(from), to: dayOf(today) };
}

/** Why a custom period cannot be asked for, as an i18n key under reports.period; null when fine. */
export function periodProblem(period: Period): 'missing' | 'reversed' | null {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(period.from) || !day.test(period.to)) return 'missing';
  return period.from > period.to ? 'reversed' : null;
}
