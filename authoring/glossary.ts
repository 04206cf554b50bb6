import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../core/contract';
import { SourceError } from './problems';
import { readYamlFile, type YamlFile } from './source/yaml-file';
import { problemsFromIssues } from './source/zod-problems';

/**
 * One glossary for the interface and the lessons (content-packs/glossary.yaml): for each thing a
 * learner or librarian meets, the word to use in each language and the words not to use. Lint
 * checks the packs against it and a test checks the interface's catalogues.
 */
const UsageSchema = z.strictObject({
  use: z.string().min(1),
  /** Word beginnings not to use (they match any ending: `кликн` finds «кликните»). */
  avoid: z.array(z.string().min(2)).default([]),
  /** Phrases where an avoided word is right after all (e.g. «интернет-пакет», a mobile data bundle). */
  except: z.array(z.string().min(2)).default([]),
});

const TermSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** What the term means, for writers and translators. */
  note: z.string().optional(),
  ky: UsageSchema,
  ru: UsageSchema,
  en: UsageSchema,
});

export const GlossarySchema = z.strictObject({ terms: z.array(TermSchema).min(1) });
export type Glossary = z.infer<typeof GlossarySchema>;
export type GlossaryTerm = z.infer<typeof TermSchema>;

export const GLOSSARY_FILE = path.join('content-packs', 'glossary.yaml');

export function readGlossary(file: string): { glossary: Glossary; yaml: YamlFile } {
  const yaml = readYamlFile(file);
  const parsed = GlossarySchema.safeParse(yaml.data);
  if (!parsed.success) throw new SourceError(problemsFromIssues(yaml, parsed.error.issues, () => undefined));
  return { glossary: parsed.data, yaml };
}

export interface TermMisuse {
  term: GlossaryTerm;
  /** The word as it stands in the text. */
  found: string;
  /** The word the glossary says to use. */
  use: string;
}

/** Every avoided word in a text of the given language, with the term it should have been. */
export function findMisusedTerms(glossary: Glossary, language: Language, text: string): TermMisuse[] {
  const misuses: TermMisuse[] = [];
  for (const term of glossary.terms) {
    const usage = term[language];
    if (usage.avoid.length === 0) continue;
    let searched = fold(text);
    for (const phrase of usage.except) searched = searched.split(fold(phrase)).join(' '.repeat(phrase.length));
    for (const stem of new Set(usage.avoid.map(fold))) {
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escape(stem)}[\\p{L}\\p{N}-]*`, 'gu');
      for (const match of searched.matchAll(pattern)) {
        misuses.push({ term, found: text.slice(match.index, match.index + match[0].length), use: usage.use });
      }
    }
  }
  return misuses;
}

/** Case and «ё» do not matter when looking for a word; lengths stay the same so positions map back. */
function fold(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const GLOSSARY_LANGUAGES: readonly Language[] = LANGUAGES;
