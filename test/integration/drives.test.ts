import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DriveWatcher, findPackFiles, freeBytes, removableMountLister, scanDrive, type DriveEvent } from '../../core/drives';
import { createFatStick, fatToolsAvailable, type FatStick } from '../support/fat-stick';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';

beforeAll(() => {
  // Failing loudly, not skipping: a suite that silently skips its USB tests proves nothing.
  if (!fatToolsAvailable()) throw new Error('These tests need mkfs.vfat and fusefat: run bash scripts/test-prerequisites.sh');
});

const watchers: DriveWatcher[] = [];
afterEach(() => {
  for (const watcher of watchers.splice(0)) watcher.stop();
});

function watch(roots: string[], options: { probeTimeoutMs?: number } = {}) {
  const watcher = new DriveWatcher({ roots, intervalMs: 100, log: () => {}, ...options });
  watchers.push(watcher);
  const events: DriveEvent[] = [];
  watcher.on((event) => events.push(event));
  return { watcher, events };
}

/** The id the watcher gives the file system mounted at the stick's folder right now. */
async function idOf(stick: FatStick): Promise<string> {
  return `${(await fs.promises.stat(stick.dir)).dev}:${stick.dir}`;
}

function eventFor(events: DriveEvent[], type: DriveEvent['type'], id: string, after = -1): DriveEvent | undefined {
  return events.find((event, index) => index > after && event.type === type && event.drive.id === id);
}

describe('watching for removable drives on real FAT sticks', () => {
  it('reports a stick mounted into a watched folder as added, identified by its own file system', async () => {
    const root = tempDir();
    const { watcher, events } = watch([root]);
    await watcher.start();
    expect(watcher.current()).toEqual([]);

    const stick = await createFatStick({ parentDir: root });
    expect((await fs.promises.stat(stick.dir)).dev).not.toBe((await fs.promises.stat(root)).dev);
    const id = await idOf(stick);

    const added = await until('the stick to be reported added', () => eventFor(events, 'added', id));
    expect(added.drive).toEqual({ id, path: stick.dir, label: path.basename(stick.dir) });
    expect(watcher.current()).toEqual([added.drive]);
  });

  it('reports a stick pulled out (fusefat killed) as removed, and the same stick mounted again as added', async () => {
    const root = tempDir();
    const stick = await createFatStick({ parentDir: root });
    const firstId = await idOf(stick);
    const { watcher, events } = watch([root]);
    await watcher.start();
    expect(events).toEqual([{ type: 'added', drive: { id: firstId, path: stick.dir, label: path.basename(stick.dir) } }]);

    await stick.pull();
    await expect(fs.promises.stat(stick.dir)).rejects.toMatchObject({ code: 'ENOTCONN' });
    await until('the pulled stick to be reported removed', () => eventFor(events, 'removed', firstId));
    expect(watcher.current()).toEqual([]);

    const removedAt = events.findIndex((event) => event.type === 'removed' && event.drive.id === firstId);
    await stick.remount();
    const secondId = await idOf(stick);
    await until('the remounted stick to be reported added', () => eventFor(events, 'added', secondId, removedAt));
    expect(watcher.current().map((drive) => drive.id)).toEqual([secondId]);
  });

  it('tells the whole set once per change (pulled out, put back), and nothing while it stays the same', async () => {
    const root = tempDir();
    const stick = await createFatStick({ parentDir: root });
    const { watcher } = watch([root]);
    const sets: string[][] = [];
    watcher.onChange((drives) => sets.push(drives.map((drive) => drive.path)));
    await watcher.start();
    // Already there: the first look tells it, like the 'added' events.
    expect(sets).toEqual([[stick.dir]]);

    await stick.pull();
    await until('the set without the stick', () => sets.length === 2);
    await stick.remount();
    await until('the set with the stick again', () => sets.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 500)); // five more looks
    expect(sets).toEqual([[stick.dir], [], [stick.dir]]);
  });

  it('reports a stick that stops answering as removed after the probe timeout, while other drives stay', async () => {
    const root = tempDir();
    const healthy = await createFatStick({ parentDir: root });
    const hung = await createFatStick({ parentDir: root });
    const { watcher, events } = watch([root], { probeTimeoutMs: 300 });
    await watcher.start();
    const hungId = await idOf(hung);
    expect(watcher.current().map((drive) => drive.path).sort()).toEqual([healthy.dir, hung.dir].sort());

    // A stopped fusefat answers nothing: reads of the stick block, as on a dying stick.
    const pid = Number(execFileSync('pgrep', ['-f', hung.image], { encoding: 'utf8' }).trim());
    process.kill(pid, 'SIGSTOP');
    try {
      await until('the hung stick to be reported removed', () => eventFor(events, 'removed', hungId));
      expect(watcher.current().map((drive) => drive.path)).toEqual([healthy.dir]);
      // The watcher has not stalled on the hung stick: it still sees the other one leave.
      const healthyId = await idOf(healthy);
      await healthy.unmount();
      await until('the healthy stick to be reported removed', () => eventFor(events, 'removed', healthyId));
      expect(events.filter((event) => event.drive.id === hungId).map((event) => event.type)).toEqual(['added', 'removed']);
    } finally {
      // Ends the hang before cleanup: the test's own pending reads then fail and return.
      process.kill(pid, 'SIGKILL');
    }
  });

  it('lists a mounted stick among the removable mounts of the real /proc/mounts, and not once unmounted', async () => {
    const stick = await createFatStick();
    const list = removableMountLister('linux');
    expect(await list()).toContain(stick.dir);
    await stick.unmount();
    expect(await list()).not.toContain(stick.dir);
  });
});

