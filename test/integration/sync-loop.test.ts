import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../core';
import { callHttp } from '../support/api';
import { startTestCollector, type TestCollector } from '../support/collector';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { makePack } from '../support/packs';
import { TEST_ADMIN, TEST_PASSPHRASE } from '../support/set-up';
import { addLearner, doSteps, STATS_MANIFEST, STATS_PACK, STEPS } from '../support/stats-fixture';
import { HostClock } from '../support/host-clock';
import { collectorFigures, kioskFigures, lackingPerStream } from '../support/sync-figures';
import { call, shippedKeysDir, STAFF_PASSWORD, staffToken, startTestCore } from '../support/test-core';
import { tempDir } from '../support/temp-dir';
import { until as waitUntil } from '../support/until';

/**
 * The kiosk's sync loop against the real collector (SQLite backend) over loopback HTTP(S): it
 * enrols, sends by itself, keeps figures while the collector cannot be reached and sends them when
 * it can, resumes after a restart and after a backup restore, and refuses what it must.
 */

/** Quick timings: the loop looks every 100 ms and backs off at most 200 ms. */
const FAST = { retryBaseMs: 20, retryCapMs: 200, idleMs: 100, probeTimeoutMs: 1000, requestTimeoutMs: 3000 };
const SITE = 'TEST-01';
const K = 5;
const WEEK = 7 * 24 * 3600_000;
/** Moves a test clock on by whole weeks (only weeks that have ended leave the kiosk). */
const weeksLater = (clock: { now: Date }, weeks = 1) => (clock.now = new Date(clock.now.getTime() + weeks * WEEK));

const cleanUps: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

/**
 * The collector's clock is the test's too (a kiosk's figures land in the weeks they were counted
 * only when its clock is about right; far-off clocks are sync-clocks.test.ts's business).
 */
async function collectorForTest(clock: { now: Date }): Promise<TestCollector> {
  const collector = await startTestCollector({ backend: 'sqlite', now: () => clock.now });
  cleanUps.push(() => collector.close());
  return collector;
}

