import path from 'node:path';
import type { EventPayload } from '../contract';
import { createDispatch, type Dispatch } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { Backups } from '../backup/backups';
import { Certificates } from '../certificates/certificates';
import type { Db } from '../db/open';
import { guardQueries } from '../db/query-guard';
import type { EventBus } from '../events/event-bus';
import type { Drive } from '../drives';
import { AppError } from '../errors';
import { completeSetup } from '../kiosk/setup';
import { Settings } from '../kiosk/settings';
import { LearnerAdmin } from '../learners/learner-admin';
import { Learners } from '../learners/learners';
import { PackAssets, type Asset } from '../packs/assets';
import { installBundledPacks, readShippedKeys } from '../packs/bundled';
import { Catalog } from '../packs/catalog';
import { ImportQueue } from '../packs/import-queue';
import { PackInstaller } from '../packs/installer';
import { TrustStore } from '../packs/trust';
import { Progress } from '../progress/progress';
import { Stats, StatsRecorder } from '../stats';
import { Sessions, type Session } from '../sessions/sessions';
import { TryLimits } from '../sessions/try-limits';
import { Staff, type StaffRole } from '../staff/staff';
import { Sync, type SyncLoopControl, type SyncTimings } from '../sync';

export interface KioskContext {
  dataDir: string;
  bundledPacksDir: string;
  now: () => Date;
  log: (message: string) => void;
  drives: () => Drive[];
  /** Where a backup is decrypted and checked before a restore swaps it in. */
  stagingFile: string;
  /** Replaces the database with the checked staging copy (the core swaps kiosks); answers where the old one is. */
  swapIn: (backupFile: string) => Promise<string>;
  /** This start's one-time set-up code (set-up from anywhere but the kiosk's own screen needs it). */
  setupCode: string;
  /** The host's sync loop (it outlives a kiosk) and the collector requests' timeouts. */
  syncLoop: SyncLoopControl;
  syncTimings: Pick<SyncTimings, 'probeTimeoutMs' | 'requestTimeoutMs'>;
  /** The core's events (they outlive a kiosk, as the hosts' streams do). */
  events: EventBus;
}

/** How often sessions idle for too long are ended, so the screen hears of it without asking. */
const IDLE_SWEEP_MS = 15_000;

/** Everything that lives on one open database: rebuilt on the new one after a restore. */
export interface Kiosk {
  readonly db: Db;
  readonly dispatch: Dispatch;
  /** What the sync loop works on; absent on a kiosk that cannot work. */
  readonly sync?: Sync;
  /** The live session of a token, without counting as its use (for the event streams). */
  peekSession(token: string): Session | undefined;
  readAsset(packId: string, assetPath: string, range?: { start: number; end?: number }): Promise<Asset>;
  createStaffAccount(input: { name: string; role: StaffRole; password: string }): Promise<number>;
  isSetUp(): boolean;
  /** The names the administrator added for the host to answer to. */
  hostNames(): readonly string[];
  /** Cancels imports, closes pack files and the database. */
  close(): Promise<void>;
}

