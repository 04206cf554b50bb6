import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, GENDERS, LANGUAGES } from '../../core/contract';
import { COLLECTOR_ERROR_CODES } from '../../collector/errors';
import { catalogues, chooseLanguage, translator } from '../../collector/dashboard/i18n';
import { REPO_ROOT } from '../support/paths';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const all = catalogues as Record<string, object>;

function leaves(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? leaves(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}
const baseKeys = (catalogue: object) => new Set(leaves(catalogue).map((key) => key.replace(PLURAL_SUFFIX, '')));
const valueAt = (catalogue: object, key: string) => key.split('.').reduce<any>((node, part) => node?.[part], catalogue);

describe('the dashboard\'s translation catalogues', () => {
  it('have the same keys in en, ru and ky', () => {
    const reference = [...baseKeys(all.en!)].sort();
    expect(reference.length).toBeGreaterThan(100);
    for (const language of LANGUAGES) expect([...baseKeys(all[language]!)].sort(), language).toEqual(reference);
  });

  it('have no empty texts, and Kyrgyz and Russian are not English left in place', () => {
    for (const language of LANGUAGES) {
      for (const key of leaves(all[language]!)) expect(String(valueAt(all[language]!, key)).trim(), `${language}: ${key}`).not.toBe('');
    }
    const english = new Map(leaves(all.en!).map((key) => [key, valueAt(all.en!, key) as string]));
    for (const language of ['ru', 'ky'] as const) {
      const same = leaves(all[language]!).filter((key) => {
        const text = valueAt(all[language]!, key) as string;
        // Age bands such as "18–29" are the same in every language.
        return text === english.get(key) && /[a-z]{3}/i.test(text);
      });
      expect(same, language).toEqual([]);
      const cyrillic = leaves(all[language]!).filter((key) => /[а-яёөүң]/i.test(valueAt(all[language]!, key) as string));
      expect(cyrillic.length / leaves(all[language]!).length, language).toBeGreaterThan(0.9);
    }
  });

  it('give every plural key each form its language needs (Russian: one, few, many, other)', () => {
    for (const language of LANGUAGES) {
      const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const keys = leaves(all[language]!);
      const plurals = new Set(keys.filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')));
      expect(plurals.size, language).toBeGreaterThanOrEqual(6);
      for (const base of plurals) for (const form of needed) expect(keys, `${language}: ${base}_${form}`).toContain(`${base}_${form}`);
    }
  });

  it('pick the right plural form', () => {
    const ru = translator('ru');
    expect([1, 3, 5, 21, 73].map((count) => ru('dashboard.duration.years', { count }))).toEqual(['1 год', '3 года', '5 лет', '21 год', '73 года']);
    expect(ru('upload.stored', { count: 2 })).toBe('Сохранено 2 отправления.');
    expect(ru('upload.duplicates', { count: 11 })).toBe('11 отправлений уже были получены раньше и не учтены повторно.');
    expect(translator('en')('dashboard.summary.sites', { count: 1 })).toBe('1 library');
    expect(translator('ky')('dashboard.summary.sites', { count: 12 })).toBe('12 китепкана');
  });

  it('translate every error code the collector answers with, and every gender and age band', () => {
    for (const language of LANGUAGES) {
      const t = translator(language);
      for (const code of COLLECTOR_ERROR_CODES) {
        expect(t(`errors.${code}`), `${language}: errors.${code}`).not.toBe(`errors.${code}`);
        expect(typeof valueAt(all[language]!, `errors.${code}`), `${language}: errors.${code}`).toBe('string');
      }
      for (const gender of GENDERS) expect(typeof valueAt(all[language]!, `dashboard.gender.${gender}`), gender).toBe('string');
      for (const band of AGE_BANDS) expect(typeof valueAt(all[language]!, `dashboard.ageBand.${band}`), band).toBe('string');
    }
  });

  it('contain every key the dashboard\'s code uses', () => {
    const keys = baseKeys(all.en!);
    const dir = path.join(REPO_ROOT, 'collector', 'dashboard');
    const used = new Set<string>();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const match of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(40);
    for (const key of used) expect(keys, key).toContain(key);
  });
});

describe('choosing the dashboard\'s language', () => {
  it('takes ?lang= first, then the cookie, then Accept-Language, then Russian', () => {
    expect(chooseLanguage('ky', 'en', 'en-GB')).toBe('ky');
    expect(chooseLanguage(undefined, 'en', 'ky')).toBe('en');
    expect(chooseLanguage('de', 'xx', 'ky-KG,ru;q=0.8')).toBe('ky');
    expect(chooseLanguage(undefined, undefined, 'de-DE,de;q=0.9,en;q=0.5,ru;q=0.7')).toBe('ru');
    expect(chooseLanguage(undefined, undefined, 'en;q=0, fr')).toBe('ru');
    expect(chooseLanguage(undefined, undefined, undefined)).toBe('ru');
  });
});
