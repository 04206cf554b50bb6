import fs from 'node:fs';
import path from 'node:path';
import type { Language, StepAnswer } from '../../core/contract';
import { ManifestSchema, type Manifest } from '../../core/packs/manifest';
import { correctAnswer } from '../../authoring/answers';
import { loadPackSourceForBuild, type PackSource } from '../../authoring/source/load-source';
import { REPO_ROOT } from './paths';

export const SOURCES_DIR = path.join(REPO_ROOT, 'content-packs');

/** Every bundled pack's source folder. */
export function bundledSourceDirs(): string[] {
  return fs
    .readdirSync(SOURCES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(SOURCES_DIR, e.name, 'pack.yaml')))
    .map((e) => path.join(SOURCES_DIR, e.name))
    .sort();
}

/** A bundled pack's source, as the content tools read it. */
export function bundledSource(id: string): PackSource {
  return loadPackSourceForBuild(path.join(SOURCES_DIR, id));
}

/**
 * A bundled pack's manifest as the pack tool assembles it from the sources (files aside), so
 * tests read every text and answer from the same place the pack is built from.
 */
export function bundledManifest(id: string): Manifest {
  return ManifestSchema.parse({ ...bundledSource(id).input.manifest, format: 2, files: fileEntries(bundledSource(id)) });
}

function fileEntries(source: PackSource): Manifest['files'] {
  // Sizes and hashes do not matter to a test reading texts; the paths must be listed for the schema.
  return [...source.files.keys()].map((p) => ({ path: p, size: 0, sha256: '0'.repeat(64) }));
}

/** Submits one step: through a core's dispatch or over HTTP, as the test has it. */
export type SubmitStep = (input: { packId: string; lessonId: string; stepId: string; answer?: StepAnswer }) => Promise<{ lessonCompleted: boolean; courseCompleted: boolean; certified: boolean }>;

/**
 * Completes every lesson of a bundled course as a learner who answers everything right (answers
 * read from the sources); answers the last step's outcome.
 */
export async function completeBundledCourse(submit: SubmitStep, packId: string, courseId: string, language: Language = 'ky') {
  const source = bundledSource(packId);
  const course = source.courses.find((c) => c.id === courseId)!;
  let last: Awaited<ReturnType<SubmitStep>> | null = null;
  for (const lesson of course.lessons) {
    for (const step of lesson.def.steps) {
      const answer = correctAnswer(step, language, source.header.defaultLanguage);
      last = await submit({ packId, lessonId: lesson.id, stepId: step.id, ...(answer ? { answer } : {}) });
    }
  }
  return last!;
}
