import fs from 'node:fs';
import path from 'node:path';
import type { Language } from '../../core/contract';
import type { Step } from '../../core';
import type { LessonSource, PackSource } from '../source/load-source';
import { NARRATION_DIR, explainNarrationPath, stepNarrationPath } from '../source/layout';
import { narrationHash } from './narration-hash';
import { indexKey, readNarrationIndex, writeNarrationIndex, type NarrationEntry, type NarrationIndex } from './narration-index';
import { spokenExplanation, spokenText, spokenTranscript } from './spoken-text';
import { inPairs, requireTools, synthesiseFile } from './synthesise';

/**
 * Synthesised narration, made once by content writers and committed (CI never synthesises).
 * espeak-ng speaks ky, ru and en (see synthesise.ts); its voices are robotic, so a person's
 * recording, marked `recording` in the lesson's narration.json, is never replaced.
 */
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
  const made = await synthesiseFile(path.join(lessonDir, job.relative), job.sentences, language);
  return { text: narrationHash(job.sentences.join('\n')), voice: made.voice, ...(job.withCues ? { cues: made.cues } : {}) };
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
