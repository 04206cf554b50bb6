// The pack CLI's commands for content writers and translators: lint, stats, narrate, translate.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LanguageSchema, type Language } from '../core/contract';
import { buildPackInto, type Manifest, openPack } from '../core';
import { findMisusedTerms, readGlossary, type Glossary } from '../authoring/glossary';
import { lintPack } from '../authoring/lint/lint-pack';
import { narratePack } from '../authoring/narration/narrate';
import { checkInterfaceNarration, narrateInterface, type InterfaceNarrationPaths } from '../authoring/narration/narrate-interface';
import { countBySeverity, formatProblem, type Problem } from '../authoring/problems';
import { loadPackSource, loadPackSourceForBuild } from '../authoring/source/load-source';
import { PACK_FILE } from '../authoring/source/layout';
import { packStats, totalStats, type PackStats } from '../authoring/stats';
import { applyTranslations } from '../authoring/translate/apply';
import { readPo, writePo } from '../authoring/translate/po-file';
import { findTranslatableFiles, unitsOf, type TranslationUnit } from '../authoring/translate/units';

export interface CommandIo {
  log(s: string): void;
  error(s: string): void;
}

/** The repository: the bundled pack sources, the glossary and the catalogues live here. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_GLOSSARY = path.join(REPO_ROOT, 'content-packs', 'glossary.yaml');
/** What `translate export` takes when given no paths: every interface catalogue and pack source. */
const DEFAULT_TRANSLATABLE = ['renderer/src/i18n/locales', 'collector/locales', 'content-packs'].map((p) => path.join(REPO_ROOT, p));

/** The pack source folders under `content-packs/`, for commands given none. */
export function bundledSources(): string[] {
  const dir = path.join(REPO_ROOT, 'content-packs');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, PACK_FILE)))
    .map((e) => path.join(dir, e.name))
    .sort();
}

export async function lintCommand(sources: string[], options: { previous?: string[]; json?: boolean; strict?: boolean; glossary?: string }, io: CommandIo): Promise<number> {
  const glossary = readGlossary(options.glossary ?? DEFAULT_GLOSSARY).glossary;
  const previous = new Map<string, Manifest>();
  for (const file of options.previous ?? []) {
    const pack = await openPack(path.resolve(file));
    previous.set(pack.manifest.id, pack.manifest);
    pack.close();
  }
  const problems: Problem[] = [];
  for (const dir of sources.length > 0 ? sources.map((s) => path.resolve(s)) : bundledSources()) {
    const load = loadPackSource(dir);
    const found = lintPack(load, { glossary, previous: load.source ? previous.get(load.source.header.id) : undefined });
    problems.push(...(options.strict ? found.map((p) => ({ ...p, severity: 'error' as const })) : found));
  }
  const counts = countBySeverity(problems);
  if (options.json) {
    io.log(JSON.stringify({ errors: counts.error, warnings: counts.warning, problems: problems.map((p) => ({ ...p, file: path.relative(process.cwd(), p.file) })) }, null, 2));
  } else {
    for (const problem of problems) (problem.severity === 'error' ? io.error : io.log)(formatProblem(problem));
    io.log(`${counts.error} error(s), ${counts.warning} warning(s)`);
  }
  return counts.error > 0 ? 1 : 0;
}

export async function statsCommand(inputs: string[], options: { json?: boolean }, io: CommandIo): Promise<number> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-stats-'));
  try {
    const all: PackStats[] = [];
    for (const input of inputs.length > 0 ? inputs.map((i) => path.resolve(i)) : bundledSources()) {
      const { manifest, file } = input.endsWith('.ayilpack') ? { manifest: await manifestOf(input), file: input } : await buildPackInto(loadPackSourceForBuild(input).input, temp);
      all.push(packStats(manifest, fs.statSync(file).size));
    }
    const total = totalStats(all);
    if (options.json) {
      io.log(JSON.stringify({ packs: all, total }, null, 2));
      return 0;
    }
    const languages = [...new Set(all.flatMap((s) => Object.keys(s.narratedSteps)))] as Language[];
    const header = ['pack', 'courses', 'lessons', 'steps', 'interactive', ...languages.map((l) => `narrated ${l}`), 'size'];
    const row = (s: PackStats) => [
      s.id,
      String(s.courses),
      String(s.lessons),
      String(s.steps),
      percent(s.interactiveSteps, s.steps),
      ...languages.map((l) => percent(s.narratedSteps[l] ?? 0, s.steps)),
      `${(s.size / 1024 / 1024).toFixed(1)} MB`,
    ];
    const rows = [header, ...all.map(row), row(total)];
    const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) io.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
    return 0;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

