import { z } from 'zod';
import { LanguageSchema } from './languages';
import {
  AvatarSchema,
  CertificateSchema,
  GenderSchema,
  LearnerProfileSchema,
  SecretSchema,
  ContinuePointSchema,
  CourseSummarySchema,
  DisplayNameSchema,
  DriveSchema,
  StickPackSchema,
  ImportJobSchema,
  InstalledPackSchema,
  PublicKeySchema,
  StickKeyFileSchema,
  LearnerIdSchema,
  LearnerSchema,
  LessonRefSchema,
  LessonViewSchema,
  SessionGrantSchema,
  StepOutcomeSchema,
  ContentIdSchema,
} from './schemas';
import { StepAnswerSchema } from './steps';
import {
  BackupPassphraseCheckSchema,
  BackupPassphraseSchema,
  BackupSchema,
  HOST_NAMES_MAX,
  HostNameSchema,
  LearnerDetailSchema,
  LearnerRowSchema,
  PasswordCheckSchema,
  PeriodSchema,
  ReportSchema,
  SetupInputSchema,
  SiteSettingsSchema,
  StaffAccountSchema,
  StaffNameSchema,
  StaffPasswordSchema,
  StaffRoleSchema,
  StatsPreviewSchema,
  TargetSchema,
} from './console';
import { SyncStatusSchema } from './sync';
import { KeyboardLayoutSchema } from './keyboard-layouts';

/**
 * Who may call a method. `learner` needs a learner's session; `facilitator` is met by a
 * facilitator or an administrator; `admin` only by an administrator; `none` by anyone.
 */
export const ROLES = ['none', 'learner', 'facilitator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a method does: a `query` only reads (dispatch runs it where any write to the database
 * throws, core/db/query-guard.ts), a `command` may change things.
 */
export const METHOD_KINDS = ['query', 'command'] as const;
export type MethodKind = (typeof METHOD_KINDS)[number];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, R extends Role = Role, K extends MethodKind = MethodKind> {
  readonly kind: K;
  readonly role: R;
  readonly input: I;
  readonly output: O;
  /** Callable before the first-run set-up is done; every other method is refused until then. */
  readonly beforeSetup?: true;
}

// The kind is kept literal in the table's type, so the renderer's data layer can tell queries from commands.
const method = <I extends z.ZodType, O extends z.ZodType, R extends Role, K extends MethodKind>(spec: MethodSpec<I, O, R, K>) => spec;

const NoInput = z.strictObject({});
const Ok = z.object({ done: z.literal(true) });

/**
 * The API: every method exists here once. Both hosts (HTTP and Electron IPC) serve this table,
 * core validates inputs and outputs against it, and the renderer's client is typed from it.
 */
