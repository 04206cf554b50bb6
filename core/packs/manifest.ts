import { z } from 'zod';
import {
  AudioStepSchema,
  ChecklistStepSchema,
  ContentIdSchema,
  FormStepSchema,
  ImageStepSchema,
  KeyboardStepSchema,
  LanguageSchema,
  LocalizedTextSchema,
  MatchingStepSchema,
  NarrationSchema,
  MouseStepSchema,
  MultipleChoiceViewSchema,
  OrderingStepSchema,
  SingleChoiceViewSchema,
  TextStepSchema,
  VideoStepSchema,
} from '../contract';

/**
 * The pack manifest (format 2), documented in docs/pack-format.md. Its exact bytes are what the
 * publisher signs; it lists every content file with size and SHA-256, so one signature covers all.
 * Course, lesson and step ids stay stable across versions so learner progress survives updates.
 */
/**
 * An option of a choice step as the pack has it: with an explanation of why it is right or wrong,
 * which the learner hears after answering (part of the answer key, so the player never gets it first).
 */
const ChoiceOptionSchema = z.strictObject({
  id: ContentIdSchema,
  text: LocalizedTextSchema,
  explain: LocalizedTextSchema.optional(),
  explainNarration: NarrationSchema.optional(),
});
export type ChoiceOption = z.infer<typeof ChoiceOptionSchema>;

/** Choice steps carry their answer keys in the pack; core strips them before the player sees a step. */
const SingleChoiceStepSchema = SingleChoiceViewSchema.extend({ options: z.array(ChoiceOptionSchema).min(2), correctOptionId: ContentIdSchema }).refine(
  (step) => step.options.some((option) => option.id === step.correctOptionId),
  { message: 'correctOptionId must name one of the options', path: ['correctOptionId'] },
);

const MultipleChoiceStepSchema = MultipleChoiceViewSchema.extend({ options: z.array(ChoiceOptionSchema).min(2), correctOptionIds: z.array(ContentIdSchema).min(1) }).refine(
  (step) => step.correctOptionIds.every((id) => step.options.some((option) => option.id === id)),
  { message: 'correctOptionIds must name options', path: ['correctOptionIds'] },
);

export const StepSchema = z.discriminatedUnion('kind', [
  TextStepSchema,
  ImageStepSchema,
  AudioStepSchema,
  VideoStepSchema,
  SingleChoiceStepSchema,
  MultipleChoiceStepSchema,
  OrderingStepSchema,
  MatchingStepSchema,
  MouseStepSchema,
  KeyboardStepSchema,
  FormStepSchema,
  ChecklistStepSchema,
]);
export type Step = z.infer<typeof StepSchema>;

/** The pack files a step shows or plays; each must be listed in the manifest. */
export function stepFiles(step: Step): string[] {
  return [...ownFiles(step), ...narrationFiles(step.narration)];
}

function ownFiles(step: Step): string[] {
  switch (step.kind) {
    case 'image':
      return [step.file];
    case 'audio':
      return Object.values(step.tracks).flatMap((track) => (track ? [track.file] : []));
    case 'video':
      return [step.file, ...(step.poster ? [step.poster] : []), ...narrationFiles(step.captions)];
    case 'single-choice':
    case 'multiple-choice':
      return step.options.flatMap((option) => narrationFiles(option.explainNarration));
    default:
      return [];
  }
}

function narrationFiles(files: Partial<Record<string, string>> | undefined): string[] {
  return Object.values(files ?? {}).filter((f): f is string => Boolean(f));
}

export const CompetenceSchema = z.strictObject({
  /** DigComp 2.2: area.competence (1.1–1.3, 2.1–2.6, 3.1–3.4, 4.1–4.4, 5.1–5.4). */
  code: z.string().regex(/^(1\.[1-3]|2\.[1-6]|[345]\.[1-4])$/),
  level: z.number().int().min(1).max(8),
});

export const LessonSchema = z.strictObject({
  id: ContentIdSchema,
  title: LocalizedTextSchema,
  competences: z.array(CompetenceSchema).default([]),
  steps: z.array(StepSchema).min(1),
});
export type LessonDef = z.infer<typeof LessonSchema>;

export const CourseSchema = z.strictObject({
  id: ContentIdSchema,
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  /** Whether completing the course earns a certificate (a practice tour does not). */
  certifying: z.boolean().default(true),
  lessons: z.array(LessonSchema).min(1),
});
export type CourseDef = z.infer<typeof CourseSchema>;

export const PackFileSchema = z.strictObject({
  /** Name inside the pack's `files/` folder, with `/` separators. */
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PackFile = z.infer<typeof PackFileSchema>;

/** What a pack says about itself, before its courses and files. */
export const PackHeaderSchema = z.strictObject({
  id: ContentIdSchema,
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  defaultLanguage: LanguageSchema,
  languages: z.array(LanguageSchema).min(1),
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  publisher: z.string().min(1),
  licence: z.string().min(1),
  minAppVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
});

export const ManifestSchema = PackHeaderSchema.extend({
  format: z.literal(2),
  courses: z.array(CourseSchema).min(1),
  files: z.array(PackFileSchema),
}).superRefine((manifest, ctx) => {
    if (!manifest.languages.includes(manifest.defaultLanguage)) {
      ctx.addIssue({ code: 'custom', path: ['defaultLanguage'], message: 'defaultLanguage must be one of languages' });
    }
    const files = new Set<string>();
    manifest.files.forEach((file, f) => {
      if (files.has(file.path)) ctx.addIssue({ code: 'custom', path: ['files', f, 'path'], message: 'file paths must be unique' });
      files.add(file.path);
    });
    const seen = new Set<string>();
    manifest.courses.forEach((course, c) =>
      course.lessons.forEach((lesson, l) => {
        if (seen.has(lesson.id)) {
          ctx.addIssue({ code: 'custom', path: ['courses', c, 'lessons', l, 'id'], message: 'lesson ids must be unique in a pack' });
        }
        seen.add(lesson.id);
        const steps = new Set<string>();
        lesson.steps.forEach((step, s) => {
          if (steps.has(step.id)) {
            ctx.addIssue({ code: 'custom', path: ['courses', c, 'lessons', l, 'steps', s, 'id'], message: 'step ids must be unique in a lesson' });
          }
          steps.add(step.id);
          for (const file of stepFiles(step)) {
            if (!files.has(file)) ctx.addIssue({ code: 'custom', path: ['courses', c, 'lessons', l, 'steps', s], message: `file not in the pack: ${file}` });
          }
        });
      }),
    );
  });
export type Manifest = z.infer<typeof ManifestSchema>;
