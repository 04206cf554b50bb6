// Shared by core's learner search and the picker's instant search, so both find the same names.
/**
 * A name as it is searched: lower case, spaces collapsed, and the letters a Russian keyboard
 * lacks typed as their nearest neighbour (ө→о, ү→у, ң→н, һ→х; ё→е), as the learner picker does:
 * many people type "Гулнара" for "Гүлнара".
 */
const FOLDS: Record<string, string> = { ё: 'е', ө: 'о', ү: 'у', ң: 'н', һ: 'х' };

export function foldName(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[ёөүңһ]/g, (c) => FOLDS[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}
