import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseCode } from '../../collector/enrolment';
import { collectorBackends, startTestCollector, type TestCollector } from '../support/collector';
import { completions, json, postJson, TestKiosk } from './kiosk-client';

describe.each(collectorBackends)('enrolling a site (%s)', (backend) => {
  let now = new Date('2026-03-18T10:00:00Z');
  let collector: TestCollector;
  beforeAll(async () => {
    collector = await startTestCollector({ backend, now: () => now });
  });
  afterAll(() => collector.close());

  it('gives a site token for a code once, and the token delivers batches', async () => {
    const code = await collector.createCode('Naryn library');
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    const kiosk = new TestKiosk({ code: 'NARYN-01' });

    const first = await kiosk.enrol(collector.url, code);
    expect(first.status).toBe(200);
    const body = await json(first);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const sites = await collector.store.sites();
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatchObject({ id: body.siteId, code: 'NARYN-01', name: 'Naryn library', region: 'Naryn', lastSyncAt: null, batches: 0 });

    const delivered = await kiosk.deliver(collector.url, kiosk.batch([completions('2026-W11', 3)]), { deviceTime: now });
    expect(delivered.status).toBe(200);

    // The same code a second time (another kiosk, or the same one again) buys nothing.
    const again = await new TestKiosk({ code: 'OSH-02' }).enrol(collector.url, code);
    expect(again.status).toBe(403);
    expect(await json(again)).toEqual({ error: 'enrol.code_invalid' });
    expect((await collector.store.sites()).map((s) => s.code)).toEqual(['NARYN-01']);
  });

  it('takes a code typed in lower case, with spaces instead of dashes', async () => {
    const code = await collector.createCode('Talas');
    const typed = code.toLowerCase().replaceAll('-', ' ');
    expect(normaliseCode(typed)).toBe(normaliseCode(code));
    const response = await new TestKiosk({ code: 'TALAS-01' }).enrol(collector.url, typed);
    expect(response.status).toBe(200);
  });

  it('refuses an expired code, a wrong code and a malformed request, and creates nothing', async () => {
    const expiring = await collector.createCode('Batken');
    const before = await collector.store.counts();
    const kiosk = new TestKiosk({ code: 'BATKEN-01' });

    now = new Date(now.getTime() + 15 * 86_400_000); // codes live 14 days
    try {
      const expired = await kiosk.enrol(collector.url, expiring);
      expect(expired.status).toBe(403);
      expect(await json(expired)).toEqual({ error: 'enrol.code_invalid' });
    } finally {
      now = new Date('2026-03-18T10:00:00Z');
    }

    const wrong = await kiosk.enrol(collector.url, 'AAAA-BBBB-CCCC-DDDD');
    expect(wrong.status).toBe(403);
    expect(await json(wrong)).toEqual({ error: 'enrol.code_invalid' });

    const valid = await collector.createCode('Batken again');
    const notAKey = await kiosk.askChallenge(collector.url, valid, Buffer.alloc(44, 7).toString('base64'));
    expect(notAKey.status).toBe(400);
    expect(await json(notAKey)).toMatchObject({ error: 'enrol.invalid' });

    const { challenge } = await json(await kiosk.askChallenge(collector.url, valid));
    const enrolment = kiosk.enrolment(valid, challenge);
    const extraField = await postJson(`${collector.url}/api/v1/enrol`, { ...enrolment, site: { ...kiosk.site, contact: 'Aigul, +996 555 123' } });
    expect(extraField.status).toBe(400);
    const refused = await json(extraField);
    expect(refused.error).toBe('enrol.invalid');
    expect(JSON.stringify(refused.issues)).toContain('unrecognized_keys');
    expect(JSON.stringify(refused)).not.toContain('+996');

    expect(await collector.store.counts()).toEqual(before);
    // The malformed requests did not spend the code.
    expect((await kiosk.enrol(collector.url, valid)).status).toBe(200);
  });

  it('lets a kiosk enrol again with its key (a lost token) and keeps its site', async () => {
    const kiosk = new TestKiosk({ code: 'JALAL-01' });
    expect((await kiosk.enrol(collector.url, await collector.createCode())).status).toBe(200);
    const firstToken = kiosk.token!;
    const firstSite = kiosk.siteId;
    expect((await kiosk.enrol(collector.url, await collector.createCode())).status).toBe(200);
    expect(kiosk.siteId).toBe(firstSite);
    expect(kiosk.token).not.toBe(firstToken);

    const stale = await kiosk.deliver(collector.url, kiosk.batch([completions('2026-W11', 1)]), { token: firstToken, deviceTime: now });
    expect(stale.status).toBe(401);
    expect((await kiosk.deliver(collector.url, kiosk.batch([completions('2026-W11', 1)]), { deviceTime: now })).status).toBe(200);
    expect((await collector.store.sites()).filter((s) => s.code === 'JALAL-01')).toHaveLength(1);
  });

  it('spends a code once when two kiosks race with it', async () => {
    const code = await collector.createCode('race');
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => new TestKiosk({ code: `RACE-${i}` }).enrol(collector.url, code)),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 403, 403, 403, 403, 403]);
    expect((await collector.store.sites()).filter((s) => s.code.startsWith('RACE-'))).toHaveLength(1);
  });
});
