import fs from 'node:fs';
import path from 'node:path';
import { windowsRemovableDrives } from './windows-drives';

/** One line of /proc/mounts, with the kernel's octal escapes decoded. */
export interface MountEntry {
  source: string;
  path: string;
  type: string;
}

// File systems sticks and card readers come with, and the FUSE drivers that mount them
// (ntfs-3g shows as fuseblk, exfat-fuse as fuse.exfat...).
const STICK_TYPES = new Set(['vfat', 'exfat', 'ntfs', 'ntfs3', 'fuseblk']);
// FUSE mounts that are parts of the desktop, never a drive someone plugged in.
const DESKTOP_FUSE = new Set(['fuse.portal', 'fuse.gvfsd-fuse', 'fuse.lxcfs', 'fusectl', 'fuse.snapfuse']);
// Where desktops and people mount drives: a stick there counts whatever its file system.
const DRIVE_PARENTS = ['/media', '/run/media', '/mnt'];
// Where the system keeps its own mounts: the EFI partition is vfat, and still not a stick.
const SYSTEM_PLACES = ['/boot', '/efi', '/proc', '/sys', '/dev', '/run', '/snap', '/var/lib'];
// Kernel pseudo file systems: one mounted under /mnt (WSL's /mnt/wsl tmpfs) holds no packs.
const PSEUDO_TYPES = new Set(['tmpfs', 'devtmpfs', 'proc', 'sysfs', 'autofs', 'overlay', 'squashfs', 'cgroup', 'cgroup2', 'binfmt_misc', 'devpts', 'mqueue', 'ramfs']);

/** Decodes the `\ooo` escapes /proc/mounts uses for space, tab, newline and backslash in paths. */
export function decodeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

export function parseProcMounts(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const [source, mountPath, type] = line.trim().split(/\s+/);
    if (!source || !mountPath || !type) continue;
    entries.push({ source: decodeMountField(source), path: decodeMountField(mountPath), type });
  }
  return entries;
}

const isAtOrUnder = (dir: string, parent: string) => dir === parent || dir.startsWith(parent + '/');

/** Whether a Linux mount may be a removable drive: by where it is mounted, or by its file system. */
export function isRemovableCandidate(entry: MountEntry): boolean {
  if (PSEUDO_TYPES.has(entry.type) || DESKTOP_FUSE.has(entry.type)) return false;
  if (DRIVE_PARENTS.some((parent) => isAtOrUnder(entry.path, parent))) return true;
  if (entry.path === '/' || SYSTEM_PLACES.some((place) => isAtOrUnder(entry.path, place))) return false;
  return STICK_TYPES.has(entry.type) || entry.type.startsWith('fuse.');
}

/** The mount points in a /proc/mounts text that may be removable drives, once each, in order. */
export function removableMountPaths(procMounts: string): string[] {
  return [...new Set(parseProcMounts(procMounts).filter(isRemovableCandidate).map((entry) => entry.path))];
}

/**
 * The names in /Volumes that are drives. The boot volume appears there as a symbolic link to `/`,
 * and hidden entries are the system's (`.timemachine`...).
 */
export function pickMacVolumes(entries: ReadonlyArray<Pick<fs.Dirent, 'name' | 'isDirectory'>>): string[] {
  return entries.filter((entry) => !entry.name.startsWith('.') && entry.isDirectory()).map((entry) => entry.name);
}

/**
 * A function listing the mount points of candidate removable drives on this platform. Each call
 * reads the system afresh; an unreadable source lists nothing rather than throwing.
 */
export function removableMountLister(platform: NodeJS.Platform = process.platform): () => Promise<string[]> {
  switch (platform) {
    case 'linux':
      return async () => removableMountPaths(await fs.promises.readFile('/proc/mounts', 'utf8').catch(() => ''));
    case 'darwin':
      return async () => {
        const entries = await fs.promises.readdir('/Volumes', { withFileTypes: true }).catch(() => []);
        return pickMacVolumes(entries).map((name) => path.join('/Volumes', name));
      };
    case 'win32':
      return windowsRemovableDrives();
    default:
      return async () => [];
  }
}
