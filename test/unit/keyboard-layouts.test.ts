import { describe, expect, it } from 'vitest';
import { charOf, keyFor, keyboardRows, otherLayoutMistake } from '../../core/contract';

describe('the Kyrgyz keyboards of keyboard practice', () => {
  it('on Windows’ Kyrgyz keyboard, types ң ө ү with the right Alt key and н о у, capitals with Shift too', () => {
    for (const [letter, base] of [['ң', 'н'], ['ө', 'о'], ['ү', 'у']] as const) {
      const press = keyFor('ky', 'windows', letter);
      expect(press).toMatchObject({ kind: 'key', altgr: true, shift: false });
      expect(charOf('ky', 'windows', { ...(press as Extract<typeof press, { kind: 'key' }>), altgr: false })).toBe(base);
      expect(keyFor('ky', 'windows', letter.toUpperCase())).toMatchObject({ kind: 'key', altgr: true, shift: true });
    }
    // Minus, equals and backslash keep their signs, so a hyphenated word types as on a Russian keyboard.
    expect(charOf('ky', 'windows', keyFor('ky', 'windows', '-')!)).toBe('-');
    expect([...'аты-жөнү'].every((c) => keyFor('ky', 'windows', c) !== null)).toBe(true);
  });

  it('on Linux’s Kyrgyz keyboard, puts ө ң ү on the minus, equals and backslash keys, and the dash on the number pad', () => {
    const top = keyboardRows('ky', 'linux')[0]!;
    expect(top.slice(-2).map((k) => k.base)).toEqual(['ө', 'ң']);
    expect(keyboardRows('ky', 'linux')[1]!.at(-1)!.base).toBe('ү');
    expect(keyFor('ky', 'linux', 'ө')).toEqual({ kind: 'key', row: 0, column: 11, shift: false, altgr: false });
    expect(keyFor('ky', 'linux', '-')).toEqual({ kind: 'numpad-minus' });
    expect([...'аты-жөнү'].every((c) => keyFor('ky', 'linux', c) !== null)).toBe(true);
  });

  it('recognises a learner pressing the other keyboard’s key: "-" for ө on Windows, "ө" for a dash on Linux', () => {
    expect(otherLayoutMistake('ky', 'windows', 'ө', '-')).toMatchObject({ kind: 'key', altgr: true });
    expect(otherLayoutMistake('ky', 'windows', 'ң', '=')).toMatchObject({ kind: 'key', altgr: true });
    expect(otherLayoutMistake('ky', 'windows', 'ү', '\\')).toMatchObject({ kind: 'key', altgr: true });
    expect(otherLayoutMistake('ky', 'linux', '-', 'ө')).toEqual({ kind: 'numpad-minus' });
    expect(otherLayoutMistake('ky', 'linux', 'ө', 'о')).toMatchObject({ kind: 'key', row: 0, column: 11 });
    // A plain wrong letter is not a keyboard mix-up.
    expect(otherLayoutMistake('ky', 'windows', 'ө', 'а')).toBeNull();
    expect(otherLayoutMistake('ru', 'windows', 'а', 'б')).toBeNull();
  });
});