export const methods = {
  'kiosk.state': method({
    kind: 'query',
    role: 'none',
    beforeSetup: true,
    input: NoInput,
    output: z.object({
      /** False until the first-run set-up is done: the screen then shows the set-up wizard. */
      setUp: z.boolean(),
      language: LanguageSchema.nullable(),
      /** The languages the site offers learners (all three before set-up). */
      languages: z.array(LanguageSchema).min(1),
      siteName: z.string(),
      idleTimeoutSeconds: z.number().int().positive(),
      /** The console's idle time (staff), apart from learners'. */
      staffIdleTimeoutSeconds: z.number().int().positive(),
      keyboardLayout: KeyboardLayoutSchema,
      /** The administrator's kiosk-mode setting, which the desktop app's window follows. */
      fullScreen: z.boolean(),
      /** Before set-up, on any screen but the kiosk's own: `setup.complete` needs the code the host printed. */
      setupCodeNeeded: z.boolean(),
    }),
  }),
  'kiosk.setLanguage': method({
    kind: 'command',
    role: 'none',
    beforeSetup: true,
    input: z.strictObject({ language: LanguageSchema }),
    output: Ok,
  }),
  /**
   * First start: the site's details and the first administrator; answers with that administrator's
   * session. From the kiosk's own screen as it is; from anywhere else only with the host's set-up code.
   */
  'setup.complete': method({
    kind: 'command',
    role: 'none',
    beforeSetup: true,
    input: SetupInputSchema.strict(),
    output: z.object({ token: z.string(), role: StaffRoleSchema }),
  }),
  'learners.list': method({
    kind: 'query',
    role: 'none',
    input: NoInput,
    output: z.array(LearnerSchema),
  }),
  'learners.create': method({
    kind: 'command',
    role: 'none',
    input: z.strictObject({ displayName: DisplayNameSchema, avatar: AvatarSchema, language: LanguageSchema, secret: SecretSchema.optional() }),
    output: SessionGrantSchema,
  }),
  /**
   * Opens a profile; a profile with a secret needs it. Wrong tries lock it for longer and longer,
   * then until a librarian unlocks it (docs/architecture.md, "Learners, secrets and certificates").
   */
  'learners.choose': method({
    kind: 'command',
    role: 'none',
    input: z.strictObject({ learnerId: LearnerIdSchema, secret: SecretSchema.optional() }),
    output: SessionGrantSchema,
  }),
  /** A guest: learns like anyone, and everything is deleted at logout. */
  'learners.guest': method({
    kind: 'command',
    role: 'none',
    input: z.strictObject({ language: LanguageSchema }),
    output: SessionGrantSchema,
  }),
  'learners.resetSecret': method({
    kind: 'command',
    role: 'facilitator',
    input: z.strictObject({ learnerId: LearnerIdSchema }),
    output: Ok,
  }),
  'session.logout': method({
    kind: 'command',
    role: 'none',
    input: NoInput,
    output: Ok,
  }),
  'learner.setLanguage': method({
    kind: 'command',
    role: 'learner',
    input: z.strictObject({ language: LanguageSchema }),
    output: Ok,
  }),
  'learner.me': method({
    kind: 'query',
    role: 'learner',
    input: NoInput,
    output: LearnerProfileSchema,
  }),
  /** The optional questions, answered once; each may be "prefer not to say" (undisclosed / null). */
  'learner.setProfile': method({
    kind: 'command',
    role: 'learner',
    input: z.strictObject({ gender: GenderSchema, birthYear: z.number().int().min(1900).max(2100).nullable() }),
    output: Ok,
  }),
  'learner.setSecret': method({
    kind: 'command',
    role: 'learner',
    input: z.strictObject({ secret: SecretSchema.nullable() }),
    output: Ok,
  }),
  'certificates.mine': method({
    kind: 'query',
    role: 'learner',
    input: NoInput,
    output: z.array(CertificateSchema),
  }),
  /** A facilitator checks the code printed on a certificate. */
  'certificates.verify': method({
    kind: 'query',
    role: 'facilitator',
    input: z.strictObject({ code: z.string().trim().min(1).max(40) }),
    output: CertificateSchema,
  }),
  'courses.list': method({
    kind: 'query',
    role: 'learner',
    input: NoInput,
    output: z.object({ continue: ContinuePointSchema.nullable(), courses: z.array(CourseSummarySchema) }),
  }),
  'lessons.get': method({
    kind: 'query',
    role: 'learner',
    input: LessonRefSchema.strict(),
    output: LessonViewSchema,
  }),
  'progress.submitStep': method({
    kind: 'command',
    role: 'learner',
    input: LessonRefSchema.extend({ stepId: ContentIdSchema, answer: StepAnswerSchema.optional() }).strict(),
    output: StepOutcomeSchema,
  }),
  'staff.login': method({
    kind: 'command',
    role: 'none',
    input: z.strictObject({ name: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
    output: z.object({ token: z.string(), role: StaffRoleSchema }),
  }),
  /** Who is signed in to the console. */
  'staff.me': method({
    kind: 'query',
    role: 'facilitator',
    input: NoInput,
    output: z.object({ id: z.number().int(), name: z.string(), role: StaffRoleSchema }),
  }),
  'staff.list': method({
    kind: 'query',
    role: 'admin',
    input: NoInput,
    output: z.array(StaffAccountSchema),
  }),
  /** `yourPassword`: the administrator's own, re-entered (a session left open is not enough). */
  'staff.create': method({
    kind: 'command',
    role: 'admin',
    input: z.strictObject({ name: StaffNameSchema, role: StaffRoleSchema, password: StaffPasswordSchema, yourPassword: PasswordCheckSchema }),
    output: StaffAccountSchema,
  }),
  /** Ends that account's other sessions; `yourPassword` as for `staff.create`. */
  'staff.setPassword': method({
    kind: 'command',
    role: 'admin',
    input: z.strictObject({ staffId: z.number().int().positive(), password: StaffPasswordSchema, yourPassword: PasswordCheckSchema }),
    output: Ok,
  }),
  /** The last administrator cannot be removed (nobody could run the console any more). */
  'staff.remove': method({
    kind: 'command',
    role: 'admin',
    input: z.strictObject({ staffId: z.number().int().positive() }),
    output: Ok,
  }),
  'settings.get': method({
    kind: 'query',
    role: 'admin',
    input: NoInput,
    output: SiteSettingsSchema,
  }),
  'settings.update': method({
    kind: 'command',
    role: 'admin',
    input: SiteSettingsSchema.strict(),
    output: Ok,
  }),
  /** The names the host answers to: this computer's own (loopback, its addresses, its name) and those the administrator added. */
  'settings.hostNames': method({
    kind: 'query',
    role: 'admin',
    input: NoInput,
    output: z.object({ own: z.array(z.string()), added: z.array(z.string()) }),
  }),
  'settings.setHostNames': method({
    kind: 'command',
    role: 'admin',
    input: z.strictObject({ names: z.array(HostNameSchema).max(HOST_NAMES_MAX) }),
    output: Ok,
  }),
  /** Learners by name, a page at a time, newest activity first. */
  'learners.search': method({
    kind: 'query',
    role: 'facilitator',
    input: z.strictObject({ query: z.string().max(100).default(''), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ total: z.number().int().nonnegative(), learners: z.array(LearnerRowSchema) }),
  }),
  /** One learner's progress by course. */
  'learners.detail': method({
    kind: 'query',
    role: 'facilitator',
    input: z.strictObject({ learnerId: LearnerIdSchema }),
    output: LearnerDetailSchema,
  }),
  /** Erases the learner and everything about them; the anonymised counts they were part of stay. */
  'learners.erase': method({
    kind: 'command',
    role: 'facilitator',
    input: z.strictObject({ learnerId: LearnerIdSchema }),
    output: Ok,
  }),
  'reports.get': method({
    kind: 'query',
    role: 'facilitator',
    input: PeriodSchema,
    output: ReportSchema,
  }),
  /** Exactly the rows a statistics export of the period would write. */
  'stats.preview': method({
    kind: 'query',
    role: 'admin',
    input: PeriodSchema,
    output: StatsPreviewSchema,
  }),
  'stats.export': method({
    kind: 'command',
    role: 'admin',
    input: PeriodSchema.extend({ password: PasswordCheckSchema, format: z.enum(['csv', 'json']), target: TargetSchema }).strict(),
    output: z.object({ file: z.string(), rows: z.number().int().nonnegative() }),
  }),
  /** Backs up the database while the kiosk runs, encrypted with the passphrase the administrator chooses. */
  'backup.create': method({
    kind: 'command',
    role: 'admin',
    input: z.strictObject({ password: PasswordCheckSchema, passphrase: BackupPassphraseSchema, target: TargetSchema }),
    output: BackupSchema,
  }),
  /**
   * The backups on a stick (or in the kiosk's own folder), newest first. With a passphrase each is
   * checked against it and shows its date and site from its authenticated header; no SQL is run.
   */
  'backup.list': method({
    kind: 'query',
    role: 'admin',
    input: z.strictObject({ target: TargetSchema, passphrase: BackupPassphraseCheckSchema.optional() }),
    output: z.array(BackupSchema),
  }),
  /**
   * Replaces the database with a backup, once it is decrypted, authenticated and its schema is
   * Ayil's own; the current one is kept aside. Every session ends.
   */
  'backup.restore': method({
    kind: 'command',
    role: 'admin',
    input: z.strictObject({ password: PasswordCheckSchema, passphrase: BackupPassphraseCheckSchema, file: z.string().min(1).max(4096) }),
    output: z.object({ keptAside: z.string() }),
  }),
  /** Where sync stands: last success, what waits, the last problem in plain words (translated). */
  'sync.status': method({
    kind: 'query',
    role: 'admin',
    input: NoInput,
    output: SyncStatusSchema,
  }),
  /** Connects the kiosk to a collector with an enrolment code from the programme; keeps the site token. */
  'sync.enrol': method({
    kind: 'command',
    role: 'admin',
    input: z.strictObject({
      /** The administrator's own password, re-entered: figures will leave for this address. */
      password: PasswordCheckSchema,
      collectorUrl: z.string().trim().min(1).max(2000),
      code: z.string().trim().min(6).max(64),
      /** Plain http:// is refused unless the administrator explicitly allows it. */
      allowPlainHttp: z.boolean(),
    }),
    output: SyncStatusSchema,
  }),
  /** Tries to send now instead of waiting for the next attempt; answers once that attempt ends. */
  'sync.now': method({
    kind: 'command',
    role: 'admin',
    input: NoInput,
    output: SyncStatusSchema,
  }),
  /** "Save figures to stick": every batch not yet acknowledged, as one signed file. */
  'sync.saveToStick': method({
    kind: 'command',
    role: 'admin',
    input: z.strictObject({ target: TargetSchema }),
    output: z.object({ file: z.string(), batches: z.number().int().positive() }),
  }),
  'packs.installed': method({
    kind: 'query',
    role: 'facilitator',
    input: NoInput,
    output: z.array(InstalledPackSchema),
  }),
  /** Queues an import; `acceptUntrusted` and `force` need an administrator. */
  'packs.import': method({
    kind: 'command',
    role: 'facilitator',
    input: z.strictObject({ file: z.string().min(1).max(4096), acceptUntrusted: z.boolean().optional(), force: z.boolean().optional() }),
    output: ImportJobSchema,
  }),
  'packs.jobs': method({
    kind: 'query',
    role: 'facilitator',
    input: NoInput,
    output: z.array(ImportJobSchema),
  }),
  'packs.cancelImport': method({
    kind: 'command',
    role: 'facilitator',
    input: z.strictObject({ jobId: z.string().min(1).max(100) }),
    output: Ok,
  }),
  'packs.remove': method({
    kind: 'command',
    role: 'facilitator',
    input: z.strictObject({ packId: ContentIdSchema }),
    output: Ok,
  }),
  /**
   * Hands a pack's id to another trusted publisher key: from now on only packs signed with that key
   * install under this id, never the previous publisher's. `password`: the administrator's own,
   * re-entered. The highest version installed stays: the new publisher's must be newer.
   */
  'packs.transfer': method({
    kind: 'command',
    role: 'admin',
    input: z.strictObject({ password: PasswordCheckSchema, packId: ContentIdSchema, keyId: z.string().regex(/^[0-9a-f]{16}$/) }),
    output: Ok,
  }),
  /** Sticks plugged in now (cheap: no file on them is opened); `sticks.changed` says when to ask again. */
  'drives.list': method({
    kind: 'query',
    role: 'facilitator',
    input: NoInput,
    output: z.array(DriveSchema),
  }),
  /** The packs on one stick, each compared with what is installed: opens every pack file, so only on request. */
  'drives.packs': method({
    kind: 'query',
    role: 'facilitator',
    input: z.strictObject({ driveId: z.string().min(1).max(4096) }),
    output: z.array(StickPackSchema),
  }),
  'packs.exportToDrive': method({
    kind: 'command',
    role: 'facilitator',
    input: z.strictObject({ driveId: z.string().min(1).max(4096), packIds: z.array(ContentIdSchema).min(1).max(500) }),
    output: z.object({ files: z.array(z.string()) }),
  }),
  'keys.list': method({
    kind: 'query',
    role: 'admin',
    input: NoInput,
    output: z.array(PublicKeySchema.extend({ shipped: z.boolean() })),
  }),
  /**
   * Publishers' key files (`.pub.json`) on the sticks the kiosk sees now, read and checked: the
   * administrator picks one to trust. Only sticks: a caller never names a file to read.
   */
  'keys.onSticks': method({
    kind: 'query',
    role: 'admin',
    input: NoInput,
    output: z.array(StickKeyFileSchema),
  }),
  /** `password`: the administrator's own, re-entered (packs signed with this key will install). */
  'keys.trust': method({
    kind: 'command',
    role: 'admin',
    input: PublicKeySchema.extend({ password: PasswordCheckSchema }),
    output: Ok,
  }),
  /** Stops trusting a key an administrator added (the keys the app ships cannot be removed). */
  'keys.remove': method({
    kind: 'command',
    role: 'admin',
    input: z.strictObject({ keyId: z.string().regex(/^[0-9a-f]{16}$/) }),
    output: Ok,
  }),
  /**
   * A one-use ticket, valid for a few seconds, for opening the browser host's event stream
   * (`GET /api/events?ticket=…`): a page's EventSource cannot send the session's token as a
   * header, and a token in a URL could end up in a log. The stream carries what this session's
   * role may receive.
   */
  'events.ticket': method({
    kind: 'command',
    role: 'none',
    input: NoInput,
    output: z.object({ ticket: z.string() }),
  }),
} as const satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<K extends MethodName> = z.input<Methods[K]['input']>;
export type ParsedInput<K extends MethodName> = z.output<Methods[K]['input']>;
export type MethodOutput<K extends MethodName> = z.output<Methods[K]['output']>;
export type MethodRole<K extends MethodName> = Methods[K]['role'];
export type MethodKindOf<K extends MethodName> = Methods[K]['kind'];

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
