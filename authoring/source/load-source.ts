import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ContentIdSchema, type Language } from '../../core/contract';
import { CourseSchema, type LessonDef, LessonSchema, PackHeaderSchema, type PackInput } from '../../core';
import { readNarrationIndex, indexKey, type NarrationIndex } from '../narration/narration-index';
import { SourceError, type Problem } from '../problems';
import { COURSE_FILE, LESSON_FILE, NARRATION_DIR, NARRATION_INDEX, PACK_FILE, explainNarrationPath, stepNarrationPath } from './layout';
import { readYamlFile, type YamlFile, type YamlPath } from './yaml-file';
import { problemsFromIssues } from './zod-problems';

/** Settings of the content checks, per pack (`lint:` in pack.yaml). */
const LintSettingsSchema = z.strictObject({
  /** Learners read with difficulty: sentences longer than this many words are flagged. */
  maxSentenceWords: z.number().int().min(5).max(60).default(20),
});
export type LintSettings = z.infer<typeof LintSettingsSchema>;

const PackYamlSchema = PackHeaderSchema.extend({
  /** Course folders, in the order learners see them. */
  courses: z.array(ContentIdSchema).min(1),
  lint: LintSettingsSchema.default({ maxSentenceWords: 20 }),
});
export type PackHeader = z.infer<typeof PackHeaderSchema>;

const CourseYamlSchema = CourseSchema.omit({ lessons: true }).extend({
  /** Lesson folders, in the order learners take them. */
  lessons: z.array(ContentIdSchema).min(1),
});

/** Where a file of the pack is used: the lesson file and the path of the field naming it. */
export interface FileUse {
  yaml: YamlFile;
  path: YamlPath;
}

export interface LessonSource {
  id: string;
  courseId: string;
  dir: string;
  yaml: YamlFile;
  /** The lesson as the manifest has it: file paths inside the pack, narration attached. */
  def: LessonDef;
  narrationIndex: NarrationIndex;
}

export interface CourseSource {
  id: string;
  dir: string;
  yaml: YamlFile;
  certifying: boolean;
  lessons: LessonSource[];
}

export interface PackSource {
  dir: string;
  yaml: YamlFile;
  header: PackHeader;
  lint: LintSettings;
  courses: CourseSource[];
  /** Files that go into the pack, by their name inside it. */
  files: Map<string, { file: string; uses: FileUse[] }>;
  /** Files in the source folder that nothing uses (they are not packed). */
  unusedFiles: string[];
  /** What the pack builder takes. */
  input: PackInput;
}

export interface LoadResult {
  /** Null when the pack file itself could not be read; otherwise every lesson that could be. */
  source: PackSource | null;
  problems: Problem[];
}

/** Reads a pack's source folder: every file is read and checked, and every problem is kept. */
export function loadPackSource(dir: string): LoadResult {
  const problems: Problem[] = [];
  const packDir = path.resolve(dir);
  const packYaml = attempt(() => readYamlFile(path.join(packDir, PACK_FILE)), problems);
  if (!packYaml) return { source: null, problems };
  const parsedPack = PackYamlSchema.safeParse(packYaml.data);
  if (!parsedPack.success) {
    problems.push(...problemsFromIssues(packYaml, parsedPack.error.issues, () => undefined));
    return { source: null, problems };
  }
  const { courses: courseIds, lint, ...header } = parsedPack.data;
  if (!header.languages.includes(header.defaultLanguage)) {
    problems.push(problemAt(packYaml, ['defaultLanguage'], 'schema', 'the default language is not among `languages`', 'add it to `languages`, or choose one of them'));
  }
  const files = new Map<string, { file: string; uses: FileUse[] }>();
  const courses: CourseSource[] = [];
  courseIds.forEach((courseId, c) => {
    const course = loadCourse(packDir, courseId, packYaml, ['courses', c], header.languages, files, problems);
    if (course) courses.push(course);
  });
  checkDuplicates(packYaml, courseIds, ['courses'], 'course', problems);
  // A lesson that could not be read uses nothing yet: its files are not reported as unused.
  const unreadable = listedLessonDirs(packDir, courseIds).filter((dir) => !courses.some((c) => c.lessons.some((l) => l.dir === dir)));
  const unusedFiles = listSourceFiles(packDir, problems).filter(
    (file) => !isSourceFile(file) && !files.has(packName(packDir, file)) && !unreadable.some((dir) => file.startsWith(dir + path.sep)),
  );

  const manifest = {
    ...header,
    courses: courses.map((course) => {
      const { lessons: _, ...fields } = CourseYamlSchema.parse(course.yaml.data);
      return { ...fields, lessons: course.lessons.map((lesson) => lesson.def) };
    }),
  };
  const input: PackInput = { manifest, files: [...files].map(([name, { file }]) => ({ name, file })) };
  return { source: { dir: packDir, yaml: packYaml, header, lint, courses, files, unusedFiles, input }, problems };
}

