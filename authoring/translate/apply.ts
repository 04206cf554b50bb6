import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, stringify, type Node } from 'yaml';
import type { Language } from '../../core/contract';
import { sourceTexts } from '../source/texts';
import { parseYamlText, readYamlFile, type YamlFile, type YamlPath } from '../source/yaml-file';
import type { PoEntry } from './po-file';
import { flatten, textKey } from './units';

export interface ApplyResult {
  /** Files written, with how many texts changed in each. */
  changed: Array<{ file: string; texts: number }>;
  /** Entries whose file or key no longer exists. */
  unknown: string[];
  /** Entries whose text to translate changed since the file was exported: not applied. */
  stale: string[];
}

/**
 * Puts translations back into the catalogues and lesson files, changing nothing else: a YAML
 * source is edited in place (only the translated scalars' bytes), so comments, order and layout
 * stay as the writer left them. Empty translations are skipped, never written as empty texts.
 */
export function applyTranslations(entries: readonly PoEntry[], root: string, from: Language, to: Language): ApplyResult {
  const result: ApplyResult = { changed: [], unknown: [], stale: [] };
  const byFile = new Map<string, PoEntry[]>();
  for (const entry of entries) {
    if (entry.target.trim() === '') continue;
    const [file] = entry.context.split('#', 1) as [string];
    byFile.set(file, [...(byFile.get(file) ?? []), entry]);
  }
  for (const [relative, fileEntries] of byFile) {
    const file = path.resolve(root, relative);
    if (!fs.existsSync(file)) {
      result.unknown.push(...fileEntries.map((e) => e.context));
      continue;
    }
    const count = file.endsWith('.json') ? applyToCatalogue(file, fileEntries, from, result) : applyToSource(file, fileEntries, from, to, result);
    if (count > 0) result.changed.push({ file, texts: count });
  }
  return result;
}

function keyOf(entry: PoEntry): string {
  return entry.context.slice(entry.context.indexOf('#') + 1);
}

function applyToCatalogue(file: string, entries: readonly PoEntry[], from: Language, result: ApplyResult): number {
  const catalogue = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const sourceStrings = flatten(JSON.parse(fs.readFileSync(path.join(path.dirname(file), `${from}.json`), 'utf8')) as object);
  let changed = 0;
  for (const entry of entries) {
    const key = keyOf(entry);
    const plural = /_(zero|one|two|few|many|other)$/;
    const source = sourceStrings.get(key) ?? sourceStrings.get(key.replace(plural, '_other')) ?? sourceStrings.get(key.replace(plural, '_one'));
    if (source === undefined) {
      result.unknown.push(entry.context);
      continue;
    }
    if (source !== entry.source) {
      result.stale.push(entry.context);
      continue;
    }
    const parts = key.split('.');
    let holder = catalogue;
    for (const part of parts.slice(0, -1)) {
      if (typeof holder[part] !== 'object' || holder[part] === null) holder[part] = {};
      holder = holder[part] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1]!;
    if (holder[last] === entry.target) continue;
    holder[last] = entry.target;
    changed += 1;
  }
  if (changed > 0) fs.writeFileSync(file, `${JSON.stringify(catalogue, null, 2)}\n`);
  return changed;
}

function applyToSource(file: string, entries: readonly PoEntry[], from: Language, to: Language, result: ApplyResult): number {
  const yaml = readYamlFile(file);
  const texts = new Map([...sourceTexts(yaml)].map((text) => [textKey(text), text]));
  const edits: Array<{ path: YamlPath; value: string }> = [];
  for (const entry of entries) {
    const text = texts.get(keyOf(entry));
    if (!text) {
      result.unknown.push(entry.context);
      continue;
    }
    if (text.versions[from] !== entry.source) {
      result.stale.push(entry.context);
      continue;
    }
    if (text.versions[to] === entry.target) continue;
    edits.push({ path: text.pathOf(to), value: entry.target });
  }
  if (edits.length === 0) return 0;
  const edited = editYaml(yaml, edits);
  checkOnlyEditsChanged(yaml, edited, edits);
  fs.writeFileSync(file, edited);
  return edits.length;
}

