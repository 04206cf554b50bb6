import { z } from 'zod';
import { LanguageSchema } from './languages';
import {
  AvatarSchema,
  ContinuePointSchema,
  CourseSummarySchema,
  DisplayNameSchema,
  InstalledPackSchema,
  LearnerIdSchema,
  LearnerSchema,
  LessonRefSchema,
  LessonViewSchema,
  SessionGrantSchema,
  StepAnswerSchema,
  StepOutcomeSchema,
  ContentIdSchema,
} from './schemas';

/**
 * Who may call a method. `learner` needs a learner's session; `facilitator` is met by a
 * facilitator or an administrator; `admin` only by an administrator; `none` by anyone.
 */
export const ROLES = ['none', 'learner', 'facilitator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, R extends Role = Role> {
  readonly role: R;
  readonly input: I;
  readonly output: O;
}

const method = <I extends z.ZodType, O extends z.ZodType, R extends Role>(spec: MethodSpec<I, O, R>) => spec;

const NoInput = z.strictObject({});
const Ok = z.object({ done: z.literal(true) });

/**
 * The API: every method exists here once. Both hosts (HTTP and Electron IPC) serve this table,
 * core validates inputs and outputs against it, and the renderer's client is typed from it.
 */
export const methods = {
  'kiosk.state': method({
    role: 'none',
    input: NoInput,
    output: z.object({ language: LanguageSchema.nullable(), siteName: z.string() }),
  }),
  'kiosk.setLanguage': method({
    role: 'none',
    input: z.strictObject({ language: LanguageSchema }),
    output: Ok,
  }),
  'learners.list': method({
    role: 'none',
    input: NoInput,
    output: z.array(LearnerSchema),
  }),
  'learners.create': method({
    role: 'none',
    input: z.strictObject({ displayName: DisplayNameSchema, avatar: AvatarSchema, language: LanguageSchema }),
    output: SessionGrantSchema,
  }),
  'learners.choose': method({
    role: 'none',
    input: z.strictObject({ learnerId: LearnerIdSchema }),
    output: SessionGrantSchema,
  }),
  'session.logout': method({
    role: 'none',
    input: NoInput,
    output: Ok,
  }),
  'learner.setLanguage': method({
    role: 'learner',
    input: z.strictObject({ language: LanguageSchema }),
    output: Ok,
  }),
  'courses.list': method({
    role: 'learner',
    input: NoInput,
    output: z.object({ continue: ContinuePointSchema.nullable(), courses: z.array(CourseSummarySchema) }),
  }),
  'lessons.get': method({
    role: 'learner',
    input: LessonRefSchema.strict(),
    output: LessonViewSchema,
  }),
  'progress.submitStep': method({
    role: 'learner',
    input: LessonRefSchema.extend({ stepId: ContentIdSchema, answer: StepAnswerSchema.optional() }).strict(),
    output: StepOutcomeSchema,
  }),
  'packs.installed': method({
    role: 'facilitator',
    input: NoInput,
    output: z.array(InstalledPackSchema),
  }),
} as const satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<K extends MethodName> = z.input<Methods[K]['input']>;
export type ParsedInput<K extends MethodName> = z.output<Methods[K]['input']>;
export type MethodOutput<K extends MethodName> = z.output<Methods[K]['output']>;
export type MethodRole<K extends MethodName> = Methods[K]['role'];

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
