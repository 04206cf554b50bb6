import { randomBytes } from 'node:crypto';
import type { ApiError } from '../contract';
import { AppError } from '../errors';
import type { InstallOptions, InstallProgress, InstalledRow, PackInstaller } from './installer';

export type JobState = 'queued' | InstallProgress['phase'] | 'done' | 'failed' | 'cancelled';

export interface ImportJob {
  id: string;
  file: string;
  state: JobState;
  bytesDone: number;
  bytesTotal: number;
  currentFile: string;
  error: ApiError | null;
  packId: string | null;
  version: string | null;
}

/** Progress is told at most this often per job; a change of state is told at once. */
const PROGRESS_EVERY_MS = 250;

/**
 * Runs imports one at a time in the order they were asked for (two imports never interleave),
 * keeps each job's progress, tells `changed` when a job is queued, moves on or ends (the screen
 * hears it as `imports.changed`), and cancels on request.
 */
export class ImportQueue {
  private readonly jobs = new Map<string, { job: ImportJob; abort: AbortController; toldAt: number }>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly installer: PackInstaller,
    private readonly afterInstall: (row: InstalledRow) => void,
    private readonly changed: (job: ImportJob) => void = () => {},
  ) {}

  enqueue(file: string, options: Pick<InstallOptions, 'acceptUntrusted' | 'force'>): ImportJob {
    const abort = new AbortController();
    const job: ImportJob = { id: randomBytes(8).toString('hex'), file, state: 'queued', bytesDone: 0, bytesTotal: 0, currentFile: '', error: null, packId: null, version: null };
    const entry = { job, abort, toldAt: 0 };
    this.jobs.set(job.id, entry);
    const run = async () => {
      if (abort.signal.aborted) return this.settle(job, 'cancelled', new AppError('pack.cancelled'));
      try {
        const row = await this.installer.install(file, {
          ...options,
          signal: abort.signal,
          onProgress: (p) => {
            const moved = p.phase !== job.state;
            Object.assign(job, { state: p.phase, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, currentFile: p.currentFile });
            if (moved || Date.now() - entry.toldAt >= PROGRESS_EVERY_MS) this.tell(entry);
          },
        });
        Object.assign(job, { packId: row.id, version: row.version, bytesDone: job.bytesTotal });
        this.afterInstall(row);
        this.settle(job, 'done', null);
      } catch (error) {
        const appError = error instanceof AppError ? error : new AppError('internal');
        this.settle(job, appError.code === 'pack.cancelled' ? 'cancelled' : 'failed', appError);
      }
    };
    this.tail = this.tail.then(run, run);
    this.tell(entry);
    return { ...job };
  }

  /** Resolves when the job has finished, whichever way. */
  async settled(id: string): Promise<ImportJob> {
    const found = this.jobs.get(id);
    if (!found) throw new AppError('pack.job_not_found', { jobId: id });
    while (!['done', 'failed', 'cancelled'].includes(found.job.state)) await this.tail;
    return { ...found.job };
  }

  get(id: string): ImportJob {
    const found = this.jobs.get(id);
    if (!found) throw new AppError('pack.job_not_found', { jobId: id });
    return { ...found.job };
  }

  list(): ImportJob[] {
    return [...this.jobs.values()].map(({ job }) => ({ ...job }));
  }

  cancel(id: string): void {
    const found = this.jobs.get(id);
    if (!found) throw new AppError('pack.job_not_found', { jobId: id });
    found.abort.abort();
  }

  private settle(job: ImportJob, state: JobState, error: AppError | null): void {
    job.state = state;
    job.error = error ? error.toApiError() : null;
    const entry = this.jobs.get(job.id);
    if (entry) this.tell(entry);
  }

  private tell(entry: { job: ImportJob; toldAt: number }): void {
    entry.toldAt = Date.now();
    this.changed({ ...entry.job });
  }
}
