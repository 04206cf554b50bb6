import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '../contract';
import { createDispatch, type Dispatch } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { openDatabase, type Db } from '../db/open';
import { AppError } from '../errors';
import { Settings } from '../kiosk/settings';
import { Learners } from '../learners/learners';
import { installBundledPacks } from '../packs/bundled';
import { Catalog } from '../packs/catalog';
import { Progress } from '../progress/progress';
import { Sessions } from '../sessions/sessions';

export interface CoreOptions {
  dataDir: string;
  /** Folder of pack sources that ship with the app; installed on first start. */
  bundledPacksDir: string;
  now?: () => Date;
  log?: (message: string) => void;
}

export interface Core {
  readonly dispatch: Dispatch;
  readonly dataDir: string;
  readonly databaseFile: string;
  /** Set when the kiosk cannot work (damaged database…): every call then answers with it. */
  readonly problem: AppError | null;
  close(): void;
}

export const DATABASE_FILE_NAME = 'ayil.db';

/**
 * Opens the kiosk's data folder and wires core together. It never throws for a damaged or
 * too-new database: the host still starts, and every call answers with the problem, so the
 * person at the screen reads what happened and what to do instead of watching a crash loop.
 */
export function startCore(options: CoreOptions): Core {
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
    return { dispatch: async () => answer, dataDir: options.dataDir, databaseFile, problem: error, close: () => {} };
  }

  installBundledPacks(db, path.join(options.dataDir, 'packs'), options.bundledPacksDir, now);
  const sessions = new Sessions();
  const catalog = new Catalog(db);
  const handlers = createHandlers({
    sessions,
    catalog,
    learners: new Learners(db, now),
    settings: new Settings(db),
    progress: new Progress(db, catalog, now),
  });
  return {
    dispatch: createDispatch(handlers, sessions, log),
    dataDir: options.dataDir,
    databaseFile,
    problem: null,
    close: () => db.close(),
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