/** A set-up kiosk with the statistics pack bundled, on the test's clock, with quick sync timings. */
async function kiosk(clock: { now: Date }, options: { dataDir?: string } = {}) {
  const bundled = shippedKeysDir();
  await makePack({ manifest: STATS_MANIFEST, dir: bundled });
  const core = await startTestCore({ bundledPacksDir: bundled, now: () => clock.now, driveRoots: [tempDir()], sync: FAST, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  return { core, admin: await staffToken(core, 'admin') };
}

/** Learners finishing lessons: women and men, two age bands, so some breakdown cells reach k and some do not. */
async function work(core: Core, tag: string, count = 7) {
  for (let i = 0; i < count; i++) {
    const learner = await addLearner(core, { name: `${tag} ${i}`, gender: i % 3 ? 'female' : 'male', birthYear: i % 2 ? 1990 : 2001 });
    for (const lesson of i % 2 ? ['l1', 'l2', 'l3'] : ['l1']) await doSteps(core, learner, lesson);
  }
}

/** Sending takes a while on a loaded machine: 20 seconds before giving up. */
const until = <T>(what: string, probe: () => Promise<T | null | undefined | false>) => waitUntil(what, probe, 20_000);

/** The loop sends by itself: wait (no "send now") until nothing is pending. */
const allSent = (core: Core, admin: string) =>
  until('every batch acknowledged', async () => {
    const status = await call(core, 'sync.status', {}, admin);
    return status.pendingBatches === 0 && status.lastSuccessAt !== null && status;
  });

/**
 * The collector has exactly what the kiosk released, and of each course's measure fewer than k
 * are still to go (carried on the kiosk until they reach k), when nothing was counted this week.
 */
async function expectSameFigures(core: Core, collector: TestCollector) {
  const kioskSide = kioskFigures(core.databaseFile);
  const received = collectorFigures(await collector.store.cells(), SITE);
  expect(kioskSide.released.totals.size).toBeGreaterThan(0);
  expect(received.totals).toEqual(kioskSide.released.totals);
  expect(received.cells).toEqual(kioskSide.released.cells);
  for (const [stream, lacking] of lackingPerStream(kioskSide.totals, received.totals)) expect(lacking, stream).toBeLessThan(K);
  return kioskSide;
}

/**
 * A cable between kiosk and collector that can be pulled and plugged back in: a TCP relay on a
 * fixed loopback port. Pulled, connections are refused and open ones reset.
 */
async function cable(targetUrl: string) {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const plug = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((socket) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        for (const s of [socket, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {});
        }
        socket.pipe(upstream).pipe(socket);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const pull = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  await plug();
  cleanUps.push(pull);
  return { url: `http://127.0.0.1:${port}`, plug, pull };
}

describe('sync with a real collector', () => {
  it('enrols with a code, then sends by itself until the collector has every figure the kiosk released', async () => {
    const clock = { now: new Date('2026-03-04T12:00:00Z') };
    const collector = await collectorForTest(clock);
    // This PC's clock is three hours slow: off, but not enough for the collector to move its weeks.
    const slow = { get now() { return new Date(clock.now.getTime() - 3 * 3600_000); } };
    const { core } = await kiosk(slow);
    await work(core, 'Before enrolment');
    // The week ends (a week later, the staff session has too).
    weeksLater(clock);
    const admin = await staffToken(core, 'admin');

    const enrolled = await call(core, 'sync.enrol', { collectorUrl: `${collector.url.replace(/\/$/, '')}/`, code: await collector.createCode('test site'), allowPlainHttp: true, password: STAFF_PASSWORD }, admin);
    expect(enrolled).toMatchObject({ enrolled: true, collectorUrl: collector.url.replace(/\/$/, ''), allowPlainHttp: true, lastError: null });
    const status = await allSent(core, admin);
    expect(status.lastError).toBeNull();
    // The collector's answer tells the kiosk how far off its clock is.
    expect(status.clockSkewSeconds).toBe(3 * 3600);
    expect(status.heldCells).toBeGreaterThan(0);

    // More work later: once its week has ended, the loop sends that too, with nobody pressing anything.
    await work(core, 'Week after');
    weeksLater(clock);
    await until('the second week at the collector', async () => (await collector.store.cells()).some((c) => c.week === '2026-W11'));
    // A week on the clock ended the staff session: sign in again.
    await allSent(core, await staffToken(core, 'admin'));
    const kioskSide = await expectSameFigures(core, collector);
    // Each batch stored once, and the site is the one set up on the kiosk.
    expect(kioskSide.batches.acked).toBe(kioskSide.batches.made);
    expect((await collector.store.counts()).batches).toBe(kioskSide.batches.made);
    expect((await collector.store.sites()).map((s) => s.code)).toEqual([SITE]);
  });

  it('keeps the figures while the collector cannot be reached, says so, and sends them when it can', async () => {
    const clock = { now: new Date('2026-03-04T12:00:00Z') };
    const collector = await collectorForTest(clock);
    const link = await cable(collector.url);
    const started = await kiosk(clock);
    const { core } = started;
    let admin = started.admin;
    await call(core, 'sync.enrol', { collectorUrl: link.url, code: await collector.createCode(), allowPlainHttp: true, password: STAFF_PASSWORD }, admin);

    await link.pull();
    await work(core, 'Offline');
    weeksLater(clock);
    admin = await staffToken(core, 'admin');
    const down = await call(core, 'sync.now', {}, admin);
    expect(down.lastError).toMatchObject({ code: 'sync.unreachable' });
    expect(down.pendingBatches).toBeGreaterThan(0);
    expect(down.nextAttemptAt).not.toBeNull();
    expect((await collector.store.counts()).batches).toBe(0);

    // More work while it stays away, and many attempts: the new counts wait for their week to end
    // and do not become a batch per attempt (a short window of connection later has little to send).
    for (let round = 0; round < 3; round++) {
      await work(core, `Still offline ${round}`, 2);
      expect((await call(core, 'sync.now', {}, admin)).pendingBatches).toBe(down.pendingBatches);
    }
    // That week ends too, still offline: one more batch.
    weeksLater(clock);
    admin = await staffToken(core, 'admin');
    expect((await call(core, 'sync.now', {}, admin)).pendingBatches).toBe(down.pendingBatches + 1);

    await link.plug();
    const up = await until('sent after reconnecting', async () => {
      const status = await call(core, 'sync.now', {}, admin);
      return status.pendingBatches === 0 && status;
    });
    expect(up.lastError).toBeNull();
    const kioskSide = await expectSameFigures(core, collector);
    // The waiting batch, then the week counted meanwhile in one more.
    expect(kioskSide.batches.made).toBe(down.pendingBatches + 1);
  });

  it('resumes after a restart: what waited in the database is sent by the new process', async () => {
    const clock = { now: new Date('2026-03-04T12:00:00Z') };
    const collector = await collectorForTest(clock);
    const link = await cable(collector.url);
    const dataDir = tempDir();
    const first = await kiosk(clock, { dataDir });
    await call(first.core, 'sync.enrol', { collectorUrl: link.url, code: await collector.createCode(), allowPlainHttp: true, password: STAFF_PASSWORD }, first.admin);
    await link.pull();
    await work(first.core, 'Before restart');
    weeksLater(clock);
    expect((await call(first.core, 'sync.now', {}, await staffToken(first.core, 'admin'))).pendingBatches).toBeGreaterThan(0);
    await first.core.close();

    await link.plug();
    const second = await kiosk(clock, { dataDir });
    await allSent(second.core, second.admin);
    await expectSameFigures(second.core, collector);
  });

  it('keeps syncing across a backup restore: batches sent again are duplicates, reused sequences with new keys are stored', async () => {
    const clock = { now: new Date('2026-03-04T12:00:00Z') };
    const collector = await collectorForTest(clock);
    const link = await cable(collector.url);
    const { core, admin: firstAdmin } = await kiosk(clock);
    let admin = firstAdmin;
    await call(core, 'sync.enrol', { collectorUrl: link.url, code: await collector.createCode(), allowPlainHttp: true, password: STAFF_PASSWORD }, admin);

    // The backup is taken while batches wait (no connection): it holds them unacknowledged.
    await link.pull();
    await work(core, 'Before backup');
    weeksLater(clock);
    admin = await staffToken(core, 'admin');
    const waiting = (await call(core, 'sync.now', {}, admin)).pendingBatches;
    expect(waiting).toBeGreaterThan(0);
    const backup = await call(core, 'backup.create', { password: 'correct horse', passphrase: TEST_PASSPHRASE, target: { kind: 'folder' } }, admin);
    await link.plug();
    await allSent(core, admin);

    // A week of work after the backup, sent too once it has ended; then the backup is restored
    // (that week is lost on the kiosk). A week on the clock ends staff sessions: sign in again after each jump.
    await work(core, 'After backup');
    weeksLater(clock);
    admin = await staffToken(core, 'admin');
    await allSent(core, admin);
    const before = await collector.store.counts();
    expect(before.batches).toBeGreaterThan(waiting);
    await call(core, 'backup.restore', { password: 'correct horse', passphrase: TEST_PASSPHRASE, file: backup.file }, admin);

    // Every session ended with the restore. The restored kiosk is still enrolled; the loop sends its
    // waiting batches again, and the collector only finds duplicates.
    const admin2 = await staffToken(core, 'admin');
    expect((await call(core, 'sync.status', {}, admin2)).enrolled).toBe(true);
    await allSent(core, admin2);
    expect(await collector.store.counts()).toEqual(before);

    // New work: its batches reuse sequence numbers the collector already has, with new keys: stored.
    await work(core, 'After restore');
    weeksLater(clock);
    await until('the restored kiosk’s new week at the collector', async () => (await collector.store.cells()).some((c) => c.week === '2026-W12'));
    await allSent(core, await staffToken(core, 'admin'));
    const kioskSide = kioskFigures(core.databaseFile);
    expect((await collector.store.counts()).batches).toBe(before.batches + kioskSide.batches.made - waiting);
    const received = collectorFigures(await collector.store.cells(), SITE);
    for (const [key, count] of kioskSide.released.totals) expect(received.totals.get(key), key).toBe(count);
    // The week the restore took back stays at the collector.
    expect([...received.totals.keys()].some((key) => key.startsWith('2026-W11'))).toBe(true);
  });

  it('refuses a bad address, plain http unless allowed, and a wrong code, storing nothing', async () => {
    const clock = { now: new Date('2026-03-04T12:00:00Z') };
    const collector = await collectorForTest(clock);
    const { core, admin } = await kiosk(clock);
    const refusal = async (input: object) => {
      const result = await core.dispatch('sync.enrol', { code: 'ABCDEF-123456', allowPlainHttp: false, password: STAFF_PASSWORD, ...input }, admin);
      return result.ok ? 'accepted' : result.error.code;
    };
    expect(await refusal({ collectorUrl: 'stats.example.kg' })).toBe('sync.url_invalid');
    expect(await refusal({ collectorUrl: 'ftp://stats.example.kg' })).toBe('sync.url_invalid');
    expect(await refusal({ collectorUrl: 'https://user:secret@stats.example.kg' })).toBe('sync.url_invalid');
    expect(await refusal({ collectorUrl: collector.url, code: await collector.createCode() })).toBe('sync.plain_http_refused');
    expect(await refusal({ collectorUrl: collector.url, allowPlainHttp: true })).toBe('sync.enrol_refused');
    // Nothing listens on port 1 of loopback.
    expect(await refusal({ collectorUrl: 'http://127.0.0.1:1', allowPlainHttp: true })).toBe('sync.unreachable');

    const status = await call(core, 'sync.status', {}, admin);
    expect(status).toMatchObject({ enrolled: false, collectorUrl: null, lastError: null });
    expect((await core.dispatch('sync.now', {}, admin)).ok).toBe(false);
    expect(await collector.store.sites()).toEqual([]);
    // Only administrators may enrol.
    const facilitator = await staffToken(core, 'facilitator');
    expect((await core.dispatch('sync.enrol', { collectorUrl: collector.url, code: 'ABCDEF-123456', allowPlainHttp: true }, facilitator)).ok).toBe(false);
  });

  it('answers “nothing to save” when no figures may leave, and saves a signed file that still leaves the batches to the network', async () => {
    const clock = { now: new Date('2026-03-04T12:00:00Z') };
    const { core, admin } = await kiosk(clock);
    const nothing = async (token: string) => {
      const result = await core.dispatch('sync.saveToStick', { target: { kind: 'folder' } }, token);
      return result.ok ? null : result.error.code;
    };
    expect(await nothing(admin)).toBe('sync.nothing_to_save');

    // Three people: not while their week is under way, nor once it has ended (fewer than k).
    await work(core, 'Stick', 3);
    expect(await nothing(admin)).toBe('sync.nothing_to_save');
    weeksLater(clock);
    expect(await nothing(await staffToken(core, 'admin'))).toBe('sync.nothing_to_save');

    // Six more, and their week ends: the three are carried into it, and the figures go.
    await work(core, 'Stick more', 6);
    weeksLater(clock);
    const again = await staffToken(core, 'admin');
    const saved = await call(core, 'sync.saveToStick', { target: { kind: 'folder' } }, again);
    expect(path.basename(saved.file)).toBe('ayil-figures-TEST-01-2026-03-18.json');
    const status = await call(core, 'sync.status', {}, again);
    expect(status.pendingBatches).toBe(saved.batches);
    expect(status.lastSavedToStickAt).toBe('2026-03-18T12:00:00Z');
  });
});

/** A certificate authority of the programme's own, and a collector certificate it signed for 127.0.0.1. */
function makeCertificates(dir: string) {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Ayil test programme CA');
  run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'collector.key', '-out', 'collector.csr', '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n');
  run('x509', '-req', '-in', 'collector.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'collector.pem', '-days', '2', '-extfile', 'san.ext');
  return { ca: path.join(dir, 'ca.pem'), key: fs.readFileSync(path.join(dir, 'collector.key')), cert: fs.readFileSync(path.join(dir, 'collector.pem')) };
}

describe('sync over HTTPS', () => {
  it('enrols and syncs through a certificate of the programme’s own authority (NODE_EXTRA_CA_CERTS), and refuses it without', async () => {
    const certificates = makeCertificates(tempDir('ayil-tls-'));
    const collector = await startTestCollector({ backend: 'sqlite', https: { key: certificates.key, cert: certificates.cert } });
    cleanUps.push(() => collector.close());
    const httpsUrl = collector.url;
    expect(httpsUrl).toMatch(/^https:/);

    // This test process does not trust the programme's authority: the kiosk says so and stores nothing.
    const untrusting = await kiosk({ now: new Date() });
    const refused = await untrusting.core.dispatch('sync.enrol', { collectorUrl: httpsUrl, code: await collector.createCode(), allowPlainHttp: false, password: STAFF_PASSWORD }, untrusting.admin);
    expect(refused.ok ? null : refused.error.code).toBe('sync.tls_failed');

    // A kiosk process started with the authority in NODE_EXTRA_CA_CERTS (as a programme would deploy it).
    const drives = tempDir('ayil-drives-');
    fs.mkdirSync(path.join(drives, 'stick'));
    const packFile = await makePack({ manifest: STATS_MANIFEST, dir: path.join(drives, 'stick') });
    const clock = new HostClock();
    const env = {
      ...clock.env,
      NODE_EXTRA_CA_CERTS: certificates.ca,
      AYIL_DRIVE_ROOTS: drives,
      AYIL_SYNC_RETRY_BASE_MS: '20',
      AYIL_SYNC_RETRY_CAP_MS: '200',
      AYIL_SYNC_IDLE_MS: '100',
    };
    const host: HostProcess = await startHostProcess(tempDir(), { env, command: clock.command });
    cleanUps.push(() => host.stop());
    const ok = async (method: string, input: unknown, token?: string) => {
      const { body } = await callHttp(host.url, method, input, token);
      if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
      return body.value;
    };
    let admin = (await ok('staff.login', TEST_ADMIN)).token;
    const job = await ok('packs.import', { file: packFile, acceptUntrusted: true }, admin);
    await until('the pack imported', async () => (await ok('packs.jobs', {}, admin)).find((j: any) => j.id === job.id)?.state === 'done');

    const enrolled = await ok('sync.enrol', { collectorUrl: httpsUrl, code: await collector.createCode('https site'), allowPlainHttp: false, password: TEST_ADMIN.password }, admin);
    expect(enrolled).toMatchObject({ enrolled: true, collectorUrl: httpsUrl, allowPlainHttp: false });
    for (let i = 0; i < 6; i++) {
      const grant = await ok('learners.create', { displayName: `Secure ${i}`, avatar: 'sun', language: 'en' });
      await ok('learner.setProfile', { gender: 'female', birthYear: 1990 }, grant.token);
      for (const stepId of STEPS.l1!) await ok('progress.submitStep', { packId: STATS_PACK, lessonId: 'l1', stepId }, grant.token);
    }
    // Their week ends on the kiosk's clock (and with it the staff session).
    clock.advance(WEEK);
    admin = (await ok('staff.login', TEST_ADMIN)).token;
    const status = await until('sent over HTTPS', async () => {
      const now = await ok('sync.now', {}, admin);
      return now.pendingBatches === 0 && now;
    });
    expect(status.lastError).toBeNull();
    const cells = await collector.store.cells();
    expect(cells.find((c) => c.metric === 'lessons_completed' && c.dimension === 'gender' && c.value === 'female')?.count).toBe(6);
  }, 120_000);
});
