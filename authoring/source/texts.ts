import { LANGUAGES, type Language } from '../../core/contract';
import type { YamlFile, YamlPath } from './yaml-file';

/** A learner-visible text of a source file: where it stands, and its versions per language. */
export interface SourceText {
  yaml: YamlFile;
  path: YamlPath;
  /** The last key of the path: `body`, `question`, `alt`, `explain` … */
  field: string;
  versions: Partial<Record<Language, string>>;
  /** Where one language's version stands (or would stand) in the file. */
  pathOf(language: Language): YamlPath;
}

/** Maps of languages that are not texts but files. */
const FILE_MAPS = new Set(['narration', 'explainNarration', 'captions', 'tracks']);
/** A practice card's values are the made-up person's data, the same in every language. */
const NOT_TEXT = new Set(['value', 'pattern', 'sample', 'file', 'poster', 'id', 'kind', 'task', 'type', 'correctOptionId', 'correctOptionIds', 'code']);

/**
 * Every text in a source file: any map whose keys are languages. An audio step's transcript
 * (a list of sentences per language) gives one text per sentence.
 */
export function* sourceTexts(yaml: YamlFile, data: unknown = yaml.data, at: YamlPath = []): Generator<SourceText> {
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) yield* sourceTexts(yaml, data[i], [...at, i]);
    return;
  }
  if (typeof data !== 'object' || data === null) return;
  const entries = Object.entries(data as Record<string, unknown>);
  const field = String(at[at.length - 1] ?? '');
  if (entries.length > 0 && entries.every(([key]) => (LANGUAGES as readonly string[]).includes(key))) {
    if (entries.every(([, value]) => typeof value === 'string')) {
      yield { yaml, path: at, field, versions: Object.fromEntries(entries) as Partial<Record<Language, string>>, pathOf: (language) => [...at, language] };
      return;
    }
    if (entries.every(([, value]) => Array.isArray(value))) {
      const longest = Math.max(...entries.map(([, value]) => (value as unknown[]).length));
      for (let i = 0; i < longest; i++) {
        const versions = Object.fromEntries(entries.flatMap(([language, value]) => (typeof (value as unknown[])[i] === 'string' ? [[language, (value as string[])[i]]] : [])));
        yield { yaml, path: [...at, i], field, versions, pathOf: (language) => [...at, language, i] };
      }
      return;
    }
  }
  for (const [key, value] of entries) {
    if (FILE_MAPS.has(key) || NOT_TEXT.has(key)) continue;
    yield* sourceTexts(yaml, value, [...at, key]);
  }
}
