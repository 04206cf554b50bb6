import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Language } from '../../core/contract';
import type { Step } from '../../core/packs/manifest';
import type { LessonSource, PackSource } from '../source/load-source';
import { NARRATION_DIR, explainNarrationPath, stepNarrationPath } from '../source/layout';
import { narrationHash } from './narration-hash';
import { indexKey, readNarrationIndex, writeNarrationIndex, type NarrationEntry, type NarrationIndex } from './narration-index';
import { spokenExplanation, spokenText, spokenTranscript } from './spoken-text';

const run = promisify(execFile);

/**
 * Synthesised narration, made once by content writers and committed (CI never synthesises).
 * espeak-ng speaks ky, ru and en; its voices are robotic, so a person's recording, marked
 * `recording` in the lesson's narration.json, is never replaced.
 */
const VOICES: Record<Language, string> = { ky: 'ky', ru: 'ru', en: 'en-gb' };
/** Words a minute: slower than espeak-ng's 175, for people hearing a computer voice for the first time. */
const SPEED = 140;
/** Pause between the sentences of an audio step, so the cues can light one sentence at a time. */
const SENTENCE_GAP_SECONDS = 0.45;
/** Mono Opus at 16 kbit/s: clear speech, about 2 KB a second, for packs that travel on sticks. */
const ENCODE = ['-ac', '1', '-ar', '16000', '-c:a', 'libopus', '-b:a', '16k', '-application', 'voip', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact'];

export interface NarrateOptions {
  languages?: readonly Language[];
  /** Make every synthesised file again, even when its text did not change. */
  force?: boolean;
  /** Take recordings as they are for the texts as they are now (after re-recording a changed text). */
  acceptRecordings?: boolean;
  log?: (line: string) => void;
}

export interface NarrateResult {
  made: number;
  unchanged: number;
  recordings: number;
  removed: number;
}

interface Job {
  relative: string;
  /** One text, or an audio step's sentences (spoken one by one, with cues). */
  sentences: string[];
  withCues: boolean;
}

export async function narratePack(source: PackSource, options: NarrateOptions = {}): Promise<NarrateResult> {
  await requireTools();
  const languages = options.languages ?? source.header.languages;
  const result: NarrateResult = { made: 0, unchanged: 0, recordings: 0, removed: 0 };
  for (const lesson of source.courses.flatMap((c) => c.lessons)) {
    const index = readNarrationIndex(lesson.dir);
    const wanted = new Set<string>();
    const jobs: Job[] = [];
    for (const language of languages) {
      for (const job of jobsFor(lesson, language)) {
        wanted.add(job.relative);
        const entry = index[indexKey(job.relative)];
        const hash = narrationHash(job.sentences.join('\n'));
        if (entry?.voice === 'recording') {
          result.recordings += 1;
          if (options.acceptRecordings) index[indexKey(job.relative)] = { ...entry, text: hash };
          continue;
        }
        if (!options.force && entry?.text === hash && fs.existsSync(path.join(lesson.dir, job.relative))) {
          result.unchanged += 1;
          continue;
        }
        jobs.push(job);
      }
    }
    await inPairs(jobs, async (job) => {
      const language = job.relative.split('/')[1] as Language;
      index[indexKey(job.relative)] = await synthesise(lesson.dir, job, language);
      result.made += 1;
      options.log?.(`made ${path.relative(source.dir, path.join(lesson.dir, job.relative))}`);
    });
    result.removed += removeLeftovers(lesson.dir, index, wanted, languages, options.log);
    writeNarrationIndex(lesson.dir, index);
  }
  return result;
}

/** What each step of a lesson says in one language, and where it is kept. */
function jobsFor(lesson: LessonSource, language: Language): Job[] {
  return lesson.def.steps.flatMap((step: Step): Job[] => {
    if (step.kind === 'audio') {
      const sentences = spokenTranscript(step, language);
      return sentences.length > 0 ? [{ relative: stepNarrationPath(language, step.id), sentences, withCues: true }] : [];
    }
    const jobs: Job[] = [];
    const text = spokenText(step, language);
    if (text) jobs.push({ relative: stepNarrationPath(language, step.id), sentences: [text], withCues: false });
    if (step.kind === 'single-choice' || step.kind === 'multiple-choice') {
      for (const option of step.options) {
        const explanation = spokenExplanation(option, language);
        if (explanation) jobs.push({ relative: explainNarrationPath(language, step.id, option.id), sentences: [explanation], withCues: false });
      }
    }
    return jobs;
  });
}

async function synthesise(lessonDir: string, job: Job, language: Language): Promise<NarrationEntry> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-narrate-'));
  try {
    const voice = VOICES[language];
    const parts: string[] = [];
    const cues: Array<{ start: number; end: number }> = [];
    let at = 0;
    for (const [i, sentence] of job.sentences.entries()) {
      const textFile = path.join(work, `${i}.txt`);
      const wav = path.join(work, `${i}.wav`);
      fs.writeFileSync(textFile, sentence);
      await run('espeak-ng', ['-v', voice, '-s', String(SPEED), '-b', '1', '-f', textFile, '-w', wav]);
      const seconds = wavSeconds(wav);
      if (i > 0) at += SENTENCE_GAP_SECONDS;
      cues.push({ start: round(at), end: round(at + seconds) });
      at += seconds;
      parts.push(wav);
    }
    const out = path.join(lessonDir, job.relative);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const inputs = parts.flatMap((p) => ['-i', p]);
    // Sentences joined with a pause: each sentence, then silence, except after the last.
    const filter =
      parts.map((_, i) => (i < parts.length - 1 ? `[${i}:a]apad=pad_dur=${SENTENCE_GAP_SECONDS}[p${i}];` : '')).join('') +
      parts.map((_, i) => (i < parts.length - 1 ? `[p${i}]` : `[${i}:a]`)).join('') +
      `concat=n=${parts.length}:v=0:a=1[a]`;
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...inputs, '-filter_complex', filter, '-map', '[a]', ...ENCODE, out]);
    return { text: narrationHash(job.sentences.join('\n')), voice: `espeak-ng ${voice}`, ...(job.withCues ? { cues } : {}) };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Synthesised files no step says any more (a step removed, a text emptied) go; recordings stay. */
