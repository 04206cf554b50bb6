import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language, LocalizedText } from '../../../core/contract';
import en from './locales/en.json';
import ky from './locales/ky.json';
import playerEn from './locales/player/en.json';
import playerKy from './locales/player/ky.json';
import playerRu from './locales/player/ru.json';
import profilesEn from './locales/profiles/en.json';
import profilesKy from './locales/profiles/ky.json';
import profilesRu from './locales/profiles/ru.json';
import ru from './locales/ru.json';

/**
 * One catalogue per language, assembled from feature files so that each feature's strings live
 * together: `player.*` (lesson steps) and `profiles.*` (profiles, secrets, leaving, certificates).
 */
export const catalogues = {
  ky: { ...ky, player: playerKy, profiles: profilesKy },
  ru: { ...ru, player: playerRu, profiles: profilesRu },
  en: { ...en, player: playerEn, profiles: profilesEn },
} as const;

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
