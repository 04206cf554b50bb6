import type { EventPayload, MethodName, MethodOutput, MethodRole, ParsedInput, Role } from '../contract';
import path from 'node:path';
import { freeBytes, type Drive } from '../drives';
import { AppError } from '../errors';
import { describeStickPacks, exportPacksToDrive } from '../packs/drive-packs';
import { describeStickKeys } from '../packs/stick-keys';
import type { Backups } from '../backup/backups';
import type { Certificates } from '../certificates/certificates';
import type { SetupInput } from '../kiosk/setup';
import type { Settings } from '../kiosk/settings';
import type { LearnerAdmin } from '../learners/learner-admin';
import type { Learners } from '../learners/learners';
import type { ImportQueue } from '../packs/import-queue';
import type { InstalledRow, PackInstaller } from '../packs/installer';
import type { TrustStore } from '../packs/trust';
import type { Progress } from '../progress/progress';
import type { Sessions } from '../sessions/sessions';
import type { Staff } from '../staff/staff';
import type { Stats } from '../stats';
import type { Sync } from '../sync';
import { createAdminHandlers } from './admin-handlers';
import { createStatsHandlers } from './stats-handlers';
import { createSyncHandlers } from './sync-handlers';

/** What a handler knows about its caller; learner methods always get a learner id. */
export interface CallContext<R> {
  token: string | null;
  role: Role;
  learnerId: R extends 'learner' ? number : number | null;
  /** The staff account behind the session, for staff methods (null for a learner or nobody). */
  staffId: number | null;
  /** Where the call comes from (dispatch's Caller): sign-in limits count per address too. */
  address: string;
  /** The call comes from the kiosk's own screen (dispatch.ts, Caller). */
  kioskScreen: boolean;
}

export type Handlers = {
  [K in MethodName]: (input: ParsedInput<K>, ctx: CallContext<MethodRole<K>>) => MethodOutput<K> | Promise<MethodOutput<K>>;
};

export interface Services {
  learners: Learners;
  /** The console's learner list, detail and erase. */
  learnerAdmin: LearnerAdmin;
  sessions: Sessions;
  settings: Settings;
  progress: Progress;
  staff: Staff;
  certificates: Certificates;
  installer: PackInstaller;
  imports: ImportQueue;
  trust: TrustStore;
  backups: Backups;
  /** Reports and the anonymised statistics export. */
  stats: Stats;
  /** Sending the anonymised figures to the collector, by network or stick. */
  sync: Sync;
  /** The kiosk's data folder (exports go to its `exports` folder when no stick is chosen). */
  dataDir: string;
  /** Removable drives the kiosk sees now. */
  drives: () => Drive[];
  /** A pack was installed or removed: the catalogue is read again and the screens are told. */
  packsChanged: (change: EventPayload<'packs.changed'>) => void;
  /** A one-use ticket for the browser host's event stream, standing for this token (core/events). */
  eventTicket: (token: string | null) => string;
  /** First-run set-up in one transaction; answers the first administrator's account id. */
  completeSetup: (input: SetupInput, caller: { kioskScreen: boolean }) => Promise<number>;
  /**
   * The signed-in staff member re-enters their password before a sensitive action (an export, a
   * backup or restore, a new staff account or password, a trusted key, enrolment); throws
   * AppError('staff.password_wrong') when it does not match (and the caller then does nothing).
   * Wrong ones count against the account's sign-in limits.
   */
  confirmPassword: (caller: { token: string | null; address: string }, password: string) => Promise<void>;
}

const done = { done: true } as const;

