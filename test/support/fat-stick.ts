import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach } from 'vitest';
import { freeBytes } from '../../core/drives/free-space';
import { parseProcMounts } from '../../core/drives/mounts';
// Imported before this module's afterEach is registered: vitest runs afterEach hooks last
// registered first, so sticks are unmounted before temp-dir removes the folders they sit in.
import { tempDir } from './temp-dir';

const run = promisify(execFile);

export interface FatStick {
  /** The FAT image file: the stick's "hardware". */
  image: string;
  /** Where the stick is mounted. */
  dir: string;
  /** kill -9 the fusefat process: the stick is yanked out mid-whatever */
  pull(): Promise<void>;
  /** mount again after pull/unmount */
  remount(): Promise<void>;
  /** clean unmount (fusermount -u) */
  unmount(): Promise<void>;
  /** bytes free as statfs reports */
  freeBytes(): Promise<number>;
}

const made: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanUp of made.splice(0)) await cleanUp();
});

// mkfs.vfat lives in /usr/sbin, which is not on a Debian user's PATH.
const SBIN = ['/usr/sbin', '/sbin'];

function findTool(name: string): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SBIN]) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** Whether this machine can make FAT sticks: mkfs.vfat (dosfstools), fusefat and fusermount. */
export function fatToolsAvailable(): boolean {
  return ['mkfs.vfat', 'fusefat', 'fusermount'].every((tool) => findTool(tool) !== null) && fs.existsSync('/dev/fuse');
}

function tool(name: string): string {
  const file = findTool(name);
  if (!file) throw new Error(`${name} is missing: run bash scripts/test-prerequisites.sh (Debian packages dosfstools, fusefat)`);
  return file;
}

async function isMounted(dir: string): Promise<boolean> {
  const text = await fs.promises.readFile('/proc/mounts', 'utf8');
  return parseProcMounts(text).some((entry) => entry.path === dir);
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * A real FAT16/32 file system in an image file, mounted with fusefat (read-write) at a fresh
 * folder inside `parentDir` (default: a temporary folder), so code under test meets real FAT:
 * 8.3 names beside long ones, case-insensitive names, the volume label shown as a file
 * (`AYILSTIC.K`), and a mount that dies when its process is killed. Unmounted and removed after
 * the test.
 */
export async function createFatStick(options: { sizeMb?: number; parentDir?: string } = {}): Promise<FatStick> {
  const work = tempDir('ayil-stick-');
  const image = path.join(work, 'stick.img');
  const dir = options.parentDir ? fs.mkdtempSync(path.join(path.resolve(options.parentDir), 'AYILSTICK-')) : path.join(work, 'AYILSTICK');
  fs.mkdirSync(dir, { recursive: true });
  // A sparse file: a 64 MB stick costs the test machine almost nothing.
  fs.writeFileSync(image, '');
  fs.truncateSync(image, (options.sizeMb ?? 64) * 1024 * 1024);
  await run(tool('mkfs.vfat'), ['-n', 'AYILSTICK', image]);

  let child: ChildProcess | null = null;

  const mount = async () => {
    // -f keeps fusefat in the foreground, so this process is the one to kill for pull().
    // Its debug chatter on stdout is dropped.
    const started = spawn(tool('fusefat'), ['-f', '-o', 'rw+', image, dir], { stdio: 'ignore' });
    child = started;
    let failure: Error | null = null;
    started.once('error', (error) => (failure = error));
    started.once('exit', (code, signal) => (failure ??= new Error(`fusefat exited (${code ?? signal}) before mounting ${dir}`)));
    await waitFor(`fusefat to mount ${dir}`, async () => {
      if (failure) throw failure;
      return isMounted(dir);
    });
  };

  // Detaches whatever is mounted at dir, dead or alive, and waits for fusefat to be gone.
  const detach = async (lazy: boolean) => {
    if (await isMounted(dir)) await run(tool('fusermount'), lazy ? ['-u', '-z', dir] : ['-u', dir]);
    if (child) {
      if (lazy) child.kill('SIGKILL');
      await exited(child);
      child = null;
    }
    await waitFor(`${dir} to be unmounted`, async () => !(await isMounted(dir)));
  };

  made.push(async () => {
    await detach(true);
    fs.rmdirSync(dir);
  });
  await mount();

  return {
    image,
    dir,
    async pull() {
      if (!child) throw new Error('the stick is not mounted');
      child.kill('SIGKILL');
      await exited(child);
      child = null;
      // The mount stays, dead: every access now fails with ENOTCONN until remount() or cleanup.
    },
    async remount() {
      if (child) throw new Error('the stick is already mounted');
      await detach(true);
      await mount();
    },
    async unmount() {
      await detach(child === null);
    },
    freeBytes: () => freeBytes(dir),
  };
}
