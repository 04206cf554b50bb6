import { z } from 'zod';
import { LanguageSchema } from './languages';
import { ApiErrorSchema } from './result';
import { ContentIdSchema, LocalizedTextSchema } from './primitives';
import { NarrationSchema, StepViewSchema } from './steps';

export { ContentIdSchema, LocalizedTextSchema, type LocalizedText } from './primitives';

/** Pictures a learner can choose for their profile; names are translated in the UI. */
export const AVATARS = ['sun', 'moon', 'tree', 'flower', 'mountain', 'star', 'heart', 'drop'] as const;
export const AvatarSchema = z.enum(AVATARS);
export type Avatar = z.infer<typeof AvatarSchema>;

export const DisplayNameSchema = z.string().trim().min(1).max(40);
export const LearnerIdSchema = z.number().int().positive();

/** Nine pictures; a picture secret is three of them in order, for learners who cannot read numbers. */
export const PICTURE_SECRETS = ['apple', 'horse', 'yurt', 'cup', 'bird', 'key', 'house', 'book', 'fish'] as const;
export const SecretSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pin'), pin: z.string().regex(/^\d{4}$/) }),
  z.strictObject({ kind: z.literal('pictures'), pictures: z.array(z.enum(PICTURE_SECRETS)).length(3) }),
]);
export type Secret = z.infer<typeof SecretSchema>;

export const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;
export const GenderSchema = z.enum(GENDERS);
export type Gender = z.infer<typeof GenderSchema>;

export const LearnerSchema = z.object({
  id: LearnerIdSchema,
  displayName: z.string(),
  avatar: AvatarSchema,
  language: LanguageSchema,
  secret: z.enum(['none', 'pin', 'pictures']),
  /** Seconds until a locked profile may be tried again; 0 when it is not locked (or needs a librarian). */
  lockedSeconds: z.number().int().nonnegative(),
  /** Locked after too many wrong tries until a librarian unlocks it (by removing the secret). */
  needsLibrarian: z.boolean(),
  guest: z.boolean(),
});
export type Learner = z.infer<typeof LearnerSchema>;

export const SessionGrantSchema = z.object({
  learner: LearnerSchema,
  token: z.string(),
  /** Wrong PIN or picture tries on this profile since its owner last opened it (0 for a new profile or a guest). */
  wrongTriesSinceLastVisit: z.number().int().nonnegative(),
});

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
  /** Whether completing the course gives a certificate (a practice tour does not). */
  certifying: z.boolean(),
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

export const LessonViewSchema = LessonRefSchema.extend({
  courseId: ContentIdSchema,
  /** Whether the lesson's course gives a certificate, so the lesson's end can say so (or not). */
  certifying: z.boolean(),
  defaultLanguage: LanguageSchema,
  title: LocalizedTextSchema,
  steps: z.array(StepViewSchema),
  doneStepIds: z.array(ContentIdSchema),
  resumeStepId: ContentIdSchema.nullable(),
  completed: z.boolean(),
});
export type LessonView = z.infer<typeof LessonViewSchema>;

/** What the pack says about one option, once the learner has answered. */
export const OptionExplanationSchema = z.object({
  optionId: ContentIdSchema,
  picked: z.boolean(),
  correct: z.boolean(),
  text: LocalizedTextSchema.optional(),
  narration: NarrationSchema.optional(),
});
export type OptionExplanation = z.infer<typeof OptionExplanationSchema>;

export const StepOutcomeSchema = z.object({
  /** null for steps that are not judged (text, image, audio, video). */
  correct: z.boolean().nullable(),
  lessonCompleted: z.boolean(),
  /** Set when this step completed the course's last lesson. */
  courseCompleted: z.boolean(),
  /** Set when that course gives a certificate (a practice tour does not): the learner has one now. */
  certified: z.boolean(),
  nextStepId: ContentIdSchema.nullable(),
  /** For a practice e-service form: the fields that break a rule, and the practice reference. */
  fieldErrors: z.record(z.string(), z.string()).optional(),
  reference: z.string().optional(),
  /** For choice steps: the picked options (and, when the answer is incomplete, the missed right ones). */
  explanations: z.array(OptionExplanationSchema).optional(),
  /**
   * After a wrong ordering: the items that are not in their place; after a wrong matching: the
   * left items matched wrongly. Only after checking, so they never give the answer away first.
   */
  wrongItems: z.array(ContentIdSchema).optional(),
  /** A checklist finishes with things not ticked: these are what the learner may still practise. */
  unticked: z.array(ContentIdSchema).optional(),
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

/**
 * A publisher's key file (`.pub.json`) on a stick the kiosk sees, as the kiosk read it: its keys,
 * each saying whether it is trusted already, or why the file cannot be used.
 */
export const StickKeyFileSchema = z.object({
  file: z.string(),
  name: z.string(),
  /** The stick's label. */
  drive: z.string(),
  keys: z.array(PublicKeySchema.extend({ trusted: z.boolean() })),
  error: ApiErrorSchema.nullable(),
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
});

export const LearnerProfileSchema = z.object({
  learner: LearnerSchema,
  /** Whether the optional questions (gender, birth year) were already asked. */
  profileAsked: z.boolean(),
  gender: GenderSchema.nullable(),
  birthYear: z.number().int().nullable(),
});

export const CertificateSchema = z.object({
  id: z.number().int(),
  packId: ContentIdSchema,
  courseId: ContentIdSchema,
  learnerName: z.string(),
  courseTitle: LocalizedTextSchema,
  siteName: z.string(),
  issuedOn: z.string(),
  code: z.string(),
});
