import { z } from 'zod';
import { LanguageSchema } from './languages';
import { ContentIdSchema, LocalizedTextSchema } from './primitives';

/**
 * Lesson steps as the player receives them. A pack's manifest uses the same shapes, plus the
 * answer keys of choice steps (core/packs/manifest.ts); ordering items and matching answers come
 * in their correct order in the pack and are shuffled by core before they reach the player.
 */

/** A file inside the pack's `files/` folder. */
export const AssetPathSchema = z.string().min(1).max(240);

const LT = LocalizedTextSchema;
const id = ContentIdSchema;
const Option = z.strictObject({ id, text: LT });
const Feedback = z.strictObject({ correct: LT.optional(), wrong: LT.optional() }).optional();

/** A recording of a text per language (a file in the pack), played by the "listen" control. */
export const NarrationSchema = z.partialRecord(LanguageSchema, AssetPathSchema);
export type Narration = z.infer<typeof NarrationSchema>;

/** What every step has: a stable id (progress is keyed by it) and, optionally, its narration. */
const base = { id, narration: NarrationSchema.optional() };

export const TextStepSchema = z.strictObject({ kind: z.literal('text'), ...base, body: LT });

export const ImageStepSchema = z.strictObject({ kind: z.literal('image'), ...base, file: AssetPathSchema, alt: LT, caption: LT.optional() });

/** Narration per language; `cues[i]` is when `transcript[lang][i]` is spoken, for highlighting. */
export const AudioStepSchema = z.strictObject({
  kind: z.literal('audio'),
  ...base,
  title: LT,
  tracks: z.partialRecord(LanguageSchema, z.strictObject({ file: AssetPathSchema, cues: z.array(z.strictObject({ start: z.number().nonnegative(), end: z.number().nonnegative() })).optional() })),
  transcript: z.partialRecord(LanguageSchema, z.array(z.string())),
  autoplay: z.boolean().optional(),
});

export const VideoStepSchema = z.strictObject({
  kind: z.literal('video'),
  ...base,
  file: AssetPathSchema,
  poster: AssetPathSchema.optional(),
  captions: z.partialRecord(LanguageSchema, AssetPathSchema).optional(),
  description: LT,
});

export const SingleChoiceViewSchema = z.strictObject({ kind: z.literal('single-choice'), ...base, question: LT, options: z.array(Option).min(2), feedback: Feedback });
export const MultipleChoiceViewSchema = z.strictObject({ kind: z.literal('multiple-choice'), ...base, question: LT, options: z.array(Option).min(2), feedback: Feedback });

/** Items to put in order (in the pack: the correct order). */
export const OrderingStepSchema = z.strictObject({ kind: z.literal('ordering'), ...base, prompt: LT, items: z.array(Option).min(2).max(12) });

/** Left items to match with right items (in the pack: `right[i]` belongs to `left[i]`). */
export const MatchingStepSchema = z
  .strictObject({ kind: z.literal('matching'), ...base, prompt: LT, left: z.array(Option).min(2).max(12), right: z.array(Option).min(2).max(12) })
  .refine((s) => s.left.length === s.right.length, { message: 'left and right must have as many items', path: ['right'] });

export const MOUSE_TASKS = ['click', 'double-click', 'right-click', 'drag', 'scroll'] as const;
export const MouseStepSchema = z.strictObject({
  kind: z.literal('mouse'),
  ...base,
  task: z.enum(MOUSE_TASKS),
  instruction: LT,
  repetitions: z.number().int().min(1).max(10).default(3),
});

/**
 * Type this word or sentence. The on-screen keyboard follows the language of the text shown, or
 * `keyboard` when the text is typed in another (a website address is typed in Latin letters,
 * whatever the lesson's language).
 */
export const KeyboardStepSchema = z.strictObject({ kind: z.literal('keyboard'), ...base, instruction: LT, target: LT, keyboard: LanguageSchema.optional() });

export const FORM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'checkbox'] as const;
export const FormFieldSchema = z.strictObject({
  id,
  type: z.enum(FORM_FIELD_TYPES),
  label: LT,
  hint: LT.optional(),
  required: z.boolean().default(false),
  minLength: z.number().int().nonnegative().optional(),
  maxLength: z.number().int().positive().optional(),
  /** A regular expression the whole value must match (e.g. 14 digits for a personal number). */
  pattern: z.string().max(200).optional(),
  options: z.array(Option).optional(),
  /** Said when the value breaks a rule; otherwise the app's own message for that rule. */
  errorMessage: LT.optional(),
  /**
   * The row of the practice card whose value this field must hold: personal data in a practice
   * form is always the made-up person's, copied from the screen, never the learner's own.
   */
  copyFrom: id.optional(),
  /** A value that passes the field's rules (for a field without `copyFrom`): the content tools check it. */
  sample: z.union([z.string(), z.boolean()]).optional(),
});
export type FormField = z.infer<typeof FormFieldSchema>;

/** The made-up person (or thing) whose details a practice form asks for, shown beside the form. */
export const PracticeCardSchema = z.strictObject({
  title: LT,
  rows: z.array(z.strictObject({ id, label: LT, value: z.string().min(1).max(200) })).min(1).max(20),
});
export type PracticeCard = z.infer<typeof PracticeCardSchema>;

/** A simulated e-service: pages of fields, then a review page and a success page (always marked practice). */
export const FormStepSchema = z.strictObject({
  kind: z.literal('form'),
  ...base,
  service: LT,
  card: PracticeCardSchema.optional(),
  pages: z.array(z.strictObject({ id, title: LT, fields: z.array(FormFieldSchema).min(1) })).min(1),
  success: z.strictObject({ title: LT, body: LT }),
});

export const ChecklistStepSchema = z.strictObject({ kind: z.literal('checklist'), ...base, title: LT, items: z.array(Option).min(1).max(30) });

export const StepViewSchema = z.discriminatedUnion('kind', [
  TextStepSchema,
  ImageStepSchema,
  AudioStepSchema,
  VideoStepSchema,
  SingleChoiceViewSchema,
  MultipleChoiceViewSchema,
  OrderingStepSchema,
  MatchingStepSchema,
  MouseStepSchema,
  KeyboardStepSchema,
  FormStepSchema,
  ChecklistStepSchema,
]);
export type StepView = z.infer<typeof StepViewSchema>;
export type StepKind = StepView['kind'];
export const STEP_KINDS = StepViewSchema.options.map((o) => o.shape.kind.value) as StepKind[];

/** What the learner gives for a judged step; core decides whether it is right. */
export const StepAnswerSchema = z.union([
  z.strictObject({ optionId: id }),
  z.strictObject({ optionIds: z.array(id).max(50) }),
  z.strictObject({ order: z.array(id).max(50) }),
  z.strictObject({ pairs: z.record(id, id) }),
  z.strictObject({ typed: z.string().max(2000) }),
  z.strictObject({ values: z.record(id, z.union([z.string().max(1000), z.boolean()])) }),
  z.strictObject({ checked: z.array(id).max(100) }),
  z.strictObject({ done: z.literal(true) }),
]);
export type StepAnswer = z.infer<typeof StepAnswerSchema>;