describe('finding packs on a real FAT stick', () => {
  async function stickWithFiles(): Promise<FatStick> {
    const stick = await createFatStick();
    const write = (name: string, text = 'pack') => {
      fs.mkdirSync(path.dirname(path.join(stick.dir, name)), { recursive: true });
      fs.writeFileSync(path.join(stick.dir, name), text);
    };
    write('x.ayilpack');
    write('ayil/y.AYILPACK');
    write('ayil/b.AyilPack');
    write('ayil/notes.txt');
    write('ayil/deeper/w.ayilpack');
    write('other/z.ayilpack');
    write('readme.txt');
    write('._x.ayilpack', 'AppleDouble');
    fs.mkdirSync(path.join(stick.dir, 'folder.ayilpack'));
    return stick;
  }

  it('finds .ayilpack files in any case at the root and in the ayil folder only, sorted', async () => {
    const stick = await stickWithFiles();
    // fusefat shows the volume label as a file at the root; it is not a pack.
    expect(fs.readdirSync(stick.dir)).toContain('AYILSTIC.K');
    expect(await findPackFiles(stick.dir)).toEqual([
      path.join(stick.dir, 'ayil', 'b.AyilPack'),
      path.join(stick.dir, 'ayil', 'y.AYILPACK'),
      path.join(stick.dir, 'x.ayilpack'),
    ]);
  });

  it('finds the ayil folder whatever the case of its name', async () => {
    const stick = await createFatStick();
    fs.mkdirSync(path.join(stick.dir, 'AYIL'));
    fs.writeFileSync(path.join(stick.dir, 'AYIL', 'c.ayilpack'), 'pack');
    expect(await findPackFiles(stick.dir)).toEqual([path.join(stick.dir, 'AYIL', 'c.ayilpack')]);
  });

  it('classifies every pack found, in order, with the given classifier', async () => {
    const stick = await stickWithFiles();
    const scanned = await scanDrive(stick.dir, async (file) => (await fs.promises.readFile(file, 'utf8')).length);
    expect(scanned).toEqual([
      { file: path.join(stick.dir, 'ayil', 'b.AyilPack'), result: 4 },
      { file: path.join(stick.dir, 'ayil', 'y.AYILPACK'), result: 4 },
      { file: path.join(stick.dir, 'x.ayilpack'), result: 4 },
    ]);
  });

  it('rejects rather than answering "no packs" for a stick that was pulled out', async () => {
    const stick = await stickWithFiles();
    await stick.pull();
    await expect(findPackFiles(stick.dir)).rejects.toMatchObject({ code: 'ENOTCONN' });
  });
});

describe('free space on a real FAT stick', () => {
  it('reports between 50 and 64 MB free on an empty 64 MB stick, and less after a file is written', async () => {
    const stick = await createFatStick({ sizeMb: 64 });
    const empty = await freeBytes(stick.dir);
    expect(empty).toBeGreaterThan(50 * 1024 * 1024);
    expect(empty).toBeLessThanOrEqual(64 * 1024 * 1024);
    expect(await stick.freeBytes()).toBe(empty);

    fs.writeFileSync(path.join(stick.dir, 'big.bin'), Buffer.alloc(5 * 1024 * 1024, 1));
    expect(await freeBytes(stick.dir)).toBeLessThanOrEqual(empty - 5 * 1024 * 1024);
  });
});
