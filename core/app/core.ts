import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '../contract';
import type { Dispatch } from '../api/dispatch';
import { swapInBackup, type RestoreStep } from '../backup/restore';
import { journalFileOf, rollBackRestore, stagingFileOf } from '../backup/restore-journal';
import { openDatabase, type Db } from '../db/open';
import { AppError } from '../errors';
import { DriveWatcher } from '../drives';
import { isKnownHost } from '../kiosk/host-names';
import { formatSetupCode, newSetupCode } from '../kiosk/setup-code';
import type { Asset } from '../packs/assets';
import type { StaffRole } from '../staff/staff';
import { DEFAULT_SYNC_TIMINGS, SyncLoop, type SyncTimings } from '../sync';
import { writeToTarget } from '../files/write-to-target';
import { EventBus } from '../events/event-bus';
import { openKiosk, type Kiosk, type KioskContext } from './kiosk';

export interface CoreOptions {
  dataDir: string;
  /** The app's bundled packs (`*.ayilpack`) and the publisher keys it ships (`trusted-keys.json`). */
  bundledPacksDir: string;
  /** Folders whose subfolders count as removable drives (tests, fixed layouts); default: the OS's mounts. */
  driveRoots?: string[];
  /** How often to look for sticks, in milliseconds. */
  drivePollMs?: number;
  /** The kiosk's clock (device time: what batches are stamped with, weeks are counted by). */
  now?: () => Date;
  log?: (message: string) => void;
  /** The sync loop's timings (defaults: DEFAULT_SYNC_TIMINGS; hosts read AYIL_SYNC_* overrides). */
  sync?: Partial<SyncTimings>;
  /** Hears each point a restore passes (RESTORE_STEPS); for the power-cut tests, which kill the process there. */
  onRestoreStep?: (step: RestoreStep) => void | Promise<void>;
}

export interface Core {
  readonly dispatch: Dispatch;
  readonly dataDir: string;
  readonly databaseFile: string;
  /** Set when the kiosk cannot work (damaged database…): every call then answers with it. */
  readonly problem: AppError | null;
  /** A file inside an installed pack, for the hosts to serve to the page. */
  readAsset(packId: string, assetPath: string, range?: { start: number; end?: number }): Promise<Asset>;
  /** The USB sticks seen now (the desktop app offers them for a certificate's PDF). */
  sticks(): Array<{ id: string; label: string }>;
  /**
   * Writes a small file the host made (a certificate's PDF) at the top of a stick seen now,
   * complete or not at all; a missing, full or pulled-out stick is an AppError (`drive.*`).
   */
  saveToStick(stickId: string, name: string, content: Uint8Array): Promise<string>;
  /**
   * Core's events for the hosts to carry to the page (core/contract/events.ts): `subscribe` with a
   * session's token gets what its role may receive; the browser host's stream is opened with a
   * one-use ticket from `events.ticket`.
   */
  readonly events: Pick<EventBus, 'subscribe' | 'redeemTicket'>;
  /** For tests and tools: creates a staff account (the console does it through `staff.create`). */
  createStaffAccount(input: { name: string; role: StaffRole; password: string }): Promise<number>;
  /**
   * Whether the host answers a request sent with this `Host` (or `Origin` host): loopback, this
   * computer's addresses and name, and the names the administrator added (kiosk/host-names.ts).
   */
  allowsHost(header: string | undefined): boolean;
  /** The one-time set-up code ("ABCD-EFGH") for the host to print while the kiosk is not set up; null once it is. */
  setupCode(): string | null;
  close(): Promise<void>;
}

export const DATABASE_FILE_NAME = 'ayil.db';

/** A kiosk that cannot work: every call answers with the problem. */
function brokenKiosk(problem: AppError): Kiosk {
  const answer: Result<never> = { ok: false, error: problem.toApiError() };
  return {
    db: null as unknown as Db,
    dispatch: async () => answer,
    peekSession: () => undefined,
    readAsset: async () => Promise.reject(problem),
    createStaffAccount: async () => Promise.reject(problem),
    // Nothing to set up on a kiosk that cannot work.
    isSetUp: () => true,
    hostNames: () => [],
    close: async () => {},
  };
}

/**
 * Opens the kiosk's data folder and wires core together. It never throws for a damaged or
 * too-new database: the host still starts, and every call answers with the problem, so the
 * person at the screen reads what happened and what to do instead of watching a crash loop.
 *
 * Everything that lives on the database is one `Kiosk`; restoring a backup closes it and opens a
 * new one on the restored file, so the hosts keep the same Core (and dispatch) throughout.
 */
