import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '../contract';
import { createDispatch, type Dispatch } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { openDatabase, type Db } from '../db/open';
import { AppError } from '../errors';
import { DriveWatcher } from '../drives';
import { Certificates } from '../certificates/certificates';
import { Settings } from '../kiosk/settings';
import { Learners } from '../learners/learners';
import { PackAssets, type Asset } from '../packs/assets';
import { installBundledPacks, readShippedKeys } from '../packs/bundled';
import { Catalog } from '../packs/catalog';
import { ImportQueue } from '../packs/import-queue';
import { PackInstaller } from '../packs/installer';
import { TrustStore } from '../packs/trust';
import { Progress } from '../progress/progress';
import { Sessions } from '../sessions/sessions';
import { Staff, type StaffRole } from '../staff/staff';

export interface CoreOptions {
  dataDir: string;
  /** The app's bundled packs (`*.ayilpack`) and the publisher keys it ships (`trusted-keys.json`). */
  bundledPacksDir: string;
  /** Folders whose subfolders count as removable drives (tests, fixed layouts); default: the OS's mounts. */
  driveRoots?: string[];
  /** How often to look for sticks, in milliseconds. */
  drivePollMs?: number;
  now?: () => Date;
  log?: (message: string) => void;
}

export interface Core {
  readonly dispatch: Dispatch;
  readonly dataDir: string;
  readonly databaseFile: string;
  /** Set when the kiosk cannot work (damaged database…): every call then answers with it. */
  readonly problem: AppError | null;
  /** A file inside an installed pack, for the hosts to serve to the page. */
  readAsset(packId: string, assetPath: string, range?: { start: number; end?: number }): Promise<Asset>;
  /** For first-run set-up (and tests): creates a staff account. */
  createStaffAccount(input: { name: string; role: StaffRole; password: string }): Promise<number>;
  close(): Promise<void>;
}

export const DATABASE_FILE_NAME = 'ayil.db';

/**
 * Opens the kiosk's data folder and wires core together. It never throws for a damaged or
 * too-new database: the host still starts, and every call answers with the problem, so the
 * person at the screen reads what happened and what to do instead of watching a crash loop.
 */
export async function startCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.error(message));
  fs.mkdirSync(options.dataDir, { recursive: true });
  const databaseFile = path.join(options.dataDir, DATABASE_FILE_NAME);

  let db: Db;
  try {
    db = openDatabase(databaseFile);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const answer: Result<never> = { ok: false, error: error.toApiError() };
    return {
      dispatch: async () => answer,
      dataDir: options.dataDir,
      databaseFile,
      problem: error,
      readAsset: async () => Promise.reject(error),
      createStaffAccount: async () => Promise.reject(error),
      close: async () => {},
    };
  }

  const trust = new TrustStore(db, readShippedKeys(options.bundledPacksDir), now);
  let assets: PackAssets | null = null;
  const installer = new PackInstaller(db, path.join(options.dataDir, 'packs'), trust, now, (file) => assets?.release(file));
  assets = new PackAssets(installer);
  installer.cleanUp();
  const catalog = new Catalog(db);
  const afterPacksChanged = () => catalog.reload();
  await installBundledPacks(installer, options.bundledPacksDir, log);
  afterPacksChanged();

  const drives = new DriveWatcher({ roots: options.driveRoots, intervalMs: options.drivePollMs, log });
  await drives.start();

  const settings = new Settings(db);
  const learners = new Learners(db, now);
  learners.removeAllGuests(); // a guest's session did not survive the restart; neither does their data
  const certificates = new Certificates(db, () => settings.certificateKey());
  // The server ends an idle session a minute after the screen would have logged it out.
  const sessions = new Sessions(
    () => (settings.idleTimeoutSeconds() + 60) * 1000,
    now,
    (session) => {
      if (session.learnerId !== null) learners.removeGuest(session.learnerId);
    },
  );
  const staff = new Staff(db, now);
  const progress = new Progress(db, catalog, now, (learnerId, found, at) =>
    certificates.issue({
      learnerId,
      learnerName: learners.get(learnerId).displayName,
      packId: found.pack.id,
      courseId: found.course.id,
      courseTitle: found.course.title,
      siteName: settings.siteName(),
      issuedOn: at.toISOString().slice(0, 10),
    }),
  );
  const imports = new ImportQueue(installer, afterPacksChanged);
  const handlers = createHandlers({
    sessions,
    staff,
    installer,
    imports,
    trust,
    learners,
    settings,
    progress,
    certificates,
    drives: () => drives.current(),
    afterPacksChanged,
  });
  return {
    dispatch: createDispatch(handlers, sessions, log),
    dataDir: options.dataDir,
    databaseFile,
    problem: null,
    readAsset: (packId, assetPath, range) => assets.read(packId, assetPath, range),
    createStaffAccount: (input) => staff.create(input),
    close: async () => {
      drives.stop();
      for (const job of imports.list()) imports.cancel(job.id);
      await Promise.all(imports.list().map((job) => imports.settled(job.id)));
      assets.closeAll();
      db.close();
    },
  };
}

/** A plain-words account of a start-up problem for the host's console (the UI shows it translated). */
export function describeProblem(problem: AppError): string {
  const file = String(problem.params.file ?? '');
  switch (problem.code) {
    case 'db.damaged':
      return [
        `Ayil cannot use its database file, because the file is damaged: ${file}`,
        'Nothing has been written to it. Next step: stop Ayil, move that file to a safe place',
        '(for example rename it to ayil.db.damaged), then start Ayil again to begin with an empty',
        'database, or ask your administrator to restore the latest backup.',
      ].join('\n');
    case 'db.too_new':
      return [
        `Ayil cannot use its database file, because a newer version of Ayil wrote it: ${file}`,
        'Nothing has been changed. Next step: install the newer version of Ayil on this computer.',
      ].join('\n');
    default:
      return `Ayil cannot start: ${problem.code}`;
  }
}
