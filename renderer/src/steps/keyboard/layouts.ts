import type { Language } from '../../../../core/contract';

/** One key: what it types alone and with Shift. */
export interface Key {
  base: string;
  shift: string;
}

const row = (base: string, shift: string): Key[] => {
  const shifted = [...shift];
  return [...base].map((b, i) => ({ base: b, shift: shifted[i] ?? b }));
};

/**
 * The printed rows of a standard keyboard (top row to bottom, Space apart), per language.
 *
 * - ru: Russian ЙЦУКЕН, as on Windows and Linux.
 * - ky: the Kyrgyz standard layout adopted by the government in 2005 (xkeyboard-config `kg`):
 *   Russian ЙЦУКЕН with the Kyrgyz letters on keys Russian does not need for letters:
 *   ө on the minus key, ң on the equals key, ү on the backslash key. (Windows' own "Kyrgyz
 *   Cyrillic" layout differs in places; this one is the official one and the one Linux ships.)
 * - en: US QWERTY.
 */
export const LAYOUTS: Record<Language, Key[][]> = {
  ky: [
    row('ё1234567890өң', 'Ё!"№;%:?*()ӨҢ'),
    row('йцукенгшщзхъү', 'ЙЦУКЕНГШЩЗХЪҮ'),
    row('фывапролджэ', 'ФЫВАПРОЛДЖЭ'),
    row('ячсмитьбю.', 'ЯЧСМИТЬБЮ,'),
  ],
  ru: [
    row('ё1234567890-=', 'Ё!"№;%:?*()_+'),
    row('йцукенгшщзхъ\\', 'ЙЦУКЕНГШЩЗХЪ/'),
    row('фывапролджэ', 'ФЫВАПРОЛДЖЭ'),
    row('ячсмитьбю.', 'ЯЧСМИТЬБЮ,'),
  ],
  en: [
    row('`1234567890-=', '~!@#$%^&*()_+'),
    row('qwertyuiop[]\\', 'QWERTYUIOP{}|'),
    row("asdfghjkl;'", 'ASDFGHJKL:"'),
    row('zxcvbnm,./', 'ZXCVBNM<>?'),
  ],
};

export type KeyPress = { kind: 'space' } | { kind: 'key'; row: number; column: number; shift: boolean };

/** Which key (and whether Shift) types a character in a layout; null when it has no key there. */
export function keyFor(language: Language, char: string): KeyPress | null {
  if (char === ' ') return { kind: 'space' };
  const rows = LAYOUTS[language];
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < rows[r]!.length; c++) {
      const key = rows[r]![c]!;
      if (key.base === char) return { kind: 'key', row: r, column: c, shift: false };
      if (key.shift === char) return { kind: 'key', row: r, column: c, shift: true };
    }
  }
  return null;
}

/** True for letters of another script than the text's: a sign the computer's keyboard language is wrong. */
export function otherScript(expected: string, typed: string): boolean {
  const cyrillic = /\p{Script=Cyrillic}/u;
  const latin = /\p{Script=Latin}/u;
  return (cyrillic.test(expected) && latin.test(typed)) || (latin.test(expected) && cyrillic.test(typed));
}
