import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { NARRATION_DIR, NARRATION_INDEX } from '../source/layout';

const CueSchema = z.strictObject({ start: z.number().nonnegative(), end: z.number().nonnegative() });

export const NarrationEntrySchema = z.strictObject({
  /** SHA-256 (first 16 hex digits) of the text the file speaks, to tell when the text changed. */
  text: z.string().regex(/^[0-9a-f]{16}$/),
  /** `espeak-ng <voice>` for synthesised speech, `recording` for a person's recording (never replaced). */
  voice: z.string().min(1),
  /** For an audio step: when each sentence of its transcript is spoken, in seconds. */
  cues: z.array(CueSchema).optional(),
});
export type NarrationEntry = z.infer<typeof NarrationEntrySchema>;

/** Keyed by the file's path inside the lesson's narration folder, e.g. `ky/welcome.ogg`. */
export const NarrationIndexSchema = z.record(z.string(), NarrationEntrySchema);
export type NarrationIndex = z.infer<typeof NarrationIndexSchema>;

export function narrationIndexFile(lessonDir: string): string {
  return path.join(lessonDir, NARRATION_DIR, NARRATION_INDEX);
}

/** The lesson's narration index; empty when there is none yet. */
export function readNarrationIndex(lessonDir: string): NarrationIndex {
  const file = narrationIndexFile(lessonDir);
  if (!fs.existsSync(file)) return {};
  return NarrationIndexSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function writeNarrationIndex(lessonDir: string, index: NarrationIndex): void {
  const sorted = Object.fromEntries(Object.entries(index).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  fs.mkdirSync(path.join(lessonDir, NARRATION_DIR), { recursive: true });
  fs.writeFileSync(narrationIndexFile(lessonDir), `${JSON.stringify(sorted, null, 2)}\n`);
}

/** The key of a file in the index: its path below the narration folder. */
export function indexKey(lessonRelativePath: string): string {
  return lessonRelativePath.slice(NARRATION_DIR.length + 1);
}
