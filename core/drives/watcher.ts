import fs from 'node:fs';
import path from 'node:path';
import { removableMountLister } from './mounts';

export interface Drive {
  /**
   * `<device number>:<path>`, the number being that of the file system mounted there: another
   * stick mounted at the same path (a fixed `/mnt/usb`, or `E:` on Windows, where the number is
   * the volume serial) is another drive, so its packs are looked at afresh.
   */
  id: string;
  /** Where the drive's files are: a mount point, or `E:\` on Windows. */
  path: string;
  /** A name to show: the mount point's folder name (usually the volume label), or `E:`. */
  label: string;
}

export interface DriveEvent {
  type: 'added' | 'removed';
  drive: Drive;
}

export type DriveListener = (event: DriveEvent) => void;

/** Hears the whole set of drives, after a look that changed it. */
export type DriveSetListener = (drives: Drive[]) => void;

export interface DriveWatcherOptions {
  /** Folders whose subfolders are the drives (for tests, or a fixed layout); default: the platform's mounts. */
  roots?: string[];
  /** Lists candidate mount points; default: `removableMountLister()` for this platform. Ignored with `roots`. */
  listMounts?: () => Promise<string[]>;
  /** Time between two looks, in milliseconds. */
  intervalMs?: number;
  /** How long a drive may take to answer before it counts as gone (a dying stick can hang reads). */
  probeTimeoutMs?: number;
  log?: (message: string) => void;
}

const DEFAULT_INTERVAL_MS = 2000;
const DEFAULT_PROBE_TIMEOUT_MS = 5000;

/**
 * Reports removable drives appearing and leaving by looking at the mounts every `intervalMs`
 * (polling: the same code on every platform, and no native module to rebuild for Electron).
 * A drive counts while its root can be listed; one that stops answering (stick pulled out:
 * ENOENT, EIO, ENOTCONN) or hangs longer than `probeTimeoutMs` is reported removed.
 *
 * Drives already there when watching starts are reported added by the first look, which
 * `start()` waits for.
 */
export class DriveWatcher {
  private readonly listeners = new Set<DriveListener>();
  private readonly setListeners = new Set<DriveSetListener>();
  private readonly intervalMs: number;
  private readonly probeTimeoutMs: number;
  private readonly listCandidates: () => Promise<string[]>;
  private readonly log: (message: string) => void;
  private drives = new Map<string, Drive>();
  // A look at a hung drive is not started again while the previous one is still waiting:
  // each would hold one of libuv's four file-system threads for good.
  private readonly probing = new Map<string, Promise<Drive | null>>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  // Bumped by stop(), so a look that was under way when it was called reports nothing.
  private generation = 0;

  constructor(options: DriveWatcherOptions = {}) {
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    this.log = options.log ?? ((message: string) => console.error(message));
    const roots = options.roots;
    this.listCandidates = roots ? () => subfoldersOf(roots) : (options.listMounts ?? removableMountLister());
  }

  /** Calls `listener` for every drive added or removed from now on; returns the way to stop. */
  on(listener: DriveListener): () => void {
    this.listeners.add(listener);
    return () => this.off(listener);
  }

  off(listener: DriveListener): void {
    this.listeners.delete(listener);
  }

  /**
   * Calls `listener` with the drives after each look that found another set than the look
   * before (one call for any number of drives added and removed at once); returns the way to stop.
   */
  onChange(listener: DriveSetListener): () => void {
    this.setListeners.add(listener);
    return () => {
      this.setListeners.delete(listener);
    };
  }

  /** The drives present at the last look, sorted by path. */
  current(): Drive[] {
    return [...this.drives.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Starts watching; resolves once the first look has reported the drives already there. */
  start(): Promise<void> {
    if (this.running) return this.running;
    const generation = this.generation;
    const loop = async () => {
      await this.look(generation);
      if (generation !== this.generation) return;
      this.timer = setTimeout(() => void loop(), this.intervalMs);
      // The watcher alone does not keep a host process alive.
      this.timer.unref();
    };
    this.running = loop();
    return this.running;
  }

  /** Stops watching and forgets the drives, without reporting them removed. */
  stop(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running = null;
    this.drives = new Map();
  }

  private async look(generation: number): Promise<void> {
    let candidates: string[];
    try {
      candidates = [...new Set(await this.listCandidates())];
    } catch (error) {
      // Keep what was known: a failed listing says nothing about the drives.
      this.log(`Could not list removable drives: ${String(error)}`);
      return;
    }
    const found = await Promise.all(candidates.map((dir) => this.probe(dir)));
    if (generation !== this.generation) return;

    const before = this.drives;
    this.drives = new Map(found.filter((drive) => drive !== null).map((drive) => [drive.id, drive]));
    let changed = false;
    for (const [id, drive] of before) if (!this.drives.has(id)) changed = this.emit({ type: 'removed', drive });
    for (const [id, drive] of this.drives) if (!before.has(id)) changed = this.emit({ type: 'added', drive });
    if (changed) this.tell(this.setListeners, this.current());
  }

  private probe(dir: string): Promise<Drive | null> {
    let pending = this.probing.get(dir);
    if (!pending) {
      pending = readDrive(dir).finally(() => this.probing.delete(dir));
      this.probing.set(dir, pending);
    }
    return withTimeout(pending, this.probeTimeoutMs, null);
  }

  /** Tells the listeners of one drive's change; answers true (there was a change). */
  private emit(event: DriveEvent): true {
    this.tell(this.listeners, event);
    return true;
  }

  private tell<E>(listeners: Set<(event: E) => void>, event: E): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One faulty listener must not stop the others from hearing about the drive.
        this.log(`A drive listener failed: ${String(error)}`);
      }
    }
  }
}

/** The drive at `dir` when it is a folder whose contents can be listed, otherwise null. */
async function readDrive(dir: string): Promise<Drive | null> {
  try {
    const stats = await fs.promises.stat(dir);
    if (!stats.isDirectory()) return null;
    await fs.promises.readdir(dir);
    return { id: `${stats.dev}:${dir}`, path: dir, label: path.basename(dir) || dir.replace(/[\\/]+$/, '') };
  } catch {
    return null;
  }
}

/** The non-hidden subfolders of each root, as candidates; a missing root has none. */
async function subfoldersOf(roots: string[]): Promise<string[]> {
  const lists = await Promise.all(
    roots.map(async (root) => {
      const entries = await fs.promises.readdir(root, { withFileTypes: true }).catch(() => []);
      // Symbolic links are left out: macOS's /Volumes holds one to the boot volume.
      return entries.filter((entry) => !entry.name.startsWith('.') && !entry.isSymbolicLink()).map((entry) => path.join(root, entry.name));
    }),
  );
  return lists.flat();
}

function withTimeout<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
