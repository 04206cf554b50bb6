import type { Language } from '../../../core/contract';
import { dateTimeLabel, dayLabel, parseDay } from './dates';

const UNITS = [
  { unit: 'gigabyte', size: 1024 ** 3 },
  { unit: 'megabyte', size: 1024 ** 2 },
  { unit: 'kilobyte', size: 1024 },
] as const;

/** "4.2 MB" in the interface's language (Intl knows the units' names in ky, ru and en). */
export function formatBytes(bytes: number, language: Language): string {
  const { unit, size } = UNITS.find((u) => bytes >= u.size) ?? UNITS[2];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(bytes / size);
}

/** A date (or date-time string) as a calendar day in the interface's language (Kyrgyz too: ./dates). */
export function formatDay(value: string, language: Language): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDay(value) : new Date(value);
  return Number.isNaN(date.getTime()) ? value : dayLabel(date, language);
}

export function formatDateTime(value: string, language: Language): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeLabel(date, language);
}
