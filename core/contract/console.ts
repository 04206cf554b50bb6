import { z } from 'zod';
import { KeyboardLayoutSchema } from './keyboard-layouts';
import { LanguageSchema } from './languages';
import { ContentIdSchema, LocalizedTextSchema } from './primitives';
import { AvatarSchema, GENDERS, LearnerIdSchema } from './schemas';

/** The facilitator and administrator console: site set-up, staff, learners, reports, statistics, backups. */

export const StaffRoleSchema = z.enum(['facilitator', 'admin']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** A calendar day, as people choose it for a report's period. */
export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** An ISO 8601 week ("2026-W07"): the finest time anything leaves the kiosk with. */
export const IsoWeekSchema = z.string().regex(/^\d{4}-W\d{2}$/);

/** Shown to the administrator once; the site's "code" is what the programme knows it by. */
export const SiteCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/);
export const StaffNameSchema = z.string().trim().min(1).max(100);
/**
 * At least 8 characters in any script; core also refuses a password that is easy to guess
 * (`staff.password_weak`, core/contract/password-strength.ts), one rule for set-up, new staff and new passwords
 * (and for the collector's dashboard password).
 */
export const StaffPasswordSchema = z.string().min(8).max(200);
/** The signed-in staff member's own password, re-entered before a sensitive action. */
export const PasswordCheckSchema = z.string().min(1).max(200);

/** Why a staff password is too easy to guess: the `reason` of `staff.password_weak`, translated. */
export const PASSWORD_WEAK_REASONS = ['common', 'keyboard', 'repeat', 'sequence', 'date', 'word', 'personal', 'guessable'] as const;
export type PasswordWeakReason = (typeof PASSWORD_WEAK_REASONS)[number];

export const SiteSettingsSchema = z.object({
  siteName: z.string().trim().min(1).max(120),
  siteCode: SiteCodeSchema,
  district: z.string().trim().min(1).max(120),
  region: z.string().trim().min(1).max(120),
  /** The interface languages learners may choose; at least one. */
  languages: z.array(LanguageSchema).min(1).max(3),
  /** A learner who leaves the screen alone this long is signed out. */
  idleTimeoutSeconds: z.number().int().min(60).max(3600),
  /**
   * The console's own idle time, apart from learners': a librarian reading a report is not signed
   * out by a short learner timeout. The server ends a staff session a minute after it.
   */
  staffIdleTimeoutSeconds: z.number().int().min(60).max(3600).default(15 * 60),
  /** The smallest count a breakdown cell may show once it leaves the kiosk (privacy threshold). */
  k: z.number().int().min(2).max(100),
  /** The Kyrgyz keyboard layout of the site's PCs, shown by the keyboard practice. */
  keyboardLayout: KeyboardLayoutSchema.default('windows'),
  /**
   * The desktop app fills the screen with no window frame, taskbar or way out but the app
   * (Electron's kiosk mode). The browser host cannot do this; see docs/linux-kiosk.md there.
   */
  fullScreen: z.boolean().default(false),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

/**
 * The one-time code the host prints on its console while the kiosk is not set up. Set-up from any
 * screen but the kiosk's own needs it; case, spaces and dashes do not matter ("abcd efgh").
 */
export const SetupCodeSchema = z.string().trim().min(1).max(32);

export const SetupInputSchema = SiteSettingsSchema.pick({ siteName: true, siteCode: true, district: true, region: true, languages: true }).extend({
  adminName: StaffNameSchema,
  adminPassword: StaffPasswordSchema,
  setupCode: SetupCodeSchema.optional(),
});

/**
 * A name this computer is reached by on the classroom network, besides its own addresses
 * ("kitepkana-pc", "ayil.school.kg"); the host answers no other name (DNS rebinding).
 */
export const HostNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/);
/** A short list: a classroom has a name or two, not a directory. */
export const HOST_NAMES_MAX = 10;

export const StaffAccountSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: StaffRoleSchema,
  createdAt: z.string(),
});

/** A learner as the console lists them. */
export const LearnerRowSchema = z.object({
  id: LearnerIdSchema,
  displayName: z.string(),
  avatar: AvatarSchema,
  language: LanguageSchema,
  createdOn: DaySchema,
  lastActiveOn: DaySchema.nullable(),
  secret: z.enum(['none', 'pin', 'pictures']),
  /** Locked for a while after wrong tries. */
  locked: z.boolean(),
  /** Locked until a librarian unlocks it: removing the secret does. */
  needsLibrarian: z.boolean(),
  lessonsCompleted: z.number().int().nonnegative(),
  coursesCompleted: z.number().int().nonnegative(),
});

export const LearnerCourseProgressSchema = z.object({
  packId: ContentIdSchema,
  courseId: ContentIdSchema,
  title: LocalizedTextSchema,
  lessonsTotal: z.number().int().nonnegative(),
  lessonsCompleted: z.number().int().nonnegative(),
  completed: z.boolean(),
  certificateCode: z.string().nullable(),
});

export const LearnerDetailSchema = z.object({
  learner: LearnerRowSchema,
  courses: z.array(LearnerCourseProgressSchema),
});

export const AGE_BANDS = ['under-18', '18-29', '30-44', '45-59', '60-plus', 'unknown'] as const;
export const AgeBandSchema = z.enum(AGE_BANDS);
export type AgeBand = z.infer<typeof AgeBandSchema>;

/** The counts every report and statistics file is made of. */
export const METRICS = ['learners_active', 'lessons_started', 'lessons_completed', 'courses_started', 'courses_completed'] as const;
export const MetricSchema = z.enum(METRICS);
export type Metric = z.infer<typeof MetricSchema>;

