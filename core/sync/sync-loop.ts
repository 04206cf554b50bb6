import type { AttemptOutcome } from './attempt';
import { retryDelay } from './backoff';
import type { SyncTimings } from './timings';

/** What the loop drives: the current kiosk's sync (it changes when a backup is restored). */
export interface SyncTarget {
  attempt(signal: AbortSignal): Promise<AttemptOutcome>;
}

/** What the kiosk's sync service may ask of the loop. */
export interface SyncLoopControl {
  /** Starts an attempt now (or right after the one under way) and resolves when it has ended. */
  wake(): Promise<void>;
  /** Milliseconds until the next attempt after a failure; 0 while one runs; null when only idling. */
  msUntilNextAttempt(): number | null;
}

export interface SyncLoopOptions {
  /** The kiosk to work for, looked up at every attempt; null when there is none (a broken database). */
  target: () => SyncTarget | null;
  timings: SyncTimings;
  log: (message: string) => void;
  /** Told after each attempt, once the next one is planned (the status's "next attempt" is then right). */
  attempted?: () => void;
}

/** setTimeout's limit; longer waits are cut to it (they end in a fresh look anyway). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The background loop of the host process: one attempt at a time, then a wait: the idle time
 * when there was nothing to do or everything went, a jittered backoff after a failure (reset by
 * any acknowledgement). Nothing of it is stored: a restarted kiosk starts with an attempt, and
 * everything it sends is in the database. `navigator.onLine` plays no part: only an answer from
 * the collector counts as being online.
 */
export class SyncLoop implements SyncLoopControl {
  private stopped = false;
  private held = false;
  private failures = 0;
  private controller: AbortController | null = null;
  private running: Promise<AttemptOutcome> | null = null;
  /** `wake()` callers waiting for an attempt that starts after their call. */
  private waiting: Array<() => void> = [];
  private interrupt: (() => void) | null = null;
  /** Date.now() of the next attempt after a failure; null when idling. */
  private nextAt: number | null = null;
  private done: Promise<void> = Promise.resolve();

  constructor(private readonly options: SyncLoopOptions) {}

  start(): void {
    this.done = this.run();
  }

  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.interrupt?.();
    });
  }

  msUntilNextAttempt(): number | null {
    if (this.running) return 0;
    return this.nextAt === null ? null : Math.max(0, this.nextAt - Date.now());
  }

  /** Pauses the loop (a restore swaps the database): the attempt under way is aborted and awaited. */
  async hold(): Promise<void> {
    this.held = true;
    this.controller?.abort();
    await this.running;
  }

  /** Resumes after `hold`, with an attempt at once: the restored database may hold other batches. */
  release(): void {
    // A restore that failed before the swap never held the loop: nothing to resume, no early attempt.
    if (!this.held) return;
    this.held = false;
    this.failures = 0;
    this.interrupt?.();
  }

  /** Ends the loop promptly: the request under way is aborted; no timer is left behind. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.controller?.abort();
    this.interrupt?.();
    await this.done;
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private async run(): Promise<void> {
    let delay = 0;
    while (!this.stopped) {
      await this.sleep(this.held ? Infinity : delay);
      if (this.stopped) break;
      if (this.held) continue;
      const waiting = this.waiting.splice(0);
      this.controller = new AbortController();
      this.running = this.attempt(this.controller.signal);
      const outcome = await this.running;
      this.running = null;
      this.controller = null;
      for (const resolve of waiting) resolve();
      delay = this.waiting.length > 0 ? 0 : this.delayAfter(outcome);
      if (outcome.kind !== 'aborted') this.options.attempted?.();
    }
  }

  private async attempt(signal: AbortSignal): Promise<AttemptOutcome> {
    try {
      return (await this.options.target()?.attempt(signal)) ?? { kind: 'idle' };
    } catch (error) {
      // A bug or a database problem, not the collector's: logged, and retried like a failure.
      this.options.log(`sync attempt failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { kind: 'failed', problem: 'sync.server_error', retryAfterMs: null, batches: 0 };
    }
  }

  private delayAfter(outcome: AttemptOutcome): number {
    const { timings } = this.options;
    switch (outcome.kind) {
      case 'aborted':
        return 0;
      case 'idle':
      case 'sent':
        this.failures = 0;
        this.nextAt = null;
        return timings.idleMs;
      case 'failed': {
        // Any acknowledgement is a success: the collector is there, so the backoff starts afresh.
        this.failures = outcome.batches > 0 ? 1 : this.failures + 1;
        const delay = retryDelay(this.failures, timings, outcome.retryAfterMs, timings.random);
        this.nextAt = Date.now() + delay;
        return delay;
      }
    }
  }

  /** Waits `ms` (forever for Infinity) or until woken, stopped or released. */
  private sleep(ms: number): Promise<void> {
    if (this.waiting.length > 0 && !this.held) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => finish(), Math.min(ms, MAX_TIMER_MS)) : null;
      const finish = () => {
        if (timer) clearTimeout(timer);
        this.interrupt = null;
        resolve();
      };
      this.interrupt = finish;
    });
  }
}