function removeLeftovers(lessonDir: string, index: NarrationIndex, wanted: ReadonlySet<string>, languages: readonly Language[], log?: (line: string) => void): number {
  let removed = 0;
  for (const [key, entry] of Object.entries(index)) {
    const relative = `${NARRATION_DIR}/${key}`;
    if (wanted.has(relative) || entry.voice === 'recording' || !languages.some((l) => key.startsWith(`${l}/`))) continue;
    fs.rmSync(path.join(lessonDir, relative), { force: true });
    delete index[key];
    removed += 1;
    log?.(`removed ${relative} (no step says it any more)`);
  }
  return removed;
}

/** The length of a PCM WAV as espeak-ng writes it, from its header. */
function wavSeconds(file: string): number {
  const bytes = fs.readFileSync(file);
  const byteRate = bytes.readUInt32LE(28);
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    // espeak-ng writes 0x7fffffff-ish sizes when streaming; the data then runs to the end of the file.
    if (id === 'data') return Math.min(size, bytes.length - offset - 8) / byteRate;
    offset += 8 + size;
  }
  throw new Error(`${file}: no audio data`);
}

async function requireTools(): Promise<void> {
  for (const [tool, flag] of [['espeak-ng', '--version'], ['ffmpeg', '-version']] as const) {
    try {
      await run(tool, [flag]);
    } catch {
      throw new Error(`${tool} is not installed. On Debian or Ubuntu: sudo apt-get install espeak-ng ffmpeg`);
    }
  }
}

/** Two at a time: the machines content is made on have few cores. */
async function inPairs<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all([worker(), worker()]);
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