/** Loads a pack source for building: any error stops the build, with every problem named. */
export function loadPackSourceForBuild(dir: string): PackSource {
  const { source, problems } = loadPackSource(dir);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!source || errors.length > 0) throw new SourceError(errors);
  return source;
}

function loadCourse(
  packDir: string,
  courseId: string,
  packYaml: YamlFile,
  listedAt: YamlPath,
  languages: readonly Language[],
  files: PackSource['files'],
  problems: Problem[],
): CourseSource | null {
  const dir = path.join(packDir, courseId);
  if (!fs.existsSync(path.join(dir, COURSE_FILE))) {
    problems.push(problemAt(packYaml, listedAt, 'course-missing', `the course folder \`${courseId}/\` has no ${COURSE_FILE}`, `create \`${courseId}/${COURSE_FILE}\`, or remove \`${courseId}\` from \`courses\``));
    return null;
  }
  const yaml = attempt(() => readYamlFile(path.join(dir, COURSE_FILE)), problems);
  if (!yaml) return null;
  const parsed = CourseYamlSchema.safeParse(yaml.data);
  if (!parsed.success) {
    problems.push(...problemsFromIssues(yaml, parsed.error.issues, () => undefined));
    return null;
  }
  if (parsed.data.id !== courseId) {
    problems.push(problemAt(yaml, ['id'], 'id-folder', `the course id \`${parsed.data.id}\` differs from its folder name \`${courseId}\``, 'give the folder the same name as the id (and never change the id of a published course)'));
  }
  checkDuplicates(yaml, parsed.data.lessons, ['lessons'], 'lesson', problems);
  const lessons: LessonSource[] = [];
  parsed.data.lessons.forEach((lessonId, l) => {
    const lesson = loadLesson(packDir, courseId, lessonId, yaml, ['lessons', l], languages, files, problems);
    if (lesson) lessons.push(lesson);
  });
  return { id: courseId, dir, yaml, certifying: parsed.data.certifying, lessons };
}

function loadLesson(
  packDir: string,
  courseId: string,
  lessonId: string,
  courseYaml: YamlFile,
  listedAt: YamlPath,
  languages: readonly Language[],
  files: PackSource['files'],
  problems: Problem[],
): LessonSource | null {
  const dir = path.join(packDir, courseId, lessonId);
  if (!fs.existsSync(path.join(dir, LESSON_FILE))) {
    problems.push(problemAt(courseYaml, listedAt, 'lesson-missing', `the lesson folder \`${lessonId}/\` has no ${LESSON_FILE}`, `create \`${courseId}/${lessonId}/${LESSON_FILE}\`, or remove \`${lessonId}\` from \`lessons\``));
    return null;
  }
  const yaml = attempt(() => readYamlFile(path.join(dir, LESSON_FILE)), problems);
  if (!yaml) return null;
  let narrationIndex: NarrationIndex = {};
  try {
    narrationIndex = readNarrationIndex(dir);
  } catch {
    problems.push({ rule: 'narration-index', severity: 'error', file: path.join(dir, NARRATION_DIR, NARRATION_INDEX), message: 'this file is damaged', fix: 'delete it and run `npm run pack -- narrate` again' });
  }
  const before = problems.length;
  const prepared = prepareLesson(yaml, { packDir, dir, languages, files, narrationIndex, problems });
  const parsed = LessonSchema.safeParse(prepared);
  if (!parsed.success) {
    problems.push(...problemsFromIssues(yaml, parsed.error.issues, (p) => stepKindAt(yaml.data, p)));
    return null;
  }
  if (parsed.data.id !== lessonId) {
    problems.push(problemAt(yaml, ['id'], 'id-folder', `the lesson id \`${parsed.data.id}\` differs from its folder name \`${lessonId}\``, 'give the folder the same name as the id (and never change the id of a published lesson)'));
  }
  if (problems.length > before && problems.slice(before).some((p) => p.severity === 'error')) return null;
  return { id: lessonId, courseId, dir, yaml, def: parsed.data, narrationIndex };
}

