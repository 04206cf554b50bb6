import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildHttpHost } from '../../../http-host/http';
import { RENDERER_DIR } from '../../support/paths';
import { generatePublisherKey } from '../../../core/packs/signing';
import { PACK_ID, makePack, noise, testKey } from '../../support/packs';
import { call, importThroughApi, shippedKeysDir, STAFF_PASSWORD, staffToken, startTestCore } from '../../support/test-core';
import { tempDir } from '../../support/temp-dir';

const packFiles = (dataDir: string) => fs.readdirSync(path.join(dataDir, 'packs')).sort();

describe('importing a pack', () => {
  it('installs a signed pack, serves its lessons and files, and keeps the original signed file', async () => {
    const core = await startTestCore();
    const token = await staffToken(core, 'facilitator');
    const clip = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
    const file = await makePack({ files: { 'images/hello.txt': 'hello 1.0.0', 'media/clip.mp4': clip } });
    const job = await importThroughApi(core, token, file);
    expect(job).toMatchObject({ state: 'done', packId: PACK_ID, version: '1.0.0', error: null });

    const installed = await call(core, 'packs.installed', {}, token);
    expect(installed).toEqual([expect.objectContaining({ id: PACK_ID, version: '1.0.0', trust: 'trusted', publisher: 'Test publisher', competenceAreas: [1] })]);
    const [stored] = packFiles(core.dataDir).filter((n) => n.endsWith('.ayilpack'));
    expect(fs.readFileSync(path.join(core.dataDir, 'packs', stored!)).equals(fs.readFileSync(file))).toBe(true);

    const asset = await core.readAsset(PACK_ID, 'images/hello.txt');
    let text = '';
    for await (const chunk of asset.stream) text += chunk;
    expect(text).toBe('hello 1.0.0');

    // The browser host serves the same file to the page, and nothing outside the pack.
    const host = buildHttpHost(core, { rendererDir: RENDERER_DIR });
    await host.listen({ host: '127.0.0.1', port: 0 });
    try {
      const base = `http://127.0.0.1:${(host.server.address() as AddressInfo).port}`;
      const served = await fetch(`${base}/packs/${PACK_ID}/images/hello.txt`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toContain('text/plain');
      expect(await served.text()).toBe('hello 1.0.0');
      const missing = await fetch(`${base}/packs/${PACK_ID}/images/nope.png`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'pack.asset_not_found' } });
      expect((await fetch(`${base}/packs/${PACK_ID}/..%2F..%2Fayil.db`)).status).toBe(404);

      // Media seek with ranges: a stored file answers with just the part asked for.
      const part = await fetch(`${base}/packs/${PACK_ID}/media/clip.mp4`, { headers: { Range: 'bytes=1000-1099' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe('bytes 1000-1099/4096');
      expect(Buffer.from(await part.arrayBuffer()).equals(clip.subarray(1000, 1100))).toBe(true);
      const tail = await fetch(`${base}/packs/${PACK_ID}/media/clip.mp4`, { headers: { Range: 'bytes=4000-' } });
      expect(Buffer.from(await tail.arrayBuffer()).equals(clip.subarray(4000))).toBe(true);
      const whole = await fetch(`${base}/packs/${PACK_ID}/images/hello.txt`, { headers: { Range: 'bytes=0-2' } });
      expect(whole.status).toBe(200); // deflated entries are sent whole
      expect(await whole.text()).toBe('hello 1.0.0');
    } finally {
      await host.close();
    }
  });

  it('updates to a newer version and keeps learner progress, matched by step id', async () => {
    const core = await startTestCore();
    const token = await staffToken(core, 'facilitator');
    await importThroughApi(core, token, await makePack({ version: '1.0.0' }));
    const learner = await call(core, 'learners.create', { displayName: 'Гүлнара', avatar: 'moon', language: 'ky' });
    await call(core, 'progress.submitStep', { packId: PACK_ID, lessonId: 'lesson', stepId: 'intro' }, learner.token);

    const job = await importThroughApi(core, token, await makePack({ version: '1.1.0' }));
    expect(job.state).toBe('done');
    const lesson = await call(core, 'lessons.get', { packId: PACK_ID, lessonId: 'lesson' }, learner.token);
    expect(lesson.doneStepIds).toEqual(['intro']);
    expect(lesson.resumeStepId).toBe('outro');
    expect(lesson.steps[0].body.en).toBe('Version 1.1.0');
    expect(packFiles(core.dataDir)).toEqual([expect.stringMatching(/^kg\.ayil\.test-pack@1\.1\.0\.[0-9a-f]+\.ayilpack$/)]);
  });

  it('refuses a downgrade or a same-version re-import unless an administrator forces it', async () => {
    const core = await startTestCore();
    const facilitator = await staffToken(core, 'facilitator');
    const admin = await staffToken(core, 'admin');
    const v1 = await makePack({ version: '1.0.0' });
    await importThroughApi(core, facilitator, await makePack({ version: '1.2.0' }));

    expect((await importThroughApi(core, facilitator, v1)).error).toMatchObject({ code: 'pack.downgrade', params: { installed: '1.2.0', version: '1.0.0' } });
    const again = await makePack({ version: '1.2.0' });
    expect((await importThroughApi(core, facilitator, again)).error).toMatchObject({ code: 'pack.already_installed' });
    expect(await core.dispatch('packs.import', { file: v1, force: true }, facilitator)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });

    expect((await importThroughApi(core, admin, v1, { force: true })).state).toBe('done');
    expect((await call(core, 'packs.installed', {}, admin))[0].version).toBe('1.0.0');
  });

  it('imports an unsigned or unknown-publisher pack only when an administrator accepts it', async () => {
    const core = await startTestCore();
    const facilitator = await staffToken(core, 'facilitator');
    const admin = await staffToken(core, 'admin');
    const unsigned = await makePack({ key: null });
    const stranger = await makePack({ version: '2.0.0', key: generatePublisherKey('Stranger') });

    expect((await importThroughApi(core, facilitator, unsigned)).error).toMatchObject({ code: 'pack.signature_missing' });
    expect((await importThroughApi(core, facilitator, stranger)).error).toMatchObject({ code: 'pack.publisher_unknown', params: { publisher: 'Test publisher' } });
    expect(packFiles(core.dataDir)).toEqual([]);

    expect((await importThroughApi(core, admin, unsigned, { acceptUntrusted: true })).state).toBe('done');
    expect((await call(core, 'packs.installed', {}, admin))[0]).toMatchObject({ trust: 'unsigned', version: '1.0.0' });
  });

  it('trusts a publisher key an administrator adds', async () => {
    const core = await startTestCore({ bundledPacksDir: shippedKeysDir([]) });
    const admin = await staffToken(core, 'admin');
    const facilitator = await staffToken(core, 'facilitator');
    const file = await makePack();
    expect((await importThroughApi(core, facilitator, file)).error).toMatchObject({ code: 'pack.publisher_unknown' });
    expect(await core.dispatch('keys.trust', testKey.publicKey, facilitator)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await core.dispatch('keys.trust', { ...testKey.publicKey, keyId: '0000000000000000', password: STAFF_PASSWORD }, admin)).toMatchObject({ ok: false, error: { code: 'key.invalid' } });
    await call(core, 'keys.trust', { ...testKey.publicKey, password: STAFF_PASSWORD }, admin);
    expect((await importThroughApi(core, facilitator, file)).state).toBe('done');
  });

  it('runs two imports one after the other, never interleaved', async () => {
    const core = await startTestCore();
    const token = await staffToken(core, 'facilitator');
    const first = await makePack({ version: '1.0.0', files: { 'big.bin': noise(8 * 1024 * 1024) } });
    const second = await makePack({ version: '1.1.0', files: { 'big.bin': noise(1024) } });
    const a = await call(core, 'packs.import', { file: first }, token);
    const b = await call(core, 'packs.import', { file: second }, token);
    expect(b.state).toBe('queued');
    for (;;) {
      const jobs = await call<any[]>(core, 'packs.jobs', {}, token);
      const [ja, jb] = [jobs.find((j) => j.id === a.id), jobs.find((j) => j.id === b.id)];
      if (ja.state !== 'done') expect(jb.state).toBe('queued');
      if (jb.state === 'done') break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await call(core, 'packs.installed', {}, token))[0].version).toBe('1.1.0');
  });

  it('cancels an import: nothing installed, no staging file left', async () => {
    const core = await startTestCore();
    const token = await staffToken(core, 'facilitator');
    const file = await makePack({ files: { 'big.bin': noise(64 * 1024 * 1024) } });
    const job = await call(core, 'packs.import', { file }, token);
    await call(core, 'packs.cancelImport', { jobId: job.id }, token);
    const final = await importThroughApiWait(core, token, job.id);
    expect(final).toMatchObject({ state: 'cancelled', error: { code: 'pack.cancelled' } });
    expect(await call(core, 'packs.installed', {}, token)).toEqual([]);
    expect(packFiles(core.dataDir)).toEqual([]);
  });

  it('removes a pack and its file', async () => {
    const core = await startTestCore();
    const token = await staffToken(core, 'facilitator');
    await importThroughApi(core, token, await makePack());
    await call(core, 'packs.remove', { packId: PACK_ID }, token);
    expect(await call(core, 'packs.installed', {}, token)).toEqual([]);
    expect(packFiles(core.dataDir)).toEqual([]);
    expect(await core.dispatch('packs.remove', { packId: PACK_ID }, token)).toMatchObject({ ok: false, error: { code: 'pack.not_found' } });
  });

  it('cleans staging and unreferenced files left by a crash when it starts', async () => {
    const dataDir = tempDir();
    const core = await startTestCore({ dataDir });
    const token = await staffToken(core, 'facilitator');
    await importThroughApi(core, token, await makePack());
    await core.close();
    fs.writeFileSync(path.join(dataDir, 'packs', '.staging-abc.ayilpack'), 'half');
    fs.writeFileSync(path.join(dataDir, 'packs', `${PACK_ID}@9.9.9.deadbeef.ayilpack`), 'orphan');
    const again = await startTestCore({ dataDir });
    expect(packFiles(dataDir)).toEqual([expect.stringMatching(/@1\.0\.0\./)]);
    expect((await call(again, 'packs.installed', {}, await staffToken(again, 'admin')))[0].version).toBe('1.0.0');
  });
});

async function importThroughApiWait(core: Awaited<ReturnType<typeof startTestCore>>, token: string, id: string) {
  for (;;) {
    const job = (await call<any[]>(core, 'packs.jobs', {}, token)).find((j) => j.id === id);
    if (['done', 'failed', 'cancelled'].includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 10));
  }
}
