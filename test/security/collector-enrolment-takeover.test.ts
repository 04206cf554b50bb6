import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncFilePayloadSchema, SyncFileSchema, type SyncStatus } from '../../core/contract';
import type { SiteSummary } from '../../collector/store/store';
import { completions, json, postJson, TestKiosk } from '../collector/kiosk-client';
import { collectorBackends, startTestCollector, type TestCollector } from '../support/collector';
import { addLearner, doSteps, statsCore } from '../support/stats-fixture';
import { call, TEST_ADMIN, TEST_SITE } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

/**
 * Issue 11, item 10: "enrolment does not prove that the kiosk holds the site's private key, so a
 * fresh enrolment code plus another site's public key (it is in that site's stick files) takes
 * that site over." A real kiosk (core, its own key, its stick file) and a real collector over
 * HTTP on loopback; the attacker has a valid code of its own and the victim's stick file, and
 * tries every way to enrol under the victim's key without its private half.
 */
const closing: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

const ENROL = '/api/v1/enrol';

/** A set-up kiosk whose learners finished a lesson in a week that has now ended, and its admin. */
async function victimKiosk(drives: string) {
  const { core, clock } = await statsCore('2026-03-04T12:00:00Z', { driveRoots: [drives] });
  for (let i = 0; i < 6; i++) await doSteps(core, await addLearner(core, { name: `Reader ${i}`, gender: 'female', birthYear: 1990 }), 'l1');
  clock.now = new Date('2026-03-09T09:00:00Z');
  const { token: admin } = await call<{ token: string }>(core, 'staff.login', TEST_ADMIN);
  return { core, clock, admin };
}

/** Everything the dashboard knows of one site. */
async function siteRow(collector: TestCollector, id: string): Promise<SiteSummary | undefined> {
  return (await collector.store.sites()).find((site) => site.id === id);
}

