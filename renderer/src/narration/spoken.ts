import list from './spoken-keys.json';

/**
 * The interface texts that can be heard: the content tools speak each of them, in each language,
 * from the catalogues (`npm run pack -- narrate-interface`) into renderer/public/narration/, and
 * the files are committed. A test checks that every key the screens ask for is in this list and
 * that its recordings exist and say the catalogue's current text.
 */
export type SpokenKey = string;

export interface SpokenEntry {
  key: string;
  /** Placeholders filled with other catalogue texts (e.g. the "Next" button's name). */
  params?: Record<string, string>;
}

export const SPOKEN: readonly SpokenEntry[] = (list as Array<string | SpokenEntry>).map((entry) => (typeof entry === 'string' ? { key: entry } : entry));
const SPOKEN_KEYS = new Set(SPOKEN.map((e) => e.key));

export function isSpoken(key: string): boolean {
  return SPOKEN_KEYS.has(key);
}
