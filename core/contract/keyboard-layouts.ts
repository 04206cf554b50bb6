import { z } from 'zod';
import type { Language } from './languages';

/**
 * The keyboards learners type on, drawn by the keyboard practice and checked by the content lint
 * (every practice text must be typeable). Kyrgyz has two layouts in use, and a learner taught the
 * wrong one is stuck, so the site says which one its PCs have:
 *
 * - `windows`: Windows' "Kyrgyz Cyrillic": Russian ЙЦУКЕН, with ң ө ү on the right Alt key
 *   (AltGr) + н, о, у (with Shift for capitals); minus, equals and backslash keep their signs.
 * - `linux`: the Kyrgyz standard layout of 2005 (xkeyboard-config `kg`): ө on the minus key, ң on
 *   equals, ү on backslash; a dash is typed with the number pad's minus key.
 *
 * Russian (ЙЦУКЕН) and English (US QWERTY) are the same on both.
 */
export const KEYBOARD_LAYOUTS = ['windows', 'linux'] as const;
export const KeyboardLayoutSchema = z.enum(KEYBOARD_LAYOUTS);
export type KeyboardLayout = z.infer<typeof KeyboardLayoutSchema>;

/** One key: what it types alone, with Shift, and with the right Alt key (AltGr) alone and with Shift. */
export interface Key {
  base: string;
  shift: string;
  altgr?: string;
  altgrShift?: string;
}

const row = (base: string, shift: string, altgr: Record<string, [string, string]> = {}): Key[] => {
  const shifted = [...shift];
  return [...base].map((b, i) => ({ base: b, shift: shifted[i] ?? b, ...(altgr[b] ? { altgr: altgr[b][0], altgrShift: altgr[b][1] } : {}) }));
};

const RUSSIAN_ROWS = (altgr: Record<string, [string, string]> = {}): Key[][] => [
  row('ё1234567890-=', 'Ё!"№;%:?*()_+', altgr),
  row('йцукенгшщзхъ\\', 'ЙЦУКЕНГШЩЗХЪ/', altgr),
  row('фывапролджэ', 'ФЫВАПРОЛДЖЭ', altgr),
  row('ячсмитьбю.', 'ЯЧСМИТЬБЮ,', altgr),
];

/** The printed rows of the keyboard (top row to bottom, Space apart). */
export function keyboardRows(language: Language, layout: KeyboardLayout): Key[][] {
  switch (language) {
    case 'ru':
      return RUSSIAN_ROWS();
    case 'en':
      return [
        row('`1234567890-=', '~!@#$%^&*()_+'),
        row('qwertyuiop[]\\', 'QWERTYUIOP{}|'),
        row("asdfghjkl;'", 'ASDFGHJKL:"'),
        row('zxcvbnm,./', 'ZXCVBNM<>?'),
      ];
    case 'ky':
      return layout === 'windows'
        ? RUSSIAN_ROWS({ н: ['ң', 'Ң'], о: ['ө', 'Ө'], у: ['ү', 'Ү'] })
        : [row('ё1234567890өң', 'Ё!"№;%:?*()ӨҢ'), row('йцукенгшщзхъү', 'ЙЦУКЕНГШЩЗХЪҮ'), row('фывапролджэ', 'ФЫВАПРОЛДЖЭ'), row('ячсмитьбю.', 'ЯЧСМИТЬБЮ,')];
  }
}

/** How to type one character: a key with the modifiers to hold, Space, or the number pad's minus. */
export type KeyPress = { kind: 'space' } | { kind: 'numpad-minus' } | { kind: 'key'; row: number; column: number; shift: boolean; altgr: boolean };

/** Which key (and which modifiers) type a character; null when this keyboard cannot type it. */
export function keyFor(language: Language, layout: KeyboardLayout, char: string): KeyPress | null {
  if (char === ' ') return { kind: 'space' };
  const rows = keyboardRows(language, layout);
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < rows[r]!.length; c++) {
      const key = rows[r]![c]!;
      if (key.base === char) return { kind: 'key', row: r, column: c, shift: false, altgr: false };
      if (key.shift === char) return { kind: 'key', row: r, column: c, shift: true, altgr: false };
      if (key.altgr === char) return { kind: 'key', row: r, column: c, shift: false, altgr: true };
      if (key.altgrShift === char) return { kind: 'key', row: r, column: c, shift: true, altgr: true };
    }
  }
  // Every PC keyboard has a number pad (or its minus beside the digits on laptops' Fn layer).
  if (char === '-') return { kind: 'numpad-minus' };
  return null;
}

/** What a key press types on a keyboard. */
export function charOf(language: Language, layout: KeyboardLayout, press: KeyPress): string | null {
  if (press.kind === 'space') return ' ';
  if (press.kind === 'numpad-minus') return '-';
  const key = keyboardRows(language, layout)[press.row]?.[press.column];
  if (!key) return null;
  if (press.altgr) return (press.shift ? key.altgrShift : key.altgr) ?? null;
  return press.shift ? key.shift : key.base;
}

/**
 * A learner who learned the other Kyrgyz keyboard presses the key where a letter is there: on
 * Windows' layout, the minus key for ө gives "-". Answers how to type the expected letter on this
 * keyboard when the typed one is what the other layout's key for it gives here; null otherwise.
 */
export function otherLayoutMistake(language: Language, layout: KeyboardLayout, expected: string, typed: string): KeyPress | null {
  const here = keyFor(language, layout, expected);
  const other = keyFor(language, layout === 'windows' ? 'linux' : 'windows', expected);
  if (!here || !other || JSON.stringify(here) === JSON.stringify(other)) return null;
  const typedThere = charOf(language, layout, other.kind === 'key' ? { ...other, altgr: false } : other);
  return typedThere === typed ? here : null;
}

/** True for letters of another script than the text's: a sign the computer's keyboard language is wrong. */
export function otherScript(expected: string, typed: string): boolean {
  const cyrillic = /\p{Script=Cyrillic}/u;
  const latin = /\p{Script=Latin}/u;
  return (cyrillic.test(expected) && latin.test(typed)) || (latin.test(expected) && cyrillic.test(typed));
}
