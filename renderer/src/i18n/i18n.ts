import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language, LocalizedText } from '../../../core/contract';
import { catalogues } from './catalogues';

export { catalogues };

void i18next.use(initReactI18next).init({
  resources: { ky: { translation: catalogues.ky }, ru: { translation: catalogues.ru }, en: { translation: catalogues.en } },
  lng: 'ky',
  fallbackLng: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export async function setUiLanguage(language: Language): Promise<void> {
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

export interface PickedText {
  text: string;
  language: Language;
  /** True when the learner's language was missing and the pack's default is shown instead. */
  fallback: boolean;
}

/** Picks a pack text in the learner's language, falling back (visibly) to the pack's default. */
export function pickText(text: LocalizedText, language: Language, defaultLanguage: Language): PickedText {
  const own = text[language];
  if (own !== undefined) return { text: own, language, fallback: false };
  return { text: text[defaultLanguage] ?? '', language: defaultLanguage, fallback: true };
}

export default i18next;
