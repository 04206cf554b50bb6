import fs from 'node:fs';
import path from 'node:path';
import type { Language } from '../../core/contract';
import { sourceTexts, type SourceText } from '../source/texts';
import { readYamlFile } from '../source/yaml-file';

/**
 * One translatable text: a stable context (file and key, never a line number), the text in the
 * language translated from, and the text in the language translated into (empty when missing).
 */
export interface TranslationUnit {
  /** `<file relative to the root>#<key>`: the same for a text however the file around it changes. */
  context: string;
  source: string;
  target: string;
  /** `file:line`, for the translator's tool to show. */
  reference: string;
  /** The text in the other languages, as a help to the translator. */
  others: Partial<Record<Language, string>>;
}

/** A translatable file: a UI catalogue (`<dir>/<lang>.json`) or a pack source (`*.yaml`). */
export type TranslatableFile = { kind: 'catalogue'; dir: string } | { kind: 'source'; file: string };

const LANGUAGES_IN_CATALOGUES: readonly Language[] = ['en', 'ru', 'ky'];
const SOURCE_FILES = new Set(['pack.yaml', 'course.yaml', 'lesson.yaml']);

/** Every catalogue folder and pack source file below the given paths. */
export function findTranslatableFiles(paths: readonly string[]): TranslatableFile[] {
  const found: TranslatableFile[] = [];
  const visit = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isFile()) {
      if (SOURCE_FILES.has(path.basename(p))) found.push({ kind: 'source', file: p });
      return;
    }
    const entries = fs.readdirSync(p, { withFileTypes: true }).filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules');
    if (LANGUAGES_IN_CATALOGUES.every((l) => entries.some((e) => e.isFile() && e.name === `${l}.json`))) found.push({ kind: 'catalogue', dir: p });
    for (const entry of entries) {
      if (entry.isDirectory() || SOURCE_FILES.has(entry.name)) visit(path.join(p, entry.name));
    }
  };
  for (const p of paths) visit(p);
  return found.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

function keyOf(file: TranslatableFile): string {
  return file.kind === 'catalogue' ? file.dir : file.file;
}

export function unitsOf(file: TranslatableFile, root: string, from: Language, to: Language): TranslationUnit[] {
  return file.kind === 'catalogue' ? catalogueUnits(file.dir, root, from, to) : sourceUnits(file.file, root, from, to);
}

/** A pack source's texts, keyed by the ids around them (a step moved in its lesson keeps its key). */
export function sourceUnits(file: string, root: string, from: Language, to: Language): TranslationUnit[] {
  const yaml = readYamlFile(file);
  const relative = toPosix(path.relative(root, file));
  return [...sourceTexts(yaml)].flatMap((text) => {
    const source = text.versions[from];
    if (source === undefined || source.trim() === '') return [];
    return [
      {
        context: `${relative}#${textKey(text)}`,
        source,
        target: text.versions[to] ?? '',
        reference: `${relative}:${yaml.lineOf(text.pathOf(to))}`,
        others: Object.fromEntries(Object.entries(text.versions).filter(([l]) => l !== from && l !== to)),
      },
    ];
  });
}

/** `steps[which-part].options[mouse].text`: ids where the list items have them, indexes otherwise. */
export function textKey(text: SourceText): string {
  let data: unknown = text.yaml.data;
  const parts: string[] = [];
  for (const segment of text.path) {
    if (typeof segment === 'number' && Array.isArray(data)) {
      const item: unknown = data[segment];
      const id = typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : String(segment);
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''}[${id}]`;
      data = item;
    } else {
      parts.push(String(segment));
      data = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[String(segment)] : undefined;
    }
  }
  return parts.join('.');
}

/** A catalogue's strings; plural keys follow the target language's plural forms. */
export function catalogueUnits(dir: string, root: string, from: Language, to: Language): TranslationUnit[] {
  const relative = toPosix(path.relative(root, dir));
  const read = (language: Language) => flatten(JSON.parse(fs.readFileSync(path.join(dir, `${language}.json`), 'utf8')) as object);
  const sourceStrings = read(from);
  const targetStrings = read(to);
  const others = LANGUAGES_IN_CATALOGUES.filter((l) => l !== from && l !== to).map((l) => [l, read(l)] as const);
  return targetKeys(sourceStrings, targetStrings, to).flatMap((key) => {
    const source = sourceStrings.get(key) ?? sourceStrings.get(pluralSibling(key, 'other')) ?? sourceStrings.get(pluralSibling(key, 'one'));
    if (source === undefined) return [];
    return [
      {
        context: `${relative}/${to}.json#${key}`,
        source,
        target: targetStrings.get(key) ?? '',
        reference: `${relative}/${to}.json`,
        others: Object.fromEntries(others.flatMap(([l, strings]) => (strings.has(key) ? [[l, strings.get(key)!]] : []))),
      },
    ];
  });
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** The keys the target language needs: the source's, with each plural in the target's own forms. */
function targetKeys(source: Map<string, string>, target: Map<string, string>, to: Language): string[] {
  const forms = new Intl.PluralRules(to).resolvedOptions().pluralCategories;
  const keys: string[] = [];
  const seen = new Set<string>();
  const add = (key: string) => {
    if (!seen.has(key)) keys.push(key);
    seen.add(key);
  };
  for (const key of [...source.keys(), ...target.keys()]) {
    if (!PLURAL.test(key)) {
      if (source.has(key)) add(key);
      continue;
    }
    const base = key.replace(PLURAL, '');
    for (const form of forms) add(`${base}_${form}`);
  }
  return keys;
}

function pluralSibling(key: string, form: string): string {
  return PLURAL.test(key) ? key.replace(PLURAL, `_${form}`) : key;
}

/** Nested catalogue objects as dotted keys, in file order. */
export function flatten(object: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else if (typeof value === 'object' && value !== null) for (const [k, v] of flatten(value as object, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
