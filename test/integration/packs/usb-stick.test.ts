import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../core';
import { createFatStick, type FatStick } from '../../support/fat-stick';
import { PACK_ID, makePack, noise } from '../../support/packs';
import { call, importThroughApi, staffToken, startTestCore } from '../../support/test-core';
import { tempDir } from '../../support/temp-dir';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

/** Waits until the kiosk sees (or no longer sees) the stick, as the drive watcher reports it. */
async function waitForDrive(core: Core, token: string, stick: FatStick, present: boolean) {
  for (let i = 0; i < 200; i++) {
    const drives = await call<any[]>(core, 'drives.list', {}, token);
    const drive = drives.find((d) => d.path === stick.dir);
    if (Boolean(drive) === present) return drive;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`drive ${stick.dir} never became ${present ? 'present' : 'absent'}`);
}

async function putOnStick(stick: FatStick, file: string, name = path.basename(file)): Promise<string> {
  const target = path.join(stick.dir, 'ayil', name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Streamed: fusefat has no copy_file_range, as many sticks' drivers do not.
  await pipeline(fs.createReadStream(file), fs.createWriteStream(target));
  return target;
}

describe('packs on a real FAT USB stick (mkfs.vfat + fusefat)', () => {
  it('imports from the stick; pulled out mid-import the old version stays installed and served; after remounting the import succeeds', async () => {
    const root = tempDir('ayil-media-');
    const stick = await createFatStick({ sizeMb: 96, parentDir: root });
    const core = await startTestCore({ driveRoots: [root], drivePollMs: 100 });
    const token = await staffToken(core, 'facilitator');
    const learner = await call(core, 'learners.create', { displayName: 'Эрмек', avatar: 'star', language: 'ru' }, null);

    const v1 = await putOnStick(stick, await makePack({ version: '1.0.0', files: { 'a.txt': 'one' } }));
    const v2 = await putOnStick(stick, await makePack({ version: '2.0.0', files: { 'a.txt': 'two', 'video.bin': noise(48 * 1024 * 1024) } }));
    fs.writeFileSync(path.join(stick.dir, 'broken.ayilpack'), 'not a pack');
    await waitForDrive(core, token, stick, true);
    expect((await importThroughApi(core, token, v1)).state).toBe('done');

    const drive = await waitForDrive(core, token, stick, true);
    expect(drive.freeBytes).toBeGreaterThan(0);
    const packs = await call<any[]>(core, 'drives.packs', { driveId: drive.id }, token);
    const byName = Object.fromEntries(packs.map((p: any) => [p.name, p]));
    expect(byName['kg.ayil.test-pack-1.0.0.ayilpack']).toMatchObject({ status: 'installed', version: '1.0.0' });
    expect(byName['kg.ayil.test-pack-2.0.0.ayilpack']).toMatchObject({ status: 'newer', version: '2.0.0' });
    expect(byName['broken.ayilpack']).toMatchObject({ status: 'invalid', error: { code: 'pack.truncated' } });

    // Pull the stick out while the pack is being read from it.
    const job = await call(core, 'packs.import', { file: v2 }, token);
    for (;;) {
      const current = (await call<any[]>(core, 'packs.jobs', {}, token)).find((j) => j.id === job.id);
      if (current.state === 'copying' && current.bytesDone > 0) break;
      expect(['queued', 'checking', 'copying']).toContain(current.state);
      await new Promise((r) => setTimeout(r, 2));
    }
    await stick.pull();
    let failed;
    for (;;) {
      failed = (await call<any[]>(core, 'packs.jobs', {}, token)).find((j) => j.id === job.id);
      if (['done', 'failed', 'cancelled'].includes(failed.state)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'pack.source_gone' } });

    // The previous version: still installed, intact, and served.
    expect((await call<any[]>(core, 'packs.installed', {}, token)).map((p) => p.version)).toEqual(['1.0.0']);
    const lesson = await call(core, 'lessons.get', { packId: PACK_ID, lessonId: 'lesson' }, learner.token);
    expect(lesson.steps[0].body.en).toBe('Version 1.0.0');
    expect(await readAll((await core.readAsset(PACK_ID, 'a.txt')).stream)).toBe('one');
    expect(fs.readdirSync(path.join(core.dataDir, 'packs')).filter((f) => f.startsWith('.staging'))).toEqual([]);
    await waitForDrive(core, token, stick, false);

    // Put it back in: the same import now goes through.
    await stick.remount();
    await waitForDrive(core, token, stick, true);
    const retry = await importThroughApi(core, token, v2);
    expect(retry).toMatchObject({ state: 'done', version: '2.0.0' });
    expect(await readAll((await core.readAsset(PACK_ID, 'a.txt')).stream)).toBe('two');
  }, 120_000);

  it('copies installed packs onto a stick, reports free space first, and refuses a stick too small', async () => {
    const root = tempDir('ayil-media-');
    const source = await createFatStick({ sizeMb: 64, parentDir: root });
    const target = await createFatStick({ sizeMb: 64, parentDir: root });
    const tiny = await createFatStick({ sizeMb: 4, parentDir: root });
    const core = await startTestCore({ driveRoots: [root], drivePollMs: 100 });
    const token = await staffToken(core, 'facilitator');
    const pack = await putOnStick(source, await makePack({ version: '1.0.0', files: { 'a.bin': noise(6 * 1024 * 1024) } }));
    await waitForDrive(core, token, tiny, true);
    await waitForDrive(core, token, target, true);
    await waitForDrive(core, token, source, true);
    expect((await importThroughApi(core, token, pack)).state).toBe('done');

    const drives = await call<any[]>(core, 'drives.list', {}, token);
    const small = drives.find((d) => d.path === tiny.dir);
    expect(small.freeBytes).toBeLessThan(6 * 1024 * 1024);
    expect(await core.dispatch('packs.exportToDrive', { driveId: small.id, packIds: [PACK_ID] }, token)).toMatchObject({
      ok: false,
      error: { code: 'drive.no_space' },
    });
    expect(fs.readdirSync(tiny.dir).filter((n) => n.toLowerCase() === 'ayil')).toEqual([]);

    const big = drives.find((d) => d.path === target.dir);
    const { files } = await call(core, 'packs.exportToDrive', { driveId: big.id, packIds: [PACK_ID] }, token);
    expect(files).toEqual([path.join(target.dir, 'ayil', 'kg.ayil.test-pack-1.0.0.ayilpack')]);
    expect(fs.readFileSync(files[0]).equals(fs.readFileSync(pack))).toBe(true);
    expect(await call<any[]>(core, 'drives.packs', { driveId: big.id }, token)).toEqual([expect.objectContaining({ status: 'installed', packId: PACK_ID })]);
  }, 120_000);

  it('refuses to import a file that is not on a stick the kiosk sees', async () => {
    const core = await startTestCore({ driveRoots: [tempDir('ayil-media-')] });
    const token = await staffToken(core, 'facilitator');
    const file = await makePack();
    expect(await core.dispatch('packs.import', { file }, token)).toMatchObject({ ok: false, error: { code: 'drive.not_found' } });
    expect(await core.dispatch('packs.import', { file: '/etc/passwd' }, token)).toMatchObject({ ok: false, error: { code: 'drive.not_found' } });
  });
});