export async function openKiosk(openDb: Db, ctx: KioskContext): Promise<Kiosk> {
  const { now, log, events } = ctx;
  // Dispatch's queries must not be able to write: every connection of a kiosk is guarded.
  const db = guardQueries(openDb);
  const trust = new TrustStore(db, readShippedKeys(ctx.bundledPacksDir), now);
  let assets: PackAssets | null = null;
  const installer = new PackInstaller(db, path.join(ctx.dataDir, 'packs'), trust, now, (file) => assets?.release(file));
  assets = new PackAssets(installer);
  installer.cleanUp();
  const catalog = new Catalog(db);
  await installBundledPacks(installer, ctx.bundledPacksDir, log);
  catalog.reload();
  const packsChanged = (change: EventPayload<'packs.changed'>) => {
    catalog.reload();
    events.emit('packs.changed', change);
  };

  const settings = new Settings(db);
  // Read now and kept: the host asks on every request, also while a restore has this database closed.
  settings.hostNames();
  const tries = new TryLimits(db, now);
  const learners = new Learners(db, now, tries);
  learners.removeAllGuests(); // a guest's session did not survive the restart; neither does their data
  const certificates = new Certificates(db, () => settings.certificateKey());
  // The server ends an idle session a minute after the screen would have signed it out: a learner's
  // after the site's learner idle time, staff's after the console's own (so a short learner
  // timeout never ends a librarian's session, and the console is not left open on a shared PC).
  const sessions = new Sessions(
    (session) => ((session.staffId !== null ? settings.staffIdleTimeoutSeconds() : settings.idleTimeoutSeconds()) + 60) * 1000,
    now,
    (session, token) => {
      if (session.learnerId !== null) learners.removeGuest(session.learnerId);
      events.emit('session.ended', {}, token);
    },
  );
  const idleSweep = setInterval(() => {
    try {
      sessions.endIdle();
    } catch (error) {
      // A guest's data that could not be deleted now is deleted at the next start; the host runs on.
      log(`Ending idle sessions failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }, IDLE_SWEEP_MS);
  idleSweep.unref();
  const staff = new Staff(db, now, tries, () => [settings.siteName(), settings.siteCode()]);
  // Only courses the pack marks as certifying give a certificate (a practice tour does not); for the
  // others every completion of their last lesson counts as the course's.
  const progress = new Progress(db, catalog, now, (learnerId, found, at) =>
    !found.course.certifying ||
    certificates.issue({
      learnerId,
      learnerName: learners.get(learnerId).displayName,
      packId: found.pack.id,
      courseId: found.course.id,
      courseTitle: found.course.title,
      siteName: settings.siteName(),
      issuedOn: at.toISOString().slice(0, 10),
    }),
    new StatsRecorder(db),
  );
  const imports = new ImportQueue(
    installer,
    (row) => packsChanged({ packId: row.id, change: 'installed', version: row.version }),
    (job) => events.emit('imports.changed', { job }),
  );
  const backups = new Backups({
    db,
    dataDir: ctx.dataDir,
    stagingFile: ctx.stagingFile,
    site: () => ({ name: settings.siteName(), code: settings.siteCode() }),
    drives: ctx.drives,
    now,
    swapIn: ctx.swapIn,
  });
  const sync: Sync = new Sync({
    db,
    settings,
    now,
    loop: ctx.syncLoop,
    timings: ctx.syncTimings,
    drives: ctx.drives,
    dataDir: ctx.dataDir,
    changed: () => events.emit('sync.changed', () => sync.status()),
  });
  const handlers = createHandlers({
    sessions,
    staff,
    installer,
    imports,
    trust,
    learners,
    learnerAdmin: new LearnerAdmin(db, catalog, now),
    settings,
    progress,
    certificates,
    backups,
    stats: new Stats(db, catalog, settings, { drives: ctx.drives, dataDir: ctx.dataDir }, now),
    sync,
    dataDir: ctx.dataDir,
    drives: ctx.drives,
    packsChanged,
    eventTicket: (token) => events.issueTicket(token),
    completeSetup: (input, caller) => completeSetup(db, settings, staff, input, { ...caller, setupCode: ctx.setupCode }),
    confirmPassword: async ({ token, address }, password) => {
      const session = token ? sessions.find(token) : undefined;
      if (!session || session.staffId === null) throw new AppError('staff.password_wrong');
      await staff.confirmPassword(session.staffId, password, address);
    },
  });
  return {
    db,
    sync,
    dispatch: createDispatch(handlers, sessions, log, () => settings.isSetUp()),
    peekSession: (token) => sessions.peek(token),
    readAsset: (packId, assetPath, range) => assets.read(packId, assetPath, range),
    createStaffAccount: (input) => staff.create(input),
    isSetUp: () => settings.isSetUp(),
    hostNames: () => settings.hostNames(),
    close: async () => {
      clearInterval(idleSweep);
      for (const job of imports.list()) imports.cancel(job.id);
      await Promise.all(imports.list().map((job) => imports.settled(job.id)));
      assets.closeAll();
      db.close();
    },
  };
}
