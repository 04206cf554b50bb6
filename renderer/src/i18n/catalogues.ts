import en from './locales/en.json';
import ky from './locales/ky.json';
import consoleEn from './locales/console/en.json';
import consoleKy from './locales/console/ky.json';
import consoleRu from './locales/console/ru.json';
import playerEn from './locales/player/en.json';
import playerKy from './locales/player/ky.json';
import playerRu from './locales/player/ru.json';
import profilesEn from './locales/profiles/en.json';
import profilesKy from './locales/profiles/ky.json';
import profilesRu from './locales/profiles/ru.json';
import reportsEn from './locales/reports/en.json';
import reportsKy from './locales/reports/ky.json';
import reportsRu from './locales/reports/ru.json';
import ru from './locales/ru.json';

/**
 * One catalogue per language, assembled from feature files so that each feature's strings live
 * together: `player.*` (lesson steps), `profiles.*` (profiles, secrets, leaving, certificates),
 * `console.*` (set-up, staff console, packs, backups, settings) and `reports.*` (learners,
 * reports, statistics). Pure data: tests and page objects read the same assembly.
 */
export const catalogues = {
  ky: { ...ky, player: playerKy, profiles: profilesKy, console: consoleKy, reports: reportsKy },
  ru: { ...ru, player: playerRu, profiles: profilesRu, console: consoleRu, reports: reportsRu },
  en: { ...en, player: playerEn, profiles: profilesEn, console: consoleEn, reports: reportsEn },
} as const;
