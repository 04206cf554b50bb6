import type { Language } from '../core/contract';
import type { Manifest, Step } from '../core';

/** Steps where the learner does something (answers, points, types, fills in, ticks), not only reads. */
export const INTERACTIVE_KINDS: ReadonlySet<Step['kind']> = new Set(['single-choice', 'multiple-choice', 'ordering', 'matching', 'mouse', 'keyboard', 'form', 'checklist']);

export interface PackStats {
  id: string;
  version: string;
  courses: number;
  lessons: number;
  steps: number;
  interactiveSteps: number;
  /** Steps that can be heard, per language (an audio step by its track, any other by its narration). */
  narratedSteps: Partial<Record<Language, number>>;
  /** Bytes of the pack file. */
  size: number;
}

export function packStats(manifest: Manifest, size: number): PackStats {
  const steps = manifest.courses.flatMap((c) => c.lessons.flatMap((l) => l.steps));
  const narratedSteps: Partial<Record<Language, number>> = {};
  for (const language of manifest.languages) {
    narratedSteps[language] = steps.filter((step) => (step.kind === 'audio' ? step.tracks[language] : step.narration?.[language]) !== undefined).length;
  }
  return {
    id: manifest.id,
    version: manifest.version,
    courses: manifest.courses.length,
    lessons: manifest.courses.reduce((n, c) => n + c.lessons.length, 0),
    steps: steps.length,
    interactiveSteps: steps.filter((s) => INTERACTIVE_KINDS.has(s.kind)).length,
    narratedSteps,
    size,
  };
}

export function totalStats(all: readonly PackStats[]): PackStats {
  const narratedSteps: Partial<Record<Language, number>> = {};
  for (const stats of all) for (const [language, n] of Object.entries(stats.narratedSteps)) narratedSteps[language as Language] = (narratedSteps[language as Language] ?? 0) + n;
  return {
    id: 'total',
    version: '',
    courses: sum(all, (s) => s.courses),
    lessons: sum(all, (s) => s.lessons),
    steps: sum(all, (s) => s.steps),
    interactiveSteps: sum(all, (s) => s.interactiveSteps),
    narratedSteps,
    size: sum(all, (s) => s.size),
  };
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((n, item) => n + of(item), 0);
}