/** Applies edits to the text of a YAML file from the end backwards, so earlier offsets stay right. */
export function editYaml(yaml: YamlFile, edits: ReadonlyArray<{ path: YamlPath; value: string }>): string {
  const splices = edits.map((edit) => spliceFor(yaml, edit.path, edit.value)).sort((a, b) => b.at - a.at);
  let text = yaml.text;
  for (const splice of splices) text = text.slice(0, splice.at) + splice.insert + text.slice(splice.at + splice.remove);
  return text;
}

interface Splice {
  at: number;
  remove: number;
  insert: string;
}

function spliceFor(yaml: YamlFile, at: YamlPath, value: string): Splice {
  const node = yaml.nodeAt(at);
  if (node && isScalar(node) && node.range) {
    const [start, end] = node.range;
    const old = yaml.text.slice(start, end);
    let rendered = renderScalar(value, lineIndent(yaml.text, start) + 2, false);
    if (old.endsWith('\n') && !rendered.endsWith('\n')) rendered += '\n';
    return { at: start, remove: end - start, insert: rendered };
  }
  const parent = yaml.nodeAt(at.slice(0, -1));
  const key = String(at[at.length - 1]);
  if (!parent || !isMap(parent) || !parent.range) throw new Error(`cannot place a text at ${at.join('.')} in ${yaml.file}: add it by hand`);
  if (parent.flow) {
    // `{ ky: …, ru: … }`: the new language goes before the closing brace.
    const close = yaml.text.lastIndexOf('}', parent.range[1]);
    return { at: close, remove: 0, insert: `, ${key}: ${renderScalar(value, 0, true)} ` };
  }
  const lastPair = parent.items[parent.items.length - 1]!;
  const firstKey = parent.items[0]!.key as Node;
  const column = firstKey.range![0] - lineStart(yaml.text, firstKey.range![0]);
  const lastValue = (lastPair.value as Node | null)?.range ?? (lastPair.key as Node).range!;
  let insertAt = lastValue[1];
  if (yaml.text[insertAt - 1] !== '\n') {
    const newline = yaml.text.indexOf('\n', insertAt);
    insertAt = newline === -1 ? yaml.text.length : newline + 1;
  }
  const prefix = insertAt === yaml.text.length && !yaml.text.endsWith('\n') ? '\n' : '';
  const rendered = renderScalar(value, column + 2, false);
  return { at: insertAt, remove: 0, insert: `${prefix}${' '.repeat(column)}${key}: ${rendered}${rendered.endsWith('\n') ? '' : '\n'}` };
}

/**
 * A text as a YAML scalar: a literal block (`|`) for several lines, otherwise what the yaml library
 * writes for one line (plain when it can be, quoted when it must be).
 */
function renderScalar(value: string, indent: number, flow: boolean): string {
  const multiline = value.includes('\n');
  if (flow || (multiline && /^[ \t]/.test(value))) return JSON.stringify(value);
  if (!multiline) return stringify(value, { lineWidth: 0 }).trimEnd();
  const trailing = /\n*$/.exec(value)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = value.slice(0, value.length - trailing);
  const pad = ' '.repeat(indent);
  const lines = body.split('\n').map((line) => (line === '' ? '' : pad + line));
  return `|${chomp}\n${lines.join('\n')}\n${'\n'.repeat(Math.max(0, trailing - 1))}`;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineIndent(text: string, offset: number): number {
  const start = lineStart(text, offset);
  return /^ */.exec(text.slice(start))![0].length;
}

/** A check of the editor itself: the edited texts read as intended and nothing else differs. */
function checkOnlyEditsChanged(before: YamlFile, edited: string, edits: ReadonlyArray<{ path: YamlPath; value: string }>): void {
  const after = parseYamlText(before.file, edited);
  const expected = structuredClone(before.data) as Record<string, unknown>;
  for (const edit of edits) {
    let holder: Record<string | number, unknown> = expected;
    for (const key of edit.path.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
    holder[edit.path[edit.path.length - 1]!] = edit.value;
  }
  if (JSON.stringify(sortKeys(after.data)) !== JSON.stringify(sortKeys(expected))) {
    throw new Error(`editing ${before.file} would change more than the translated texts; nothing was written`);
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortKeys(v)]));
}
