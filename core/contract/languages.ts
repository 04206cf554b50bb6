import { z } from 'zod';

/** Interface and content languages, in the order the language screen shows them. */
export const LANGUAGES = ['ky', 'ru', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/** Each language's name written in its own script, so a learner can find theirs without reading ours. */
export const LANGUAGE_NATIVE_NAMES: Record<Language, string> = {
  ky: 'Кыргызча',
  ru: 'Русский',
  en: 'English',
};
