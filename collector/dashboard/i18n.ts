import i18next, { type TFunction } from 'i18next';
import { LANGUAGES, type Language } from '../../core/contract';
import en from '../locales/en.json';
import ky from '../locales/ky.json';
import ru from '../locales/ru.json';

/**
 * The dashboard's texts, on the server: one i18next instance shared by every request, each request
 * taking a translator fixed to its language. Texts are plain text; the page escapes them.
 */

export const catalogues = { ky, ru, en } as const;

/** Russian is what most programme staff read; Kyrgyz and English are one click away. */
const DEFAULT_LANGUAGE: Language = 'ru';
export const LANGUAGE_COOKIE = 'ayil_collector_lang';

const instance = i18next.createInstance();
void instance.init({
  resources: { ky: { translation: ky }, ru: { translation: ru }, en: { translation: en } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  // The HTML templates escape every value, texts included: escaping here would do it twice.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function translator(language: Language): TFunction {
  return instance.getFixedT(language);
}

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to answer in: `?lang=` first (the switch), then the cookie it leaves, then the
 * browser's Accept-Language (in its order of preference), then Russian.
 */
export function chooseLanguage(query: unknown, cookie: unknown, acceptLanguage: string | undefined): Language {
  if (isLanguage(query)) return query;
  if (isLanguage(cookie)) return cookie;
  for (const tag of preferredTags(acceptLanguage ?? '')) {
    const base = tag.split('-')[0]!;
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

/** Accept-Language's tags, most preferred first (q=0 means "not this one"). */
function preferredTags(header: string): string[] {
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
      return { tag: tag.trim(), q: q ? Number(q[1]) : 1, index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}