export async function startCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.error(message));
  fs.mkdirSync(options.dataDir, { recursive: true });
  const databaseFile = path.join(options.dataDir, DATABASE_FILE_NAME);
  const setupCode = newSetupCode();

  let db: Db;
  try {
    // A restore the power cut short is undone first: without it there may be no ayil.db at all,
    // and opening would make an empty one with set-up open to whoever comes first.
    if (await rollBackRestore(databaseFile)) log('A restore of a backup did not finish (was the computer switched off?). The data from before it has been put back.');
    db = openDatabase(databaseFile);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const broken = brokenKiosk(error);
    return {
      ...broken,
      dataDir: options.dataDir,
      databaseFile,
      problem: error,
      events: new EventBus(() => undefined),
      sticks: () => [],
      saveToStick: async () => Promise.reject(error),
      allowsHost: (header) => isKnownHost(header, []),
      setupCode: () => null,
    };
  }

  let kiosk: Kiosk;
  // Sessions are looked up in whichever kiosk is current when an event is sent.
  const events = new EventBus((token) => kiosk.peekSession(token), () => now().getTime(), log);
  const drives = new DriveWatcher({ roots: options.driveRoots, intervalMs: options.drivePollMs, log });
  await drives.start();
  // Only when the set of sticks changes: nothing on the page needs to poll for sticks.
  drives.onChange((sticks) => events.emit('sticks.changed', { sticks }));

  const syncTimings: SyncTimings = { ...DEFAULT_SYNC_TIMINGS, ...options.sync };
  const syncChanged = () => {
    const sync = kiosk.sync;
    if (sync) events.emit('sync.changed', () => sync.status());
  };
  // One loop for the life of the core: it works on whichever kiosk is current, and pauses while
  // a restore swaps them (so no request of the old database's is under way when it closes).
  const syncLoop = new SyncLoop({ target: () => kiosk.sync ?? null, timings: syncTimings, log, attempted: syncChanged });
  let problem: AppError | null = null;
  /** While a restore swaps databases, calls wait for it instead of meeting a closed one. */
  let swapping: Promise<void> | null = null;

  const context: KioskContext = {
    dataDir: options.dataDir,
    bundledPacksDir: options.bundledPacksDir,
    now,
    log,
    drives: () => drives.current(),
    syncLoop,
    syncTimings,
    events,
    setupCode,
    stagingFile: stagingFileOf(databaseFile),
    swapIn: async (backupFile) => {
      // Installed packs are files on this PC, not in the backup: the restored database keeps
      // pointing at the packs that are here now.
      const packRows = kiosk.db.prepare('SELECT * FROM packs').all() as Array<Record<string, unknown>>;
      let release = () => {};
      try {
        return await swapInBackup({
          databaseFile,
          backupFile,
          now: now(),
          onStep: options.onRestoreStep ?? (() => {}),
          closeLive: async () => {
            swapping = new Promise((resolve) => (release = resolve));
            await syncLoop.hold();
            await kiosk.close();
            // Every session ends with the old database: the screens go back to the start.
            events.endAllSessions();
          },
          openRestored: async () => {
            const restored = openDatabase(databaseFile);
            try {
              replacePackRows(restored, packRows);
              kiosk = await openKiosk(restored, context);
            } catch (error) {
              restored.close();
              throw error;
            }
          },
          reopenOld: async () => {
            try {
              // Never a new, empty database: only the old one, put back whole.
              if (fs.existsSync(journalFileOf(databaseFile)) || !fs.existsSync(databaseFile)) throw new AppError('backup.restore_failed', { file: backupFile });
              kiosk = await openKiosk(openDatabase(databaseFile), context);
            } catch (error) {
              problem = error instanceof AppError ? error : new AppError('backup.restore_failed');
              kiosk = brokenKiosk(problem);
            }
          },
        });
      } finally {
        swapping = null;
        release();
        syncLoop.release();
      }
    },
  };
  kiosk = await openKiosk(db, context);
  syncLoop.start();

  return {
    dispatch: async (method, input, token, caller) => {
      if (swapping) await swapping;
      return kiosk.dispatch(method, input, token, caller);
    },
    dataDir: options.dataDir,
    databaseFile,
    events,
    get problem() {
      return problem;
    },
    readAsset: (packId, assetPath, range) => kiosk.readAsset(packId, assetPath, range),
    sticks: () => drives.current().map(({ id, label }) => ({ id, label })),
    saveToStick: (stickId, name, content) => writeToTarget({ kind: 'drive', driveId: stickId }, { drives: drives.current(), dataDir: options.dataDir }, name, content),
    createStaffAccount: (input) => kiosk.createStaffAccount(input),
    allowsHost: (header) => isKnownHost(header, kiosk.hostNames()),
    setupCode: () => (kiosk.isSetUp() ? null : formatSetupCode(setupCode)),
    close: async () => {
      await syncLoop.stop();
      drives.stop();
      await kiosk.close();
    },
  };
}

function replacePackRows(db: Db, rows: Array<Record<string, unknown>>): void {
  db.transaction(() => {
    db.prepare('DELETE FROM packs').run();
    for (const row of rows) {
      const columns = Object.keys(row);
      db.prepare(`INSERT INTO packs (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
    }
  })();
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
