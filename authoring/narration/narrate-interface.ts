import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../../core/contract';
import { narrationHash } from './narration-hash';
import { NarrationIndexSchema, type NarrationIndex } from './narration-index';
import { plainText } from './spoken-text';
import { inPairs, requireTools, synthesiseFile } from './synthesise';

/**
 * Narration of the interface's own texts (the picker, the questions, the lesson's instructions and
 * feedback…): the renderer lists the catalogue keys it lets learners hear; this speaks each, in each
 * language, from the catalogues, into `<out>/<language>/<key>.ogg`, with `<out>/narration.json`
 * keeping a hash of each text. Files are committed and shipped; the build and the tests never
 * synthesise, they only check that each file exists and says the catalogue's current text.
 */
export interface InterfaceNarrationPaths {
  /** renderer/src/i18n/locales: `<language>.json` and `<feature>/<language>.json`. */
  localesDir: string;
  /** The list of spoken keys (renderer/src/narration/spoken-keys.json). */
  keysFile: string;
  /** Where the files go (renderer/public/narration). */
  outDir: string;
}

const EntrySchema = z.union([z.string().min(1), z.strictObject({ key: z.string().min(1), params: z.record(z.string(), z.string()).optional() })]);
export interface SpokenEntry {
  key: string;
  /** Placeholders filled with other catalogue texts, e.g. `{ button: 'lesson.next' }`. */
  params?: Record<string, string>;
}

export const INTERFACE_INDEX = 'narration.json';

export function readSpokenList(keysFile: string): SpokenEntry[] {
  const raw = z.array(EntrySchema).parse(JSON.parse(fs.readFileSync(keysFile, 'utf8')));
  return raw.map((entry) => (typeof entry === 'string' ? { key: entry } : entry));
}

/** Where a key's recording lives below the output folder. */
export function interfaceNarrationPath(language: Language, key: string): string {
  return `${language}/${key}.ogg`;
}

/** A catalogue text as the app assembles catalogues: `player.x` from player/<language>.json, the rest from <language>.json. */
function lookup(localesDir: string, language: Language, key: string): string {
  const [first, ...rest] = key.split('.');
  const feature = path.join(localesDir, first!, `${language}.json`);
  const [file, parts] = fs.existsSync(feature) ? [feature, rest] : [path.join(localesDir, `${language}.json`), [first!, ...rest]];
  const value = parts.reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), JSON.parse(fs.readFileSync(file, 'utf8')));
  if (typeof value !== 'string') throw new Error(`${path.relative(process.cwd(), file)} has no text "${key}" (a spoken key must be a plain text, not a plural)`);
  return value;
}

/** What the recording of a key says in one language: its text, placeholders filled, Markdown marks dropped. */
export function interfaceText(localesDir: string, language: Language, entry: SpokenEntry): string {
  const text = lookup(localesDir, language, entry.key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const param = entry.params?.[name];
    if (!param) throw new Error(`"${entry.key}" needs {{${name}}}: give it in the spoken list as "params": { "${name}": "<catalogue key>" }`);
    return lookup(localesDir, language, param);
  });
  return plainText(text);
}

function readIndex(outDir: string): NarrationIndex {
  const file = path.join(outDir, INTERFACE_INDEX);
  return fs.existsSync(file) ? NarrationIndexSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))) : {};
}

function writeIndex(outDir: string, index: NarrationIndex): void {
  const sorted = Object.fromEntries(Object.entries(index).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, INTERFACE_INDEX), `${JSON.stringify(sorted, null, 2)}\n`);
}

export interface InterfaceNarrationProblem {
  file: string;
  problem: 'missing' | 'outdated';
}

/** Recordings that are missing or say an older text than the catalogue does now. */
export function checkInterfaceNarration(paths: InterfaceNarrationPaths, languages: readonly Language[] = LANGUAGES): InterfaceNarrationProblem[] {
  const index = readIndex(paths.outDir);
  return readSpokenList(paths.keysFile).flatMap((entry) =>
    languages.flatMap((language): InterfaceNarrationProblem[] => {
      const file = interfaceNarrationPath(language, entry.key);
      if (!fs.existsSync(path.join(paths.outDir, file)) || !index[file]) return [{ file, problem: 'missing' }];
      return index[file]!.text === narrationHash(interfaceText(paths.localesDir, language, entry)) ? [] : [{ file, problem: 'outdated' }];
    }),
  );
}

export interface NarrateInterfaceOptions {
  languages?: readonly Language[];
  force?: boolean;
  /** Take recordings (voice "recording") as saying the texts as they are now. */
  acceptRecordings?: boolean;
  log?: (line: string) => void;
}

export async function narrateInterface(paths: InterfaceNarrationPaths, options: NarrateInterfaceOptions = {}): Promise<{ made: number; unchanged: number; recordings: number; removed: number }> {
  await requireTools();
  const languages = options.languages ?? LANGUAGES;
  const index = readIndex(paths.outDir);
  const result = { made: 0, unchanged: 0, recordings: 0, removed: 0 };
  const wanted = new Set<string>();
  const jobs: Array<{ file: string; text: string; language: Language }> = [];
  for (const entry of readSpokenList(paths.keysFile)) {
    for (const language of languages) {
      const file = interfaceNarrationPath(language, entry.key);
      const text = interfaceText(paths.localesDir, language, entry);
      const hash = narrationHash(text);
      wanted.add(file);
      const known = index[file];
      if (known?.voice === 'recording') {
        result.recordings += 1;
        if (options.acceptRecordings) index[file] = { ...known, text: hash };
        continue;
      }
      if (!options.force && known?.text === hash && fs.existsSync(path.join(paths.outDir, file))) {
        result.unchanged += 1;
        continue;
      }
      jobs.push({ file, text, language });
    }
  }
  await inPairs(jobs, async (job) => {
    const made = await synthesiseFile(path.join(paths.outDir, job.file), [job.text], job.language);
    index[job.file] = { text: narrationHash(job.text), voice: made.voice };
    result.made += 1;
    options.log?.(`made ${job.file}`);
  });
  // Keys no longer spoken lose their synthesised files (a person's recording is kept).
  for (const [file, entry] of Object.entries(index)) {
    if (wanted.has(file) || entry.voice === 'recording' || !languages.some((l) => file.startsWith(`${l}/`))) continue;
    fs.rmSync(path.join(paths.outDir, file), { force: true });
    delete index[file];
    result.removed += 1;
    options.log?.(`removed ${file} (no screen says it any more)`);
  }
  writeIndex(paths.outDir, index);
  return result;
}
