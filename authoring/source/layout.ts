/**
 * Where things are in a pack's source folder (docs/authoring.md):
 *
 *   <pack>/pack.yaml                       the pack: id, version, languages, titles, course order
 *   <pack>/<course>/course.yaml            a course: titles, whether it certifies, lesson order
 *   <pack>/<course>/<lesson>/lesson.yaml   a lesson: its steps, every text in ky, ru and en
 *   <pack>/<course>/<lesson>/*.svg …       the pictures, sound and video the lesson uses
 *   <pack>/<course>/<lesson>/narration/    spoken texts, made by `pack narrate` or recorded
 */
export const PACK_FILE = 'pack.yaml';
export const COURSE_FILE = 'course.yaml';
export const LESSON_FILE = 'lesson.yaml';
export const NARRATION_DIR = 'narration';
/** What `pack narrate` knows of each recording: the text it speaks (by hash), its voice, its cues. */
export const NARRATION_INDEX = 'narration.json';
export const NARRATION_EXTENSION = '.ogg';

/** A step's narration, relative to the lesson folder. */
export function stepNarrationPath(language: string, stepId: string): string {
  return `${NARRATION_DIR}/${language}/${stepId}${NARRATION_EXTENSION}`;
}

/** The narration of the explanation of one option of a choice step, relative to the lesson folder. */
export function explainNarrationPath(language: string, stepId: string, optionId: string): string {
  return `${NARRATION_DIR}/${language}/explain/${stepId}/${optionId}${NARRATION_EXTENSION}`;
}
