import { pickText } from '../../i18n/i18n';
import { LANGUAGES, type Language, type LocalizedText } from '../../../../core/contract';
import { mondayOfIsoWeek } from './period';

/** A pack text in the console's language, else any language it has (the pack may be gone). */
export function courseTitle(title: LocalizedText | null, language: Language, fallback: string): { text: string; lang: Language | undefined } {
  if (!title) return { text: fallback, lang: undefined };
  const other = LANGUAGES.find((l) => title[l] !== undefined) ?? language;
  const picked = pickText(title, language, other);
  return { text: picked.text || fallback, lang: picked.language };
}

/**
 * Chromium's ICU may have no Kyrgyz month names, and would then write English ones: where the
 * language is missing, dates are written in numbers the way Kyrgyzstan writes them (23.11.2026).
 */
function dateFormat(language: Language, words: Intl.DateTimeFormatOptions, numbers: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return Intl.DateTimeFormat.supportedLocalesOf(language).length > 0 ? new Intl.DateTimeFormat(language, words) : new Intl.DateTimeFormat('ru', numbers);
}

/** "9 Feb" for the week starting on Monday 9 February, in the interface's language. */
export function weekLabel(week: string, language: Language): string {
  return dateFormat(language, { day: 'numeric', month: 'short' }, { day: '2-digit', month: '2-digit' }).format(mondayOfIsoWeek(week));
}

export function dayLabel(day: string, language: Language): string {
  const [y, m, d] = day.split('-').map(Number);
  return dateFormat(language, { day: 'numeric', month: 'long', year: 'numeric' }, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(y!, m! - 1, d!));
}

export function percent(share: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