describe.each(collectorBackends)('taking over another site at enrolment (%s)', (backend) => {
  it('is refused without the site’s private key, however the request is built, and the site and its token stay as they were', async () => {
    const drives = tempDir('ayil-drives-');
    fs.mkdirSync(path.join(drives, 'stick'));
    const victim = await victimKiosk(drives);
    const collector = await startTestCollector({ backend, now: () => victim.clock.now });
    closing.push(() => collector.close());

    // The victim writes its figures to a stick (as a site with no connection does), then enrols
    // for real: the kiosk's own client signs the collector's challenge with the kiosk's key.
    const [stick] = await call<Array<{ id: string }>>(victim.core, 'drives.list', {}, victim.admin);
    const saved = await call<{ file: string }>(victim.core, 'sync.saveToStick', { target: { kind: 'drive', driveId: stick!.id } }, victim.admin);
    const enrolled = await call<SyncStatus>(
      victim.core,
      'sync.enrol',
      { collectorUrl: collector.url, code: await collector.createCode('Test Library'), allowPlainHttp: true, password: TEST_ADMIN.password },
      victim.admin,
    );
    expect(enrolled.enrolled).toBe(true);
    const sent = await call<SyncStatus>(victim.core, 'sync.now', {}, victim.admin);
    expect(sent).toMatchObject({ pendingBatches: 0, lastError: null });
    const [victimSite] = await collector.store.sites();
    expect(victimSite).toMatchObject({ code: TEST_SITE.siteCode, batches: 1 });
    const before = await siteRow(collector, victimSite!.id);

    // What the attacker has: the stick file (public), and a fresh code of its own.
    const stickFile = SyncFileSchema.parse(JSON.parse(fs.readFileSync(saved.file, 'utf8')));
    const victimKey = SyncFilePayloadSchema.parse(JSON.parse(stickFile.payload)).publicKey;
    const attacker = new TestKiosk({ code: 'EVIL-01', name: 'Not a library' });
    const code = await collector.createCode('for the attacker');
    const victimDetails = { code: TEST_SITE.siteCode, name: TEST_SITE.siteName, region: TEST_SITE.region, district: TEST_SITE.district };

    // 1. The old request: a code and the victim's key, no proof at all.
    const bare = await postJson(collector.url + ENROL, { code, site: victimDetails, publicKey: victimKey });
    expect(bare.status).toBe(400);
    expect((await json(bare)).error).toBe('enrol.invalid');

    // 2. A challenge for the victim's key (anyone may ask), signed with the attacker's own key.
    const forVictim = await json(await attacker.askChallenge(collector.url, code, victimKey));
    expect(forVictim.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const ownSignature = attacker.signProof({ challenge: forVictim.challenge, code, publicKey: victimKey });
    const forged = await postJson(collector.url + ENROL, { code, site: victimDetails, publicKey: victimKey, challenge: forVictim.challenge, signature: ownSignature });
    expect(forged.status).toBe(403);
    expect(await json(forged)).toEqual({ error: 'enrol.proof_invalid' });
    // That challenge was spent by the try: sent again, it is refused before any signature is looked at.
    const replayed = await postJson(collector.url + ENROL, { code, site: victimDetails, publicKey: victimKey, challenge: forVictim.challenge, signature: ownSignature });
    expect(replayed.status).toBe(403);
    expect(await json(replayed)).toEqual({ error: 'enrol.challenge_invalid' });

    // 3. The victim's real signature from its stick file, offered as the proof.
    const fromStick = await json(await attacker.askChallenge(collector.url, code, victimKey));
    const stickSignature = await postJson(collector.url + ENROL, { code, site: victimDetails, publicKey: victimKey, challenge: fromStick.challenge, signature: stickFile.signature });
    expect(stickSignature.status).toBe(403);
    expect(await json(stickSignature)).toEqual({ error: 'enrol.proof_invalid' });

    // 4. A challenge issued for the attacker's own key, rightly signed, then sent with the victim's key.
    const forOwn = await json(await attacker.askChallenge(collector.url, code));
    const swapped = await postJson(collector.url + ENROL, { ...attacker.enrolment(code, forOwn.challenge), site: victimDetails, publicKey: victimKey });
    expect(swapped.status).toBe(403);
    expect(await json(swapped)).toEqual({ error: 'enrol.challenge_invalid' });

    // 5. A challenge made up, or one issued for another code.
    const madeUp = await postJson(collector.url + ENROL, { code, site: victimDetails, publicKey: victimKey, challenge: 'A'.repeat(43), signature: ownSignature });
    expect(await json(madeUp)).toEqual({ error: 'enrol.challenge_invalid' });
    const otherCode = await collector.createCode('another');
    const forOther = await json(await attacker.askChallenge(collector.url, otherCode, victimKey));
    const crossed = await postJson(collector.url + ENROL, {
      code,
      site: victimDetails,
      publicKey: victimKey,
      challenge: forOther.challenge,
      signature: attacker.signProof({ challenge: forOther.challenge, code, publicKey: victimKey }),
    });
    expect(await json(crossed)).toEqual({ error: 'enrol.challenge_invalid' });

    // The victim's site is exactly as it was, and no other site holds its key.
    expect(await siteRow(collector, victimSite!.id)).toEqual(before);
    expect((await collector.store.siteByPublicKey(victimKey))?.id).toBe(victimSite!.id);
    expect((await collector.store.sites()).filter((site) => site.name === 'Not a library')).toEqual([]);

    // The victim's token still delivers: a new week's figures go through with no problem.
    for (let i = 0; i < 6; i++) await doSteps(victim.core, await addLearner(victim.core, { name: `Second ${i}`, gender: 'male', birthYear: 1970 }), 'l1');
    victim.clock.now = new Date('2026-03-16T09:00:00Z');
    const { token: admin } = await call<{ token: string }>(victim.core, 'staff.login', TEST_ADMIN);
    const again = await call<SyncStatus>(victim.core, 'sync.now', {}, admin);
    expect(again).toMatchObject({ pendingBatches: 0, lastError: null });
    expect(await siteRow(collector, victimSite!.id)).toMatchObject({ batches: 2, enrolledAt: before!.enrolledAt });
    expect((await collector.store.cells()).filter((cell) => cell.siteId === victimSite!.id && cell.week === '2026-W11')).not.toEqual([]);

    // The code was never spent: with a key it holds, the attacker enrols a site of its own, no more.
    expect((await attacker.enrol(collector.url, code)).status).toBe(200);
    expect(attacker.siteId).not.toBe(victimSite!.id);
    const delivered = await attacker.deliver(collector.url, attacker.batch([completions('2026-W11', 9)]), { deviceTime: victim.clock.now });
    expect(delivered.status).toBe(200);
    expect(await siteRow(collector, victimSite!.id)).toMatchObject({ batches: 2 });
  });

  it('refuses a replayed enrolment and a stale challenge; a kiosk that signs in time enrols', async () => {
    let now = new Date('2026-03-18T10:00:00Z');
    const collector = await startTestCollector({ backend, now: () => now });
    closing.push(() => collector.close());

    // A genuine enrolment, recorded on the wire, then sent again (with its code, or with a fresh one).
    const kiosk = new TestKiosk({ code: 'OSH-01' });
    const code = await collector.createCode();
    const { challenge } = await json(await kiosk.askChallenge(collector.url, code));
    const recorded = kiosk.enrolment(code, challenge);
    const first = await kiosk.sendEnrolment(collector.url, recorded);
    expect(first.status).toBe(200);
    const token = kiosk.token;
    const before = await collector.store.sites();

    const replay = await postJson(collector.url + ENROL, recorded);
    expect(replay.status).toBe(403);
    expect(await json(replay)).toEqual({ error: 'enrol.challenge_invalid' });
    const fresh = await collector.createCode();
    const replayFresh = await postJson(collector.url + ENROL, { ...recorded, code: fresh });
    expect(replayFresh.status).toBe(403);
    expect(await json(replayFresh)).toEqual({ error: 'enrol.challenge_invalid' });
    // With a challenge of its own for the fresh code, the recorded signature still names the old one.
    const ownChallenge = await json(await postJson(`${collector.url}/api/v1/enrol/challenge`, { code: fresh, publicKey: kiosk.publicKey }));
    const resigned = await postJson(collector.url + ENROL, { ...recorded, code: fresh, challenge: ownChallenge.challenge });
    expect(await json(resigned)).toEqual({ error: 'enrol.proof_invalid' });
    expect(await collector.store.sites()).toEqual(before);
    expect((await kiosk.deliver(collector.url, kiosk.batch([completions('2026-W11', 5)]), { token, deviceTime: now })).status).toBe(200);

    // A challenge signed too late (five minutes is all it lives) is refused and spends nothing else:
    // the same code, asked again and signed at once, enrols.
    const late = new TestKiosk({ code: 'LATE-01' });
    const lateCode = await collector.createCode();
    const stale = await json(await late.askChallenge(collector.url, lateCode));
    expect(Date.parse(stale.expiresAt) - now.getTime()).toBe(300_000);
    now = new Date(now.getTime() + 301_000);
    const tooLate = await late.sendEnrolment(collector.url, late.enrolment(lateCode, stale.challenge));
    expect(tooLate.status).toBe(403);
    expect(await json(tooLate)).toEqual({ error: 'enrol.challenge_invalid' });
    expect((await collector.store.sites()).some((site) => site.code === 'LATE-01')).toBe(false);
    expect((await late.enrol(collector.url, lateCode)).status).toBe(200);

    // Asking again replaces a code's challenge: the earlier one no longer counts.
    const twice = new TestKiosk({ code: 'TWICE-01' });
    const twiceCode = await collector.createCode();
    const earlier = await json(await twice.askChallenge(collector.url, twiceCode));
    await twice.askChallenge(collector.url, twiceCode);
    expect(await json(await twice.sendEnrolment(collector.url, twice.enrolment(twiceCode, earlier.challenge)))).toEqual({ error: 'enrol.challenge_invalid' });
  });

  it('gives no challenge for an unknown, used or expired code', async () => {
    let now = new Date('2026-03-18T10:00:00Z');
    const collector = await startTestCollector({ backend, now: () => now });
    closing.push(() => collector.close());
    const kiosk = new TestKiosk();
    const refused = async (code: string) => {
      const response = await kiosk.askChallenge(collector.url, code);
      return { status: response.status, body: await json(response) };
    };
    expect(await refused('AAAA-BBBB-CCCC-DDDD')).toEqual({ status: 403, body: { error: 'enrol.code_invalid' } });
    const used = await collector.createCode();
    expect((await kiosk.enrol(collector.url, used)).status).toBe(200);
    expect(await refused(used)).toEqual({ status: 403, body: { error: 'enrol.code_invalid' } });
    const expiring = await collector.createCode();
    now = new Date(now.getTime() + 15 * 86_400_000);
    expect(await refused(expiring)).toEqual({ status: 403, body: { error: 'enrol.code_invalid' } });
  });
});
