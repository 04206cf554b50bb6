import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectorBackends, startTestCollector, type TestCollector } from '../support/collector';
import { cellMap, completions, json, TestKiosk, women } from './kiosk-client';

const NOW = new Date('2026-03-18T10:00:00Z'); // 2026-W12

describe.each(collectorBackends)('stick files (%s)', (backend) => {
  let collector: TestCollector;
  let cookie: string;
  const upload = (text: string, headers: Record<string, string> = { cookie }) =>
    fetch(`${collector.url}/api/v1/admin/stick-files`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });

  beforeAll(async () => {
    collector = await startTestCollector({ backend, now: () => NOW });
    cookie = await collector.adminCookie();
  });
  afterAll(() => collector.close());

  it('stores a file from a kiosk it never met (creating its site), and the same file again adds nothing', async () => {
    const kiosk = new TestKiosk({ code: 'FAR-01', name: 'Library far away', region: 'Naryn', district: 'Kochkor' });
    // Written a month before it reached the collector: a stick travels slowly, the weeks stay as they are.
    const text = kiosk.stickFile(
      [kiosk.batch([completions('2026-W07', 4), women('2026-W07', 5)]), kiosk.batch([completions('2026-W08', 2)])],
      { deviceTime: new Date('2026-02-18T09:00:00Z') },
    );

    const first = await upload(text);
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ site: { code: 'FAR-01', name: 'Library far away' }, batches: 2, stored: 2, duplicates: 0 });
    const site = (await collector.store.sites()).find((s) => s.code === 'FAR-01')!;
    expect(site).toMatchObject({ region: 'Naryn', district: 'Kochkor', batches: 2, clockSkewFlagged: false });
    expect(await collector.store.siteByPublicKey(kiosk.publicKey)).toMatchObject({ id: site.id });
    const figures = cellMap(await collector.store.cells(), 'FAR-01');
    expect(figures).toEqual({
      '2026-W07|basics/computer|courses_completed|total|': 4,
      '2026-W07|basics/computer|courses_completed|gender|female': 5,
      '2026-W08|basics/computer|courses_completed|total|': 2,
    });
    const before = await collector.store.counts();

    const again = await upload(text);
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ batches: 2, stored: 0, duplicates: 2 });
    expect(await collector.store.counts()).toEqual(before);
    expect(cellMap(await collector.store.cells(), 'FAR-01')).toEqual(figures);
  });

  it('takes a multipart upload (field `file`) the same way', async () => {
    const kiosk = new TestKiosk({ code: 'FAR-02' });
    const form = new FormData();
    form.set('file', new Blob([kiosk.stickFile([kiosk.batch([completions('2026-W11', 1)])], { deviceTime: NOW })]), 'ayil-figures.json');
    const response = await fetch(`${collector.url}/api/v1/admin/stick-files`, { method: 'POST', headers: { cookie }, body: form });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ site: { code: 'FAR-02' }, stored: 1 });
  });

  it('puts a stick file of an enrolled kiosk with its site, deduplicated against what came by network', async () => {
    const kiosk = new TestKiosk({ code: 'BOTH-01' });
    await kiosk.enrol(collector.url, await collector.createCode());
    const sent = kiosk.batch([completions('2026-W11', 3)]);
    expect((await kiosk.deliver(collector.url, sent, { deviceTime: NOW })).status).toBe(200);
    const text = kiosk.stickFile([sent, kiosk.batch([completions('2026-W12', 1)])], { deviceTime: NOW });
    expect(await json(await upload(text))).toMatchObject({ batches: 2, stored: 1, duplicates: 1 });
    expect((await collector.store.sites()).filter((s) => s.code === 'BOTH-01')).toEqual([expect.objectContaining({ id: kiosk.siteId, batches: 2 })]);
    expect(cellMap(await collector.store.cells(), 'BOTH-01')).toEqual({
      '2026-W11|basics/computer|courses_completed|total|': 3,
      '2026-W12|basics/computer|courses_completed|total|': 1,
    });
  });

  it('refuses a tampered file with a signature error and stores nothing', async () => {
    const kiosk = new TestKiosk({ code: 'TAMPER-01' });
    const genuine = JSON.parse(kiosk.stickFile([kiosk.batch([completions('2026-W11', 3)])], { deviceTime: NOW }));
    const before = await collector.store.counts();

    const inflated = { ...genuine, payload: genuine.payload.replace('"count":3', '"count":300') };
    expect(inflated.payload).not.toBe(genuine.payload);
    const response = await upload(JSON.stringify(inflated));
    expect(response.status).toBe(422);
    expect(await json(response)).toEqual({ error: 'file.signature_invalid' });

    // Signed by another key that claims to be this kiosk.
    const impostor = new TestKiosk({ code: 'TAMPER-01' });
    const claimed = JSON.parse(impostor.stickFile([impostor.batch([completions('2026-W11', 50)])], { deviceTime: NOW }));
    const swapped = { ...claimed, payload: claimed.payload.replace(impostor.publicKey, kiosk.publicKey) };
    expect((await json(await upload(JSON.stringify(swapped)))).error).toBe('file.signature_invalid');

    expect(await collector.store.counts()).toEqual(before);
  });

  it('refuses a file whose batches name another site, creating no site', async () => {
    const kiosk = new TestKiosk({ code: 'MINE-01' });
    const foreign = kiosk.batch([completions('2026-W11', 3)], { siteCode: 'THEIRS-01' });
    const before = await collector.store.counts();
    const response = await upload(kiosk.stickFile([kiosk.batch([completions('2026-W10', 1)]), foreign], { deviceTime: NOW }));
    expect(response.status).toBe(409);
    expect(await json(response)).toEqual({ error: 'file.site_mismatch' });
    expect(await collector.store.counts()).toEqual(before);
    expect(await collector.store.siteByPublicKey(kiosk.publicKey)).toBeNull();
  });

  it('refuses what is not a figures file (400 file.invalid), a signed payload with a name in it, and an anonymous upload', async () => {
    const before = await collector.store.counts();
    for (const text of ['not json', JSON.stringify({ format: 'ayil.sync-file', payload: '{}' }), JSON.stringify({ hello: 'world' })]) {
      const response = await upload(text);
      expect(response.status, text).toBe(400);
      expect((await json(response)).error).toBe('file.invalid');
    }
    const kiosk = new TestKiosk({ code: 'NAMES-01' });
    const payload = JSON.parse(JSON.parse(kiosk.stickFile([kiosk.batch([completions('2026-W11', 1)])], { deviceTime: NOW })).payload);
    payload.batches[0].rows[0].name = 'Aigul Bekova';
    const withName = await upload(kiosk.signedFile(JSON.stringify(payload)));
    expect(withName.status).toBe(400);
    const refused = await json(withName);
    expect(refused.error).toBe('file.invalid');
    expect(JSON.stringify(refused)).not.toContain('Aigul');

    const anonymous = await upload(kiosk.stickFile([kiosk.batch([completions('2026-W11', 1)])]), {});
    expect(anonymous.status).toBe(401);
    expect(await json(anonymous)).toEqual({ error: 'auth.required' });
    expect(await collector.store.counts()).toEqual(before);
  });

  it('imports from the command line with the same dedupe, and says what it refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-stick-'));
    try {
      const kiosk = new TestKiosk({ code: 'CLI-01', name: 'Library by post' });
      const file = path.join(dir, 'ayil-figures-CLI-01.json');
      // The command line runs on the real clock, so the file is written "now" too.
      fs.writeFileSync(file, kiosk.stickFile([kiosk.batch([completions('2026-W10', 2)]), kiosk.batch([completions('2026-W11', 5)])], { deviceTime: new Date() }));
      const tampered = path.join(dir, 'tampered.json');
      fs.writeFileSync(tampered, fs.readFileSync(file, 'utf8').replace('\\"count\\":5', '\\"count\\":6'));

      expect(await collector.cli(['import-file', file])).toMatch(/site CLI-01 \(Library by post\): 2 batches, 2 stored, 0 duplicates/);
      const before = await collector.store.counts();
      expect(await collector.cli(['import-file', file])).toMatch(/2 batches, 0 stored, 2 duplicates/);
      await expect(collector.cli(['import-file', tampered])).rejects.toThrow(/tampered\.json: refused \(file\.signature_invalid\)/);
      expect(await collector.store.counts()).toEqual(before);
      expect(cellMap(await collector.store.cells(), 'CLI-01')).toEqual({
        '2026-W10|basics/computer|courses_completed|total|': 2,
        '2026-W11|basics/computer|courses_completed|total|': 5,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
