import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StatsFileSchema } from '../../core/contract/console';
import { createFatStick, fatToolsAvailable } from '../support/fat-stick';
import { addLearner, doSteps, statsCore } from '../support/stats-fixture';
import { call, staffToken } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

const PERIOD = { from: '2026-03-02', to: '2026-03-08' };

/** A kiosk with a little history (a week that has ended) and a real FAT stick it sees. */
async function kioskWithStick(sizeMb = 8) {
  if (!fatToolsAvailable()) throw new Error('FAT tools missing: run bash scripts/test-prerequisites.sh');
  const root = tempDir('ayil-drives-');
  const { core, clock } = await statsCore('2026-03-04T12:00:00Z', { driveRoots: [root] });
  for (const name of ['A', 'B', 'C', 'D', 'E', 'F']) await doSteps(core, await addLearner(core, { name, gender: 'female', birthYear: 1990 }), 'l1');
  clock.now = new Date('2026-03-10T10:00:00Z');
  const stick = await createFatStick({ sizeMb, parentDir: root });
  const admin = await staffToken(core, 'admin');
  let drives: Array<{ id: string; path: string }> = [];
  for (let i = 0; i < 100 && drives.length === 0; i++) {
    drives = await call(core, 'drives.list', {}, admin);
    if (drives.length === 0) await new Promise((r) => setTimeout(r, 50));
  }
  expect(drives).toHaveLength(1);
  const exportTo = (format: 'csv' | 'json') =>
    core.dispatch('stats.export', { ...PERIOD, password: 'correct horse', format, target: { kind: 'drive', driveId: drives[0]!.id } }, admin);
  return { core, stick, exportTo };
}

/** Fills the stick to the last byte. */
function fill(dir: string) {
  const chunk = Buffer.alloc(64 * 1024, 1);
  const fd = fs.openSync(path.join(dir, 'FILLER.BIN'), 'w');
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    // fusefat says EPERM where other drivers say ENOSPC.
    if (!['ENOSPC', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    fs.closeSync(fd);
  }
}

describe('statistics export to a stick', () => {
  it('writes the file onto a real FAT stick, complete and nothing beside it', async () => {
    const { stick, exportTo } = await kioskWithStick();
    const result = await exportTo('json');
    expect(result).toMatchObject({ ok: true, value: { file: path.join(stick.dir, 'ayil-stats-TEST-01-2026-W10-2026-W10.json') } });
    const names = fs.readdirSync(stick.dir).filter((n) => n.startsWith('ayil-stats'));
    expect(names).toEqual(['ayil-stats-TEST-01-2026-W10-2026-W10.json']);
    const file = StatsFileSchema.parse(JSON.parse(fs.readFileSync(path.join(stick.dir, names[0]!), 'utf8')));
    expect(file.rows).toContainEqual({ week: '2026-W10', course: 'kg.ayil.test-pack/basics', metric: 'lessons_completed', dimension: 'gender', value: 'female', count: 6 });
  });

  it('says the stick is full, and leaves no half-written file on it', async () => {
    const { stick, exportTo } = await kioskWithStick(2);
    fill(stick.dir);
    expect(await stick.freeBytes()).toBeLessThan(64 * 1024);
    expect(await exportTo('csv')).toMatchObject({ ok: false, error: { code: 'drive.no_space' } });
    expect(fs.readdirSync(stick.dir).filter((n) => n.startsWith('ayil-stats'))).toEqual([]);
  });

  it('says the stick has gone when it is pulled out', async () => {
    const { stick, exportTo } = await kioskWithStick();
    await stick.pull();
    const result = await exportTo('csv');
    // Pulled just now the kiosk may still list it (the write fails) or have noticed already.
    expect(result.ok).toBe(false);
    expect(['drive.gone', 'drive.not_found']).toContain(!result.ok && result.error.code);
  });
});