interface LessonContext {
  packDir: string;
  dir: string;
  languages: readonly Language[];
  files: PackSource['files'];
  narrationIndex: NarrationIndex;
  problems: Problem[];
}

/**
 * The lesson as the manifest wants it: file names made relative to the pack, narration from the
 * lesson's narration folder attached to each step (and to each explained option).
 */
function prepareLesson(yaml: YamlFile, ctx: LessonContext): unknown {
  const data = structuredClone(yaml.data) as Record<string, unknown> | null;
  if (!isObject(data) || !Array.isArray(data.steps)) return data;
  data.steps.forEach((step: unknown, s: number) => {
    if (!isObject(step) || typeof step.id !== 'string') return;
    const at: YamlPath = ['steps', s];
    if ('narration' in step) {
      ctx.problems.push(problemAt(yaml, [...at, 'narration'], 'narration-by-hand', 'narration is not written in the lesson file', 'remove `narration:`; put recordings in the lesson\'s narration folder, or run `npm run pack -- narrate`'));
      delete step.narration;
    }
    const useFile = (field: YamlPath, holder: Record<string, unknown>, key: string) => {
      const value = holder[key];
      if (typeof value === 'string') holder[key] = useLessonFile(yaml, [...at, ...field], value, ctx);
    };
    switch (step.kind) {
      case 'image':
        useFile(['file'], step, 'file');
        break;
      case 'video':
        useFile(['file'], step, 'file');
        useFile(['poster'], step, 'poster');
        if (isObject(step.captions)) for (const language of Object.keys(step.captions)) useFile(['captions', language], step.captions, language);
        break;
      case 'audio':
        if (isObject(step.tracks)) {
          for (const [language, track] of Object.entries(step.tracks)) if (isObject(track)) useFile(['tracks', language, 'file'], track, 'file');
        } else {
          step.tracks = narrationTracks(step.id, ctx);
        }
        return;
      case 'single-choice':
      case 'multiple-choice':
        if (Array.isArray(step.options)) {
          for (const option of step.options) {
            if (!isObject(option) || typeof option.id !== 'string') continue;
            const found = narrationFor((language) => explainNarrationPath(language, step.id as string, option.id as string), ctx);
            if (found) option.explainNarration = found;
          }
        }
        break;
    }
    const narration = narrationFor((language) => stepNarrationPath(language, step.id as string), ctx);
    if (narration) step.narration = narration;
  });
  return data;
}

/** A file a lesson names, relative to its folder: checked, recorded as used, named as in the pack. */
function useLessonFile(yaml: YamlFile, at: YamlPath, relative: string, ctx: LessonContext): string {
  const absolute = path.resolve(ctx.dir, relative);
  const name = packName(ctx.packDir, absolute);
  if (name.startsWith('../') || path.isAbsolute(relative)) {
    ctx.problems.push(problemAt(yaml, at, 'file-outside', `\`${relative}\` is outside the pack's folder`, 'put the file beside the lesson and name it without folders'));
    return relative;
  }
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isFile()) {
    ctx.problems.push(problemAt(yaml, at, 'file-missing', `the file \`${relative}\` is not in the lesson's folder`, `put it in \`${path.relative(ctx.packDir, ctx.dir)}/\`, or correct the name (letter case counts)`));
    return name;
  }
  const entry = ctx.files.get(name) ?? { file: absolute, uses: [] };
  entry.uses.push({ yaml, path: at });
  ctx.files.set(name, entry);
  return name;
}

