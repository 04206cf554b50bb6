/**
 * Names of the performance marks a screen sets once its content is first on screen and the page
 * can take input (see painted-mark.ts). `npm run bench` (bench/renderer.ts) reads them in the page
 * against the same marks set by static HTML pages of the same content; anyone profiling can too.
 */
export const PAINTED_MARKS = { picker: 'ayil:picker-painted', courses: 'ayil:courses-painted', lesson: 'ayil:lesson-painted' } as const;
