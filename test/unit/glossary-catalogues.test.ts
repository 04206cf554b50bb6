import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMisusedTerms, readGlossary } from '../../authoring/glossary';
import { findTranslatableFiles, flatten } from '../../authoring/translate/units';
import { LANGUAGES } from '../../core/contract';
import { REPO_ROOT } from '../support/paths';

/*
 * The interface speaks the glossary's language: every string of every catalogue (the kiosk's and
 * the collector's) is free of the words the glossary says not to use, in each language.
 */
const { glossary } = readGlossary(path.join(REPO_ROOT, 'content-packs', 'glossary.yaml'));
const catalogues = findTranslatableFiles([path.join(REPO_ROOT, 'renderer/src/i18n/locales'), path.join(REPO_ROOT, 'collector/locales')]).flatMap((f) =>
  f.kind === 'catalogue' ? [f.dir] : [],
);

describe('the interface catalogues follow the glossary', () => {
  it('finds the catalogues', () => {
    expect(catalogues.length).toBeGreaterThanOrEqual(5);
  });

  for (const dir of catalogues) {
    for (const language of LANGUAGES) {
      it(`${path.relative(REPO_ROOT, dir)}/${language}.json uses no word the glossary says to avoid`, () => {
        const strings = flatten(JSON.parse(fs.readFileSync(path.join(dir, `${language}.json`), 'utf8')) as object);
        const misused = [...strings].flatMap(([key, text]) => findMisusedTerms(glossary, language, text).map((m) => `${key}: «${m.found}» → «${m.use}» (${m.term.id})`));
        expect(misused).toEqual([]);
      });
    }
  }

  it('catches an avoided word, whatever its ending or case, and lets its exceptions be', () => {
    expect(findMisusedTerms(glossary, 'ru', 'Кликните по кнопке').map((m) => m.use)).toEqual(['нажать']);
    expect(findMisusedTerms(glossary, 'ky', 'Жаңы пакеттер бар')).toHaveLength(1);
    expect(findMisusedTerms(glossary, 'ky', 'Интернет-пакет сатып алыңыз')).toEqual([]);
    expect(findMisusedTerms(glossary, 'ru', 'Никому не говорите ПИН-код карты')).toEqual([]);
    expect(findMisusedTerms(glossary, 'ru', 'Введите ПИН-код')).toHaveLength(1);
  });
});