/** The narration files present for each language, as pack names; null when there is none. */
function narrationFor(relativeOf: (language: Language) => string, ctx: LessonContext): Partial<Record<Language, string>> | null {
  const found: Partial<Record<Language, string>> = {};
  for (const language of ctx.languages) {
    const absolute = path.join(ctx.dir, relativeOf(language));
    if (!fs.existsSync(absolute)) continue;
    const name = packName(ctx.packDir, absolute);
    ctx.files.set(name, { file: absolute, uses: [] });
    found[language] = name;
  }
  return Object.keys(found).length > 0 ? found : null;
}

/** An audio step's tracks are its narration files, with the cues `pack narrate` measured. */
function narrationTracks(stepId: string, ctx: LessonContext): Record<string, { file: string; cues?: Array<{ start: number; end: number }> }> {
  const tracks: Record<string, { file: string; cues?: Array<{ start: number; end: number }> }> = {};
  const files = narrationFor((language) => stepNarrationPath(language, stepId), ctx) ?? {};
  for (const [language, name] of Object.entries(files)) {
    const cues = ctx.narrationIndex[indexKey(stepNarrationPath(language, stepId))]?.cues;
    tracks[language] = { file: name, ...(cues ? { cues } : {}) };
  }
  return tracks;
}

/** The folders of every lesson the courses list, read or not. */
function listedLessonDirs(packDir: string, courseIds: readonly string[]): string[] {
  return courseIds.flatMap((courseId) => {
    const data = (() => {
      try {
        return readYamlFile(path.join(packDir, courseId, COURSE_FILE)).data as { lessons?: unknown };
      } catch {
        return {};
      }
    })();
    return Array.isArray(data.lessons) ? data.lessons.filter((l): l is string => typeof l === 'string').map((l) => path.join(packDir, courseId, l)) : [];
  });
}

function checkDuplicates(yaml: YamlFile, ids: readonly string[], at: YamlPath, what: string, problems: Problem[]): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) problems.push(problemAt(yaml, [...at, i], 'id-duplicate', `the ${what} \`${id}\` is listed twice`, 'list each once'));
    seen.add(id);
  });
}

/** Every file in the pack's source folder (hidden files and the OS's own aside). */
function listSourceFiles(dir: string, problems: Problem[]): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || /^(thumbs\.db|desktop\.ini)$/i.test(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      problems.push({ rule: 'file-symlink', severity: 'error', file: full, message: 'this is a link to another file, which packs cannot carry', fix: 'copy the file itself here' });
      return [];
    }
    return entry.isDirectory() ? listSourceFiles(full, problems) : [full];
  });
}

function isSourceFile(file: string): boolean {
  return [PACK_FILE, COURSE_FILE, LESSON_FILE, NARRATION_INDEX].includes(path.basename(file));
}

/** A file's name inside the pack: its path below the pack's source folder, with `/`. */
export function packName(packDir: string, file: string): string {
  return path.relative(packDir, file).split(path.sep).join('/');
}

export function problemAt(yaml: YamlFile, at: YamlPath, rule: string, message: string, fix: string, severity: Problem['severity'] = 'error'): Problem {
  return { rule, severity, file: yaml.file, line: yaml.lineOf(at), message, fix };
}

function stepKindAt(data: unknown, at: YamlPath): string | undefined {
  if (at[0] !== 'steps' || typeof at[1] !== 'number' || !isObject(data) || !Array.isArray(data.steps)) return undefined;
  const step: unknown = data.steps[at[1]];
  return isObject(step) && typeof step.kind === 'string' ? step.kind : undefined;
}

function attempt<T>(read: () => T, problems: Problem[]): T | null {
  try {
    return read();
  } catch (error) {
    if (error instanceof SourceError) {
      problems.push(...error.problems);
      return null;
    }
    throw error;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