export const PeriodSchema = z.strictObject({ from: DaySchema, to: DaySchema });

const Counts = z.object({
  learnersActive: z.number().int().nonnegative(),
  lessonsStarted: z.number().int().nonnegative(),
  lessonsCompleted: z.number().int().nonnegative(),
  coursesStarted: z.number().int().nonnegative(),
  coursesCompleted: z.number().int().nonnegative(),
});

export const ReportSchema = z.object({
  from: DaySchema,
  to: DaySchema,
  /** Distinct learners active in the period (learners since erased are no longer in it). */
  learnersActive: z.number().int().nonnegative(),
  /** The weeks' counts added up (so `totals.learnersActive` counts learner-weeks, not people). */
  totals: Counts,
  /** One entry per ISO week of the period, empty weeks included, oldest first. */
  weeks: z.array(Counts.extend({ week: IsoWeekSchema })),
  courses: z.array(
    z.object({
      packId: ContentIdSchema,
      courseId: ContentIdSchema,
      /** Null when the course's pack has since been removed. */
      title: LocalizedTextSchema.nullable(),
      competenceAreas: z.array(z.number().int().min(1).max(5)),
      started: z.number().int().nonnegative(),
      completed: z.number().int().nonnegative(),
    }),
  ),
  /** DigComp 2.2 areas 1–5: course starts and completions of the courses that cover each. */
  areas: z.array(z.object({ area: z.number().int().min(1).max(5), started: z.number().int().nonnegative(), completed: z.number().int().nonnegative() })),
  /** Course completions by gender; `womenShare` is null when nobody completed a course. */
  completers: z.object({
    total: z.number().int().nonnegative(),
    byGender: z.object(Object.fromEntries(GENDERS.map((g) => [g, z.number().int().nonnegative()])) as Record<(typeof GENDERS)[number], z.ZodNumber>),
    womenShare: z.number().min(0).max(1).nullable(),
  }),
  /** Course completions by the learner's age band at the time. */
  ageBands: z.array(z.object({ band: AgeBandSchema, completed: z.number().int().nonnegative() })),
});
export type Report = z.infer<typeof ReportSchema>;

/**
 * One row of the statistics file (schema version 2, docs/statistics-format.md), and of a sync
 * batch: what leaves the kiosk, and nothing else. `dimension` says which breakdown the row is part
 * of; a total has none. Version 2: rows are what the weekly release rounds released (only ended
 * weeks; every number at least k; smaller counts carried into a later week's row).
 */
export const STATS_SCHEMA_VERSION = 2;
const STATS_ROW_BASE = {
  /** The week the count was released under: its own, or the last of those carried into it. */
  week: IsoWeekSchema,
  /** `packId/courseId`, or empty for site-wide counts (learners active). */
  course: z.string().regex(/^([a-z0-9][a-z0-9._-]{0,99}\/[a-z0-9][a-z0-9._-]{0,99})?$/),
  metric: MetricSchema,
  count: z.number().int().nonnegative(),
};
/** Each dimension allows only its own values, so no free text (a name…) can ride in a row. */
export const StatsRowSchema = z.discriminatedUnion('dimension', [
  z.strictObject({ ...STATS_ROW_BASE, dimension: z.literal('total'), value: z.literal('') }),
  z.strictObject({ ...STATS_ROW_BASE, dimension: z.literal('gender'), value: z.enum(GENDERS) }),
  z.strictObject({ ...STATS_ROW_BASE, dimension: z.literal('age_band'), value: AgeBandSchema }),
]);
export type StatsRow = z.infer<typeof StatsRowSchema>;

export const StatsFileSchema = z.strictObject({
  schema: z.literal('ayil.statistics'),
  schemaVersion: z.literal(STATS_SCHEMA_VERSION),
  siteCode: SiteCodeSchema,
  /** The smallest privacy threshold the file's rows were released with: no number under it is in the file. */
  k: z.number().int(),
  fromWeek: IsoWeekSchema,
  toWeek: IsoWeekSchema,
  rows: z.array(StatsRowSchema),
});
export type StatsFile = z.infer<typeof StatsFileSchema>;

export const StatsPreviewSchema = StatsFileSchema.extend({
  /** Breakdown cells held back because they (or the cells they would give away) are under k. */
  suppressedCells: z.number().int().nonnegative(),
  /**
   * For the screen only (the file keeps its codes): the title of each row's course that is still
   * installed, by `packId/courseId`.
   */
  courseTitles: z.record(z.string(), LocalizedTextSchema),
});

/** Where an export or backup goes: a stick the kiosk sees, or the kiosk's own exports folder. */
export const TargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('drive'), driveId: z.string().min(1).max(4096) }),
  z.strictObject({ kind: z.literal('folder') }),
]);

/** Set by the administrator for each backup: without it nobody can open the backup. */
export const BackupPassphraseSchema = z.string().min(10).max(200);
/** Typed to list or restore backups (any passphrase a backup may have been made with). */
export const BackupPassphraseCheckSchema = z.string().min(1).max(200);

/**
 * What a backup is, as far as the kiosk could check it: `unchecked` until a passphrase is given;
 * `ok` when the passphrase opened its authenticated header; otherwise why it cannot be restored.
 */
export const BACKUP_STATES = ['unchecked', 'ok', 'passphrase_wrong', 'damaged', 'too_new'] as const;

export const BackupSchema = z.object({
  file: z.string(),
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  state: z.enum(BACKUP_STATES),
  /** When it was taken (the kiosk's local time) and by which site: from the authenticated header, so null until `ok`. */
  takenAt: z.string().nullable(),
  siteName: z.string().nullable(),
});
