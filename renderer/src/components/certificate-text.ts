import type { Language, LocalizedText } from '../../../core/contract';
import { pickText, type PickedText } from '../i18n/i18n';

/**
 * A certificate's course title in the learner's language. The certificate keeps the title as it
 * was issued (no pack default), so the fallback is the first language the title has.
 */
export function certificateTitle(title: LocalizedText, language: Language): PickedText {
  const fallback = (Object.keys(title)[0] ?? language) as Language;
  return pickText(title, language, fallback);
}

/**
 * Kyrgyz month names as a date uses them ("2026-жылдын 5-майы"). Chromium and Electron ship
 * without Kyrgyz date data (Intl falls back to English), so the kiosk always writes its own.
 */
const KY_MONTHS = ['январы', 'февралы', 'марты', 'апрели', 'майы', 'июну', 'июлу', 'августу', 'сентябры', 'октябры', 'ноябры', 'декабры'];

/** YYYY-MM-DD as a date written the way the language writes dates ("5 мая 2026 г."). */
export function formatIssuedOn(issuedOn: string, language: Language): string {
  const [year, month, day] = issuedOn.split('-').map(Number);
  if (!year || !month || !day) return issuedOn;
  if (language === 'ky') {
    return `${year}-жылдын ${day}-${KY_MONTHS[month - 1]}`;
  }
  // UTC on both sides: the day printed is the day issued, whatever the PC's time zone.
  const date = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