/** The implementation of every contract method, each a thin call into a core service. */
export function createHandlers(services: Services): Handlers {
  const { learners, sessions, settings, progress, staff, installer, imports, trust, certificates } = services;
  const grant = (learnerId: number, wrongTriesSinceLastVisit = 0) => ({
    learner: learners.get(learnerId),
    token: sessions.open({ role: 'learner', learnerId, staffId: null }),
    wrongTriesSinceLastVisit,
  });

  return {
    ...createAdminHandlers(services),
    ...createStatsHandlers(services),
    ...createSyncHandlers(services),
    'kiosk.state': (_input, { kioskScreen }) => ({
      setUp: settings.isSetUp(),
      language: settings.language(),
      languages: settings.languages(),
      siteName: settings.siteName(),
      idleTimeoutSeconds: settings.idleTimeoutSeconds(),
      staffIdleTimeoutSeconds: settings.staffIdleTimeoutSeconds(),
      keyboardLayout: settings.keyboardLayout(),
      fullScreen: settings.fullScreen(),
      setupCodeNeeded: !kioskScreen && !settings.isSetUp(),
    }),
    'kiosk.setLanguage': ({ language }) => {
      settings.setLanguage(language);
      return done;
    },
    'learners.list': () => learners.list(),
    'learners.create': async (input) => grant((await learners.create(input)).id),
    'learners.choose': async ({ learnerId, secret }, { address }) => grant(learnerId, await learners.unlock(learnerId, secret, address)),
    'learners.guest': async ({ language }) => grant((await learners.create({ displayName: '', avatar: 'star', language, guest: true })).id),
    'learners.resetSecret': ({ learnerId }) => {
      learners.resetSecret(learnerId);
      return done;
    },
    'session.logout': (_input, { token }) => {
      if (token) sessions.close(token);
      return done;
    },
    'learner.setLanguage': ({ language }, { learnerId }) => {
      learners.setLanguage(learnerId, language);
      return done;
    },
    'learner.me': (_input, { learnerId }) => {
      const profile = learners.profile(learnerId);
      return { learner: learners.get(learnerId), profileAsked: profile.asked, gender: profile.gender, birthYear: profile.birthYear };
    },
    'learner.setProfile': (profile, { learnerId }) => {
      learners.setProfile(learnerId, profile);
      return done;
    },
    'learner.setSecret': async ({ secret }, { learnerId }) => {
      await learners.setSecret(learnerId, secret);
      return done;
    },
    'certificates.mine': (_input, { learnerId }) => certificates.forLearner(learnerId),
    'certificates.verify': ({ code }) => certificates.verify(code),
    'courses.list': (_input, { learnerId }) => progress.courses(learnerId),
    'lessons.get': ({ packId, lessonId }, { learnerId }) => progress.lesson(learnerId, packId, lessonId),
    'progress.submitStep': ({ packId, lessonId, stepId, answer }, { learnerId }) =>
      progress.submitStep(learnerId, packId, lessonId, stepId, answer),
    'staff.login': async ({ name, password }, { address }) => {
      const account = await staff.login(name, password, address);
      return { token: sessions.open({ role: account.role, learnerId: null, staffId: account.id }), role: account.role };
    },
    'packs.installed': () => installer.list().map(describeInstalled),
    'packs.import': ({ file, acceptUntrusted, force }, { role }) => {
      if ((acceptUntrusted || force) && role !== 'admin') throw new AppError('auth.forbidden', { method: 'packs.import', role: 'admin' });
      // Only packs on a stick the kiosk sees: the API never reads arbitrary files of the host.
      if (!services.drives().some((d) => isInside(d.path, file))) throw new AppError('drive.not_found', { file });
      return imports.enqueue(file, { acceptUntrusted, force });
    },
    'packs.jobs': () => imports.list(),
    'packs.cancelImport': ({ jobId }) => {
      imports.cancel(jobId);
      return done;
    },
    'packs.remove': ({ packId }) => {
      installer.remove(packId);
      services.packsChanged({ packId, change: 'removed', version: null });
      return done;
    },
    // Which sticks, and room on each: no file on them is opened (`drives.packs` does that, on request).
    'drives.list': () => Promise.all(services.drives().map(async (drive) => ({ ...drive, freeBytes: await freeBytes(drive.path).catch(() => 0) }))),
    'drives.packs': async ({ driveId }) => {
      const drive = services.drives().find((d) => d.id === driveId);
      if (!drive) throw new AppError('drive.not_found', { driveId });
      return describeStickPacks(drive, installer, trust).catch(() => []);
    },
    'events.ticket': (_input, { token }) => ({ ticket: services.eventTicket(token) }),
    'packs.exportToDrive': async ({ driveId, packIds }) => {
      const drive = services.drives().find((d) => d.id === driveId);
      if (!drive) throw new AppError('drive.not_found', { driveId });
      return { files: await exportPacksToDrive(drive, packIds, installer) };
    },
    'keys.list': () => trust.list(),
    'keys.onSticks': () => describeStickKeys(services.drives(), trust),
    'keys.trust': async ({ password, ...key }, ctx) => {
      await services.confirmPassword(ctx, password);
      trust.add(key);
      return done;
    },
  };
}

function describeInstalled(row: InstalledRow) {
  const areas = new Set<number>();
  for (const course of row.manifest.courses) {
    for (const lesson of course.lessons) for (const c of lesson.competences) areas.add(Number(c.code.split('.')[0]));
  }
  return {
    id: row.id,
    version: row.version,
    title: row.manifest.title,
    defaultLanguage: row.manifest.defaultLanguage,
    languages: row.manifest.languages,
    publisher: row.manifest.publisher,
    trust: row.trust,
    size: row.size,
    competenceAreas: [...areas].sort(),
    installedAt: row.installedAt,
  };
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(path.resolve(dir), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
