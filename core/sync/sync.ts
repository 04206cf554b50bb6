import type { SyncSite, SyncStatus } from '../contract';
import type { Db } from '../db/open';
import { readOnly } from '../db/read-only';
import type { Drive } from '../drives';
import { AppError } from '../errors';
import type { Target } from '../files/target-dir';
import type { Settings } from '../kiosk/settings';
import { Release } from '../stats';
import { runAttempt, type AttemptOutcome } from './attempt';
import { CollectorClient } from './collector-client';
import { collectorBaseUrl } from './collector-url';
import { SigningIdentity } from './identity';
import { Outbox } from './outbox';
import { saveFiguresToStick } from './stick-file';
import type { SyncLoopControl, SyncTarget } from './sync-loop';
import { SyncState } from './sync-state';
import { toInstant } from './time';
import type { SyncTimings } from './timings';

export interface SyncDeps {
  db: Db;
  settings: Settings;
  now: () => Date;
  /** The host's loop (it outlives this kiosk when a backup is restored). */
  loop: SyncLoopControl;
  timings: Pick<SyncTimings, 'probeTimeoutMs' | 'requestTimeoutMs'>;
  drives: () => readonly Drive[];
  dataDir: string;
  /** Told when this service changed the status (enrolment, figures saved to a stick); the loop tells of its attempts. */
  changed?: () => void;
}

/**
 * The kiosk's sync, as the console and the loop use it: status, enrolment, "send now", "save
 * figures to stick", and one attempt of the loop. One per open database.
 */
export class Sync implements SyncTarget {
  private readonly state: SyncState;
  private readonly outbox: Outbox;
  private readonly release: Release;
  private readonly identity: SigningIdentity;

  constructor(private readonly deps: SyncDeps) {
    this.state = new SyncState(deps.db);
    this.outbox = new Outbox(deps.db);
    this.release = new Release(deps.db, deps.now);
    this.identity = new SigningIdentity(deps.db);
  }

  /** Once figures have left under the site's code, the code stays (the programme knows the site by it). */
  siteCodeLocked(): boolean {
    return this.outbox.madeAny();
  }

  /**
   * Where sync stands. Only reads (where writing is impossible): batches are made by the loop,
   * "send now" and "save to stick", never by looking. What waits counts the batches made and not
   * acknowledged, and those the next attempt would make of what may leave now.
   */
  status(): SyncStatus {
    return readOnly(this.deps.db, () => this.readStatus());
  }

  private readStatus(): SyncStatus {
    const { settings, now } = this.deps;
    const enrolment = this.state.enrolment();
    const { planned, waiting } = this.release.look(settings.privacyThreshold());
    const wait = enrolment ? this.deps.loop.msUntilNextAttempt() : null;
    return {
      enrolled: enrolment !== null,
      collectorUrl: this.state.collectorUrl(),
      allowPlainHttp: this.state.allowPlainHttp(),
      // No batch can be made before set-up (a batch carries the site code).
      pendingBatches: this.outbox.pendingBatches() + (settings.siteCode() ? this.outbox.batchesToMake(planned) : 0),
      heldCells: waiting,
      lastSuccessAt: this.state.lastSuccessAt(),
      lastAttemptAt: this.state.lastAttemptAt(),
      lastError: this.state.lastError(),
      nextAttemptAt: wait === null ? null : toInstant(new Date(now().getTime() + wait)),
      clockSkewSeconds: this.state.clockSkewSeconds(),
      lastSavedToStickAt: this.state.lastSavedToStickAt(),
    };
  }

  /**
   * Connects this kiosk to a collector: the enrolment code, and a challenge signed with the kiosk's
   * key, buy a site token, which is kept with the address. Nothing is stored unless the collector
   * accepted both.
   */
  async enrol(input: { collectorUrl: string; code: string; allowPlainHttp: boolean }): Promise<SyncStatus> {
    const baseUrl = collectorBaseUrl(input.collectorUrl, input.allowPlainHttp);
    const client = new CollectorClient({ baseUrl, ...this.deps.timings });
    // The collector makes the kiosk sign a challenge: a code plus another site's public key (it is
    // in that site's stick files) must not buy that site's token.
    const answer = await client.enrol({ code: input.code, site: this.site(), publicKey: this.identity.publicKey() }, (text) => this.identity.sign(text));
    this.state.enrol({ collectorUrl: baseUrl, token: answer.token, siteId: answer.siteId, allowPlainHttp: input.allowPlainHttp });
    this.deps.changed?.();
    void this.deps.loop.wake();
    return this.status();
  }

  /** "Send now": an attempt at once; answers with the status once it has ended. */
  async sendNow(): Promise<SyncStatus> {
    if (!this.state.enrolment()) throw new AppError('sync.not_enrolled');
    await this.deps.loop.wake();
    return this.status();
  }

  async saveToStick(target: Target): Promise<{ file: string; batches: number }> {
    const { settings, now } = this.deps;
    if (!settings.siteCode()) throw new AppError('kiosk.not_set_up');
    const deviceTime = now();
    const saved = await saveFiguresToStick(
      {
        outbox: this.outbox,
        release: this.release,
        identity: this.identity,
        site: this.site(),
        k: settings.privacyThreshold(),
        deviceTime,
        drives: this.deps.drives(),
        dataDir: this.deps.dataDir,
      },
      target,
    );
    this.state.recordSavedToStick(toInstant(deviceTime));
    this.deps.changed?.();
    return saved;
  }

  attempt(signal: AbortSignal): Promise<AttemptOutcome> {
    const { settings, now, timings } = this.deps;
    return runAttempt({ state: this.state, outbox: this.outbox, release: this.release, site: settings, now, timings }, signal);
  }

  /** The site as the programme sees it (from set-up); nothing about a person. */
  private site(): SyncSite {
    const site = this.deps.settings.site();
    return { code: site.siteCode, name: site.siteName, region: site.region, district: site.district };
  }
}
