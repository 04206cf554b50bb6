import { z } from 'zod';
import { LanguageSchema } from './languages';
import { ApiErrorSchema } from './result';

/** Text a pack gives per language; the renderer picks one and falls back to the pack's default. */
export const LocalizedTextSchema = z.partialRecord(LanguageSchema, z.string());
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** Pictures a learner can choose for their profile; names are translated in the UI. */
export const AVATARS = ['sun', 'moon', 'tree', 'flower', 'mountain', 'star', 'heart', 'drop'] as const;
export const AvatarSchema = z.enum(AVATARS);
export type Avatar = z.infer<typeof AvatarSchema>;

export const DisplayNameSchema = z.string().trim().min(1).max(40);
export const LearnerIdSchema = z.number().int().positive();
/** Pack, course, lesson and step ids: stable, ASCII, safe in paths and URLs. */
export const ContentIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/);

export const LearnerSchema = z.object({
  id: LearnerIdSchema,
  displayName: z.string(),
  avatar: AvatarSchema,
  language: LanguageSchema,
});
export type Learner = z.infer<typeof LearnerSchema>;

export const SessionGrantSchema = z.object({ learner: LearnerSchema, token: z.string() });

export const LessonSummarySchema = z.object({
  lessonId: ContentIdSchema,
  title: LocalizedTextSchema,
  stepCount: z.number().int().nonnegative(),
  doneCount: z.number().int().nonnegative(),
  completed: z.boolean(),
});

export const CourseSummarySchema = z.object({
  packId: ContentIdSchema,
  courseId: ContentIdSchema,
  defaultLanguage: LanguageSchema,
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  lessons: z.array(LessonSummarySchema),
});
export type CourseSummary = z.infer<typeof CourseSummarySchema>;

export const LessonRefSchema = z.object({ packId: ContentIdSchema, lessonId: ContentIdSchema });

export const ContinuePointSchema = LessonRefSchema.extend({
  courseId: ContentIdSchema,
  defaultLanguage: LanguageSchema,
  lessonTitle: LocalizedTextSchema,
  stepId: ContentIdSchema,
});

/** Steps as the player sees them: the answer key stays in core, which judges answers. */
export const StepViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), id: ContentIdSchema, body: LocalizedTextSchema }),
  z.object({
    kind: z.literal('single-choice'),
    id: ContentIdSchema,
    question: LocalizedTextSchema,
    options: z.array(z.object({ id: ContentIdSchema, text: LocalizedTextSchema })),
  }),
]);
export type StepView = z.infer<typeof StepViewSchema>;

export const LessonViewSchema = LessonRefSchema.extend({
  courseId: ContentIdSchema,
  defaultLanguage: LanguageSchema,
  title: LocalizedTextSchema,
  steps: z.array(StepViewSchema),
  doneStepIds: z.array(ContentIdSchema),
  resumeStepId: ContentIdSchema.nullable(),
  completed: z.boolean(),
});
export type LessonView = z.infer<typeof LessonViewSchema>;

export const StepAnswerSchema = z.strictObject({ optionId: ContentIdSchema });

export const StepOutcomeSchema = z.object({
  /** null for steps that are not judged (text). */
  correct: z.boolean().nullable(),
  lessonCompleted: z.boolean(),
  nextStepId: ContentIdSchema.nullable(),
});

export const TrustLevelSchema = z.enum(['trusted', 'untrusted', 'unsigned']);

export const InstalledPackSchema = z.object({
  id: ContentIdSchema,
  version: z.string(),
  title: LocalizedTextSchema,
  defaultLanguage: LanguageSchema,
  languages: z.array(LanguageSchema),
  publisher: z.string(),
  trust: TrustLevelSchema,
  size: z.number().int().nonnegative(),
  /** DigComp 2.2 areas (1–5) the pack's lessons cover. */
  competenceAreas: z.array(z.number().int().min(1).max(5)),
  installedAt: z.string(),
});

export const ImportJobSchema = z.object({
  id: z.string(),
  file: z.string(),
  state: z.enum(['queued', 'checking', 'copying', 'verifying', 'switching', 'done', 'failed', 'cancelled']),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  currentFile: z.string(),
  error: ApiErrorSchema.nullable(),
  packId: z.string().nullable(),
  version: z.string().nullable(),
});

export const PublicKeySchema = z.strictObject({
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  publisher: z.string().trim().min(1).max(200),
  publicKey: z.string().min(1).max(1000),
});

export const StickPackSchema = z.object({
  file: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
  status: z.enum(['new', 'newer', 'installed', 'older', 'invalid', 'untrusted']),
  packId: z.string().nullable(),
  version: z.string().nullable(),
  title: LocalizedTextSchema.nullable(),
  error: ApiErrorSchema.nullable(),
});

export const DriveSchema = z.object({
  id: z.string(),
  path: z.string(),
  label: z.string(),
  freeBytes: z.number().nonnegative(),
  packs: z.array(StickPackSchema),
});
