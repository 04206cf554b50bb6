import { pickText } from '../../i18n/i18n';
import { LANGUAGES, type Language, type LocalizedText } from '../../../../core/contract';
import { dayLabel as dayText, isoWeekDays, parseDay, shortDayLabel } from '../dates';

/** A pack text in the console's language, else any language it has (the pack may be gone). */
export function courseTitle(title: LocalizedText | null, language: Language, fallback: string): { text: string; lang: Language | undefined } {
  if (!title) return { text: fallback, lang: undefined };
  const other = LANGUAGES.find((l) => title[l] !== undefined) ?? language;
  const picked = pickText(title, language, other);
  return { text: picked.text || fallback, lang: picked.language };
}

/** "9 Feb" for the week starting on Monday 9 February, in the interface's language: a chart's axis. */
export function weekLabel(week: string, language: Language): string {
  return shortDayLabel(isoWeekDays(week)[0], language);
}

/** A calendar day ("2026-02-09") in words, in the interface's language. */
export function dayLabel(day: string, language: Language): string {
  return dayText(parseDay(day), language);
}

export function percent(share: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
