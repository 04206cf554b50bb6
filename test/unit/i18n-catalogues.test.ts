import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AVATARS, ERROR_CODES, LANGUAGES } from '../../core/contract';
import { REPO_ROOT } from '../support/paths';

import { catalogues as assembled } from '../../renderer/src/i18n/catalogues';

/** Each language's catalogue as the app assembles it. */
const catalogues = assembled as Record<string, object>;
const en = catalogues.en!;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function leaves(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? leaves(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** Keys as the code uses them: plural forms folded into their base key. */
function baseKeys(catalogue: object): Set<string> {
  return new Set(leaves(catalogue).map((key) => key.replace(PLURAL_SUFFIX, '')));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('translation catalogues', () => {
  it('have exactly the same keys in ky, ru and en', () => {
    const reference = [...baseKeys(en)].sort();
    for (const language of LANGUAGES) expect([...baseKeys(catalogues[language]!)].sort(), language).toEqual(reference);
  });

  it('have no empty strings', () => {
    for (const language of LANGUAGES) {
      const flat = leaves(catalogues[language]!);
      for (const key of flat) {
        const value = key.split('.').reduce<any>((node, part) => node[part], catalogues[language]);
        expect(String(value).trim(), `${language}: ${key}`).not.toBe('');
      }
    }
  });

  it('give every plural key each form its language needs (Russian: one, few, many, other)', () => {
    for (const language of LANGUAGES) {
      const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const keys = leaves(catalogues[language]!);
      const plurals = new Set(keys.filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')));
      for (const base of plurals) {
        for (const form of needed) expect(keys, `${language}: ${base}_${form}`).toContain(`${base}_${form}`);
      }
    }
    expect(new Intl.PluralRules('ru').resolvedOptions().pluralCategories).toEqual(expect.arrayContaining(['one', 'few', 'many', 'other']));
  });

  it('translate every key the interface uses', () => {
    const keys = baseKeys(en);
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(REPO_ROOT, 'renderer', 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    for (const key of used) expect(keys, key).toContain(key);
  });

  it('translate every error code core can return and every avatar name', () => {
    const keys = baseKeys(en);
    for (const code of ERROR_CODES) expect(keys, code).toContain(`errors.${code}`);
    for (const avatar of AVATARS) expect(keys, avatar).toContain(`avatar.${avatar}`);
  });
});
