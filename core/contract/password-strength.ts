// The one password-strength rule of Ayil: the kiosk's staff passwords (core/staff) and the
// collector's dashboard password (collector/auth.ts) are measured by it. Pure (zxcvbn-ts), so the
// collector, which may import only the contract, uses the kiosk's rule rather than a copy.
// Deliberately NOT exported from ./index: the renderer imports the contract through the index, and
// the dictionaries (over a megabyte) must never reach its bundle; eslint.config.js refuses this
// module to the renderer.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import type { PasswordWeakReason } from './console';

/**
 * zxcvbn's score 3 means its best attack needs at least 10^8 guesses: with the sign-in limits
 * (at most 5 tries an hour per account and address after the first locks) that is thousands of
 * years online, and a stolen database still costs an scrypt per guess.
 */
export const MIN_SCORE = 3;

/**
 * Words people here pick that zxcvbn's English lists do not know: Russian and Kyrgyz for
 * "password", "library", places, and the Russian keyboard's letter rows (йцукен is qwerty).
 */
const LOCAL_WORDS = [
  'пароль', 'parol', 'сырсөз', 'сырсоз', 'китеп', 'китепкана', 'kitep', 'kitepkana', 'библиотека', 'biblioteka',
  'кыргызстан', 'кыргыз', 'kyrgyzstan', 'kyrgyz', 'бишкек', 'bishkek', 'ош', 'нарын', 'каракол', 'талас', 'баткен', 'жалал-абад',
  'айыл', 'ayil', 'администратор', 'админ', 'фасилитатор', 'любовь', 'привет', 'манас', 'ала-тоо',
  'йцукен', 'йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбю', 'qwerty', 'асдфгх',
];

let estimator: ZxcvbnFactory | null = null;

/** Built on first use: the dictionaries take a moment to rank, and most runs never need them. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, local: LOCAL_WORDS },
    graphs: common.adjacencyGraphs,
  });
  return estimator;
}

/** zxcvbn's warning keys (it answers keys when given no translations), by the reason we translate. */
const REASONS: Record<string, PasswordWeakReason> = {
  topTen: 'common',
  topHundred: 'common',
  common: 'common',
  similarToCommon: 'common',
  pwned: 'common',
  straightRow: 'keyboard',
  keyPattern: 'keyboard',
  simpleRepeat: 'repeat',
  extendedRepeat: 'repeat',
  sequences: 'sequence',
  recentYears: 'date',
  dates: 'date',
  wordByItself: 'word',
  namesByThemselves: 'word',
  commonNames: 'word',
  userInputs: 'personal',
};

/**
 * Why a password is too easy to guess, or null when it is strong enough. `personal`: words
 * someone near the account would try first (its name, the site's details, the service's name).
 */
export function passwordWeakness(password: string, personal: readonly string[]): PasswordWeakReason | null {
  const result = zxcvbn().check(password, personal.filter((word) => word.trim() !== ''));
  if (result.score >= MIN_SCORE) return null;
  return REASONS[result.feedback.warning ?? ''] ?? 'guessable';
}
