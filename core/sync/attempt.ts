import type { SyncProblem } from '../contract';
import type { Release } from '../stats';
import type { Outbox } from './outbox';
import { CollectorClient, SyncAborted, SyncFailure } from './collector-client';
import type { SyncState } from './sync-state';
import { toInstant } from './time';
import type { SyncTimings } from './timings';

/** How one attempt ended; the loop decides from it when to try again. */
export type AttemptOutcome =
  /** Not enrolled, or nothing waiting: no request was made. */
  | { kind: 'idle' }
  /** Everything that waited was acknowledged. */
  | { kind: 'sent'; batches: number }
  /** A request failed; `batches` were acknowledged before it did. */
  | { kind: 'failed'; problem: SyncProblem; retryAfterMs: number | null; batches: number }
  /** The loop stopped or paused it (shutdown, restore): nothing is recorded. */
  | { kind: 'aborted' };

export interface AttemptParts {
  state: SyncState;
  outbox: Outbox;
  release: Release;
  site: { siteCode(): string; privacyThreshold(): number };
  now: () => Date;
  timings: Pick<SyncTimings, 'probeTimeoutMs' | 'requestTimeoutMs'>;
}

/**
 * One attempt of the loop: run this week's release round if it has not run (core/stats/release.ts),
 * batch what it released, probe the collector, then send the waiting batches strictly in sequence,
 * one at a time. A batch is marked sent only on the collector's acknowledgement of its key;
 * anything else leaves it waiting, exactly as it is, for the next attempt (the collector stores a
 * key once, so sending it again is harmless).
 *
 * Rounds run once a week, so a week offline costs one more batch, not one per attempt.
 */
export async function runAttempt(parts: AttemptParts, signal: AbortSignal): Promise<AttemptOutcome> {
  const { state, outbox, now } = parts;
  const enrolment = state.enrolment();
  const siteCode = parts.site.siteCode();
  if (!enrolment || !siteCode || signal.aborted) return { kind: 'idle' };
  parts.release.run(parts.site.privacyThreshold());
  outbox.makeBatches(siteCode);
  if (outbox.pendingBatches() === 0) return { kind: 'idle' };

  const client = new CollectorClient({ baseUrl: enrolment.collectorUrl, ...parts.timings });
  state.recordAttempt(toInstant(now()));
  let batches = 0;
  try {
    await client.probe(signal);
    for (;;) {
      const batch = outbox.unacked(1)[0];
      if (!batch) break;
      const ack = await client.deliver({ deviceTime: toInstant(now()), batch }, enrolment.token, signal);
      // Recorded even if we were asked to stop meanwhile: the database stays open until this ends.
      state.recordAcknowledged(() => outbox.markAcked(batch.key), toInstant(now()), ack.clockSkewSeconds);
      batches++;
      if (signal.aborted) return { kind: 'aborted' };
    }
    state.clearProblem();
    return { kind: 'sent', batches };
  } catch (error) {
    if (error instanceof SyncAborted) return { kind: 'aborted' };
    if (!(error instanceof SyncFailure)) throw error;
    state.recordProblem(error.problem, toInstant(now()));
    return { kind: 'failed', problem: error.problem, retryAfterMs: error.retryAfterMs, batches };
  }
}
