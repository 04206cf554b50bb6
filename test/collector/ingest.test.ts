import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_ROWS, SyncAckSchema, type StatsRow } from '../../core/contract';
import { collectorBackends, startTestCollector, type TestCollector } from '../support/collector';
import { cellMap, completions, json, TestKiosk, women } from './kiosk-client';

const NOW = new Date('2026-03-18T10:00:00Z'); // a Wednesday in 2026-W12

describe.each(collectorBackends)('ingesting batches (%s)', (backend) => {
  let collector: TestCollector;
  beforeAll(async () => {
    collector = await startTestCollector({ backend, now: () => NOW });
  });
  afterAll(() => collector.close());

  async function enrolled(code: string): Promise<TestKiosk> {
    const kiosk = new TestKiosk({ code, name: `Library ${code}` });
    expect((await kiosk.enrol(collector.url, await collector.createCode(code))).status).toBe(200);
    return kiosk;
  }

  it('stores a batch once however often it arrives, and the totals are the sum of the increments', async () => {
    const kiosk = await enrolled('DEDUPE-1');
    const first = kiosk.batch([completions('2026-W10', 4), women('2026-W10', 5), completions('2026-W11', 2)]);
    const second = kiosk.batch([completions('2026-W10', 3), women('2026-W10', 1)]);

    const response = await kiosk.deliver(collector.url, first, { deviceTime: NOW });
    expect(response.status).toBe(200);
    const ack = SyncAckSchema.parse(await json(response));
    expect(ack).toEqual({ key: first.key, sequence: 1, status: 'stored', receivedAt: '2026-03-18T10:00:00Z', clockSkewSeconds: 0 });

    const repeated = await kiosk.deliver(collector.url, first, { deviceTime: NOW });
    expect(await json(repeated)).toMatchObject({ key: first.key, status: 'duplicate' });
    expect((await json(await kiosk.deliver(collector.url, second, { deviceTime: NOW }))).status).toBe('stored');
    expect((await json(await kiosk.deliver(collector.url, first, { deviceTime: NOW }))).status).toBe('duplicate');

    expect(cellMap(await collector.store.cells(), 'DEDUPE-1')).toEqual({
      '2026-W10|basics/computer|courses_completed|total|': 7,
      '2026-W10|basics/computer|courses_completed|gender|female': 6,
      '2026-W11|basics/computer|courses_completed|total|': 2,
    });
    const site = (await collector.store.sites()).find((s) => s.code === 'DEDUPE-1')!;
    expect(site).toMatchObject({ batches: 2, lastSyncAt: '2026-03-18T10:00:00Z', clockSkewSeconds: 0, clockSkewFlagged: false });
  });

  it('stores a batch once when copies arrive at the same time', async () => {
    const kiosk = await enrolled('RACE-1');
    const batches = Array.from({ length: 5 }, (_, i) => kiosk.batch([completions('2026-W11', i + 1), women('2026-W11', 5)]));
    // Every batch eight times over, all in flight together.
    const responses = await Promise.all(batches.flatMap((batch) => Array.from({ length: 8 }, () => kiosk.deliver(collector.url, batch, { deviceTime: NOW }))));
    const acks = await Promise.all(responses.map(json));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    for (const batch of batches) {
      expect(acks.filter((a) => a.key === batch.key && a.status === 'stored')).toHaveLength(1);
      expect(acks.filter((a) => a.key === batch.key && a.status === 'duplicate')).toHaveLength(7);
    }
    expect(cellMap(await collector.store.cells(), 'RACE-1')).toEqual({
      '2026-W11|basics/computer|courses_completed|total|': 1 + 2 + 3 + 4 + 5,
      '2026-W11|basics/computer|courses_completed|gender|female': 25,
    });
    expect((await collector.store.sites()).find((s) => s.code === 'RACE-1')!.batches).toBe(5);
  });

  it('stores a reused sequence with a new key (a kiosk restored from a backup)', async () => {
    const kiosk = await enrolled('RESTORED-1');
    await kiosk.deliver(collector.url, kiosk.batch([completions('2026-W11', 2)], { sequence: 7 }), { deviceTime: NOW });
    const response = await kiosk.deliver(collector.url, kiosk.batch([completions('2026-W11', 3)], { sequence: 7 }), { deviceTime: NOW });
    expect((await json(response)).status).toBe('stored');
    expect(cellMap(await collector.store.cells(), 'RESTORED-1')).toEqual({ '2026-W11|basics/computer|courses_completed|total|': 5 });
  });

  it('takes a batch of MAX_BATCH_ROWS rows with the longest course names', async () => {
    const kiosk = await enrolled('BIG-1');
    const longName = (i: number) => `${'p'.repeat(96)}${String(i).padStart(4, '0')}/${'c'.repeat(100)}`;
    const rows: StatsRow[] = Array.from({ length: MAX_BATCH_ROWS }, (_, i) => ({
      week: '2026-W11',
      course: longName(i),
      metric: 'lessons_completed',
      dimension: 'age_band',
      value: '60-plus',
      count: 1_000_000 + i,
    })) as StatsRow[];
    const response = await kiosk.deliver(collector.url, kiosk.batch(rows), { deviceTime: NOW });
    expect(response.status).toBe(200);
    expect(Object.keys(cellMap(await collector.store.cells(), 'BIG-1'))).toHaveLength(MAX_BATCH_ROWS);
  });

  describe('refusals (acceptance 3): a clear code, and nothing stored', () => {
    let kiosk: TestKiosk;
    beforeAll(async () => {
      kiosk = await enrolled('REFUSE-1');
    });

    async function expectRefused(response: Response, status: number, error: string): Promise<{ error: string; issues?: unknown[] }> {
      expect(response.status).toBe(status);
      const body = await json(response);
      expect(body.error).toBe(error);
      return body;
    }

    it.each([
      ['a name on the batch', (b: Record<string, unknown>) => ({ ...b, name: 'Aigul Bekova' })],
      ['a learner id on the batch', (b: Record<string, unknown>) => ({ ...b, learnerId: '3f1c2a54-8d9e-4b7a-9c1d-2e3f4a5b6c7d' })],
      ['a name on a row', (b: Record<string, any>) => ({ ...b, rows: [{ ...b.rows[0], name: 'Aigul Bekova' }] })],
      ['a learner id on a row', (b: Record<string, any>) => ({ ...b, rows: [{ ...b.rows[0], learnerId: 'L-000123' }] })],
      ['a name smuggled in a row value', (b: Record<string, any>) => ({ ...b, rows: [{ ...b.rows[0], value: 'Aigul Bekova' }] })],
      ['a name as a gender', (b: Record<string, any>) => ({ ...b, rows: [{ ...b.rows[0], dimension: 'gender', value: 'Aigul Bekova' }] })],
      ['a name as a course', (b: Record<string, any>) => ({ ...b, rows: [{ ...b.rows[0], course: 'Aigul Bekova' }] })],
      ['an unknown field', (b: Record<string, unknown>) => ({ ...b, comment: 'hello' })],
      ['an exact timestamp instead of a week', (b: Record<string, any>) => ({ ...b, rows: [{ ...b.rows[0], week: '2026-03-17T14:03:00Z' }] })],
      ['a week that does not exist', (b: Record<string, any>) => ({ ...b, rows: [{ ...b.rows[0], week: '2026-W60' }] })],
      ['a negative count', (b: Record<string, any>) => ({ ...b, rows: [{ ...b.rows[0], count: -3 }] })],
      ['too many rows', (b: Record<string, any>) => ({ ...b, rows: Array.from({ length: MAX_BATCH_ROWS + 1 }, () => b.rows[0]) })],
    ])('refuses %s (400 batch.invalid)', async (_what, spoil) => {
      const before = await collector.store.counts();
      const batch = spoil(kiosk.batch([completions('2026-W11', 9)]) as unknown as Record<string, unknown>);
      const body = await expectRefused(await kiosk.deliver(collector.url, batch, { deviceTime: NOW }), 400, 'batch.invalid');
      expect(body.issues!.length).toBeGreaterThan(0);
      // The refusal says where, never repeats what was sent.
      expect(JSON.stringify(body)).not.toContain('Aigul');
      expect(await collector.store.counts()).toEqual(before);
    });

    it('refuses an unknown field on the envelope', async () => {
      const before = await collector.store.counts();
      const body = { deviceTime: '2026-03-18T10:00:00Z', batch: kiosk.batch([completions('2026-W11', 1)]), learner: 'Aigul' };
      await expectRefused(await kiosk.deliverBody(collector.url, body), 400, 'batch.invalid');
      expect(await collector.store.counts()).toEqual(before);
    });

    it('refuses a wrong, missing or malformed site token (401 auth.site_token)', async () => {
      const before = await collector.store.counts();
      const batch = kiosk.batch([completions('2026-W11', 1)]);
      for (const token of ['A'.repeat(43), null, 'not a token!']) {
        await expectRefused(await kiosk.deliver(collector.url, batch, { deviceTime: NOW, token }), 401, 'auth.site_token');
      }
      expect(await collector.store.counts()).toEqual(before);
    });

    it('refuses a batch that names another site (409 batch.site_mismatch)', async () => {
      const before = await collector.store.counts();
      const other = await enrolled('REFUSE-OTHER');
      const batch = kiosk.batch([completions('2026-W11', 1)]);
      await expectRefused(await other.deliver(collector.url, batch, { deviceTime: NOW }), 409, 'batch.site_mismatch');
      expect((await collector.store.counts()).batches).toBe(before.batches);
      expect((await collector.store.counts()).cells).toBe(before.cells);
    });

    it('refuses an oversized body (413 body.too_large) and malformed JSON (400 body.invalid)', async () => {
      const before = await collector.store.counts();
      const padding = 'x'.repeat(1024 * 1024);
      const huge = { deviceTime: '2026-03-18T10:00:00Z', batch: { ...kiosk.batch([completions('2026-W11', 1)]), padding } };
      await expectRefused(await kiosk.deliverBody(collector.url, huge), 413, 'body.too_large');

      const broken = await fetch(`${collector.url}/api/v1/batches`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${kiosk.token}` },
        body: '{"deviceTime": "2026-03-18T10:00:00Z", "batch": ',
      });
      await expectRefused(broken, 400, 'body.invalid');
      expect(await collector.store.counts()).toEqual(before);
    });
  });

  describe('clocks (acceptance 4, the collector side)', () => {
    it('moves the weeks of a kiosk whose clock says 2001 into the weeks it was received in, flagged', async () => {
      const kiosk = await enrolled('CLOCK-2001');
      // The kiosk thinks it is Wednesday 14 March 2001 (2001-W11); really it is 2026-W12.
      const deviceTime = new Date('2001-03-14T10:00:00Z');
      const ack = await json(await kiosk.deliver(collector.url, kiosk.batch([completions('2001-W11', 3), completions('2001-W10', 2)]), { deviceTime }));
      expect(ack.clockSkewSeconds).toBe((NOW.getTime() - deviceTime.getTime()) / 1000);
      expect(cellMap(await collector.store.cells(), 'CLOCK-2001')).toEqual({
        '2026-W12|basics/computer|courses_completed|total|': 3,
        '2026-W11|basics/computer|courses_completed|total|': 2,
      });
      expect((await collector.store.sites()).find((s) => s.code === 'CLOCK-2001')).toMatchObject({ clockSkewFlagged: true, clockSkewSeconds: ack.clockSkewSeconds });
    });

    it('moves the weeks of a kiosk whose clock says 2099 back, and never after the receipt week', async () => {
      const kiosk = await enrolled('CLOCK-2099');
      const deviceTime = new Date('2099-03-18T10:00:00Z'); // 2099-W12
      const rows = [completions('2099-W12', 4), completions('2099-W11', 1), completions('2099-W13', 6)];
      const ack = await json(await kiosk.deliver(collector.url, kiosk.batch(rows), { deviceTime }));
      expect(ack.clockSkewSeconds).toBeLessThan(-70 * 365 * 86_400);
      const cells = cellMap(await collector.store.cells(), 'CLOCK-2099');
      expect(cells).toEqual({
        // W12 and the impossible W13 (the kiosk's future) both land in the receipt week.
        '2026-W12|basics/computer|courses_completed|total|': 10,
        '2026-W11|basics/computer|courses_completed|total|': 1,
      });
      expect((await collector.store.sites()).find((s) => s.code === 'CLOCK-2099')!.clockSkewFlagged).toBe(true);
    });

    it('keeps the weeks of a kiosk a few hours off, unflagged', async () => {
      const kiosk = await enrolled('CLOCK-OK');
      const deviceTime = new Date(NOW.getTime() - 5 * 3_600_000);
      await kiosk.deliver(collector.url, kiosk.batch([completions('2026-W11', 2)]), { deviceTime });
      expect(cellMap(await collector.store.cells(), 'CLOCK-OK')).toEqual({ '2026-W11|basics/computer|courses_completed|total|': 2 });
      expect((await collector.store.sites()).find((s) => s.code === 'CLOCK-OK')).toMatchObject({ clockSkewSeconds: 5 * 3600, clockSkewFlagged: false });
    });
  });
});
