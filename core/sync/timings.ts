/** The sync loop's timings (CoreOptions.sync); hosts may override them from the environment. */
export interface SyncTimings {
  /** First backoff ceiling after a failure; doubles per failure up to the cap. */
  retryBaseMs: number;
  retryCapMs: number;
  /** How often to look again when there is nothing to send (or the kiosk is not enrolled). */
  idleMs: number;
  /** The health probe's timeout: a dead link is found out quickly. */
  probeTimeoutMs: number;
  /** Enrolment and each batch: a slow village link may need a while for a big batch. */
  requestTimeoutMs: number;
  /** For tests of the jitter: a source of numbers in [0, 1). */
  random?: () => number;
}

export const DEFAULT_SYNC_TIMINGS: SyncTimings = {
  retryBaseMs: 5_000,
  retryCapMs: 15 * 60_000,
  idleMs: 60_000,
  probeTimeoutMs: 5_000,
  requestTimeoutMs: 30_000,
};

/** The environment variables a host reads (names are part of the test contract: docs/sync.md). */
export const SYNC_TIMING_ENV = {
  retryBaseMs: 'AYIL_SYNC_RETRY_BASE_MS',
  retryCapMs: 'AYIL_SYNC_RETRY_CAP_MS',
  idleMs: 'AYIL_SYNC_IDLE_MS',
  probeTimeoutMs: 'AYIL_SYNC_PROBE_TIMEOUT_MS',
  requestTimeoutMs: 'AYIL_SYNC_REQUEST_TIMEOUT_MS',
} as const;

/** The overrides present in `env`; a value that is not a whole number ≥ 0 is ignored (and said so). */
export function syncTimingsFromEnv(env: NodeJS.ProcessEnv, warn: (message: string) => void = () => {}): Partial<SyncTimings> {
  const timings: Partial<SyncTimings> = {};
  for (const [field, name] of Object.entries(SYNC_TIMING_ENV) as Array<[keyof typeof SYNC_TIMING_ENV, string]>) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (Number.isInteger(value) && value >= 0) timings[field] = value;
    else warn(`Ignoring ${name}=${text}: expected a whole number of milliseconds.`);
  }
  return timings;
}