export async function narrateCommand(sources: string[], options: { lang?: string[]; force?: boolean; acceptRecordings?: boolean }, io: CommandIo): Promise<number> {
  const languages = options.lang?.map((l) => LanguageSchema.parse(l));
  for (const dir of sources.length > 0 ? sources.map((s) => path.resolve(s)) : bundledSources()) {
    const load = loadPackSource(dir);
    const errors = load.problems.filter((p) => p.severity === 'error');
    for (const problem of errors) io.error(formatProblem(problem));
    if (!load.source) return 1;
    const result = await narratePack(load.source, { languages, force: options.force, acceptRecordings: options.acceptRecordings, log: io.log });
    io.log(`${path.basename(dir)}: ${result.made} made, ${result.unchanged} unchanged, ${result.recordings} recordings kept, ${result.removed} removed${errors.length > 0 ? `; ${errors.length} lesson problem(s) above: those lessons were skipped` : ''}`);
    if (errors.length > 0) return 1;
  }
  return 0;
}

export function translateExport(paths: string[], options: { to: Language; from: Language; out: string; root?: string; glossary?: string }, io: CommandIo): number {
  const root = path.resolve(options.root ?? REPO_ROOT);
  const files = findTranslatableFiles(paths.length > 0 ? paths.map((p) => path.resolve(p)) : DEFAULT_TRANSLATABLE);
  const units = files.flatMap((file) => unitsOf(file, root, options.from, options.to));
  const glossary = readGlossary(options.glossary ?? DEFAULT_GLOSSARY).glossary;
  fs.writeFileSync(path.resolve(options.out), writePo(units, options.from, options.to, (unit) => glossaryNotes(glossary, unit, options.from, options.to)));
  const missing = units.filter((u) => u.target.trim() === '').length;
  io.log(`Wrote ${units.length} texts from ${files.length} files to ${options.out} (${missing} not yet translated into ${options.to})`);
  return 0;
}

export function translateImport(file: string, options: { to?: Language; from?: Language; root?: string }, io: CommandIo): number {
  const po = readPo(fs.readFileSync(path.resolve(file)));
  const to = options.to ?? LanguageSchema.parse(po.to);
  const from = options.from ?? LanguageSchema.parse(po.from ?? 'en');
  const result = applyTranslations(po.entries, path.resolve(options.root ?? REPO_ROOT), from, to);
  for (const changed of result.changed) io.log(`${path.relative(process.cwd(), changed.file)}: ${changed.texts} text(s) changed`);
  for (const context of result.stale) io.error(`not applied, the text to translate changed since the export: ${context} (export again and translate it anew)`);
  for (const context of result.unknown) io.error(`not applied, no such text any more: ${context}`);
  io.log(`${result.changed.reduce((n, c) => n + c.texts, 0)} text(s) changed in ${result.changed.length} file(s)`);
  return result.stale.length + result.unknown.length > 0 ? 1 : 0;
}

/** The glossary's words that the text uses, with the word to use in the target language. */
function glossaryNotes(glossary: Glossary, unit: TranslationUnit, from: Language, to: Language): string[] {
  const lower = unit.source.toLocaleLowerCase();
  const notes = glossary.terms.filter((term) => lower.includes(term[from].use.toLocaleLowerCase())).map((term) => `glossary: ${term[from].use} → ${term[to].use}`);
  const misused = findMisusedTerms(glossary, to, unit.target).map((m) => `glossary: write «${m.use}», not «${m.found}»`);
  return [...notes, ...misused];
}

async function manifestOf(file: string): Promise<Manifest> {
  const pack = await openPack(file);
  try {
    return pack.manifest;
  } finally {
    pack.close();
  }
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${Math.round((part / whole) * 1000) / 10}%`;
}

/** The interface's spoken texts: the renderer's list, its catalogues, and where the recordings are committed. */
export const INTERFACE_NARRATION: InterfaceNarrationPaths = {
  localesDir: path.join(REPO_ROOT, 'renderer', 'src', 'i18n', 'locales'),
  keysFile: path.join(REPO_ROOT, 'renderer', 'src', 'narration', 'spoken-keys.json'),
  outDir: path.join(REPO_ROOT, 'renderer', 'public', 'narration'),
};

export async function narrateInterfaceCommand(options: { lang?: string[]; force?: boolean; check?: boolean; acceptRecordings?: boolean }, io: CommandIo, paths = INTERFACE_NARRATION): Promise<number> {
  const languages = options.lang?.map((l) => LanguageSchema.parse(l));
  if (options.check) {
    const problems = checkInterfaceNarration(paths, languages);
    for (const p of problems) io.error(`${path.relative(REPO_ROOT, path.join(paths.outDir, p.file))}: ${p.problem === 'missing' ? 'missing' : 'says an older text than the catalogue'}`);
    if (problems.length > 0) io.error(`Run "npm run pack -- narrate-interface" and commit the files.`);
    else io.log('Every spoken interface text has its recording, saying the current text.');
    return problems.length > 0 ? 1 : 0;
  }
  const result = await narrateInterface(paths, { languages, force: options.force, acceptRecordings: options.acceptRecordings, log: io.log });
  io.log(`interface: ${result.made} made, ${result.unchanged} unchanged, ${result.recordings} recordings kept, ${result.removed} removed`);
  return 0;
}
