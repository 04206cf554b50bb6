import { describe, expect, it } from 'vitest';
import { decodeMountField, isRemovableCandidate, parseProcMounts, pickMacVolumes, removableMountPaths } from '../../core/drives/mounts';
import { parseLogicalDisks } from '../../core/drives/windows-drives';

// Taken from a Debian laptop with a stick, a card, an NTFS disk and the usual desktop mounts.
const PROC_MOUNTS = `sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
udev /dev devtmpfs rw,nosuid,relatime,size=8000000k,nr_inodes=2000000,mode=755 0 0
/dev/nvme0n1p2 / ext4 rw,relatime,errors=remount-ro 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077,dmask=0077,codepage=437,iocharset=ascii 0 2
tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime,size=1600000k,mode=755 0 0
fusectl /sys/fs/fuse/connections fusectl rw,nosuid,nodev,noexec,relatime 0 0
/dev/loop3 /snap/core22/1380 squashfs ro,nodev,relatime,errors=continue 0 0
lxcfs /var/lib/lxcfs fuse.lxcfs rw,nosuid,nodev,relatime,user_id=0,group_id=0,allow_other 0 0
gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw,nosuid,nodev,relatime,user_id=1000,group_id=1000 0 0
portal /run/user/1000/doc fuse.portal rw,nosuid,nodev,relatime,user_id=1000,group_id=1000 0 0
/dev/sdb1 /media/aigul/KINGSTON vfat rw,nosuid,nodev,relatime,uid=1000,gid=1000,shortname=mixed,utf8=1 0 0
/dev/sdc1 /run/media/aigul/My\\040Pack\\040Stick exfat rw,nosuid,nodev,relatime,uid=1000 0 0
/dev/sdd1 /data/Windows\\134Disk fuseblk rw,nosuid,nodev,relatime,user_id=0,group_id=0,allow_other 0 0
/dev/mmcblk0p1 /mnt ext4 rw,relatime 0 0
none /mnt/wsl tmpfs rw,relatime 0 0
/dev/sde1 /srv/card ntfs3 rw,relatime,uid=0,gid=0,iocharset=utf8 0 0
fusefat /tmp/ayil-stick-x/AYILSTICK fuse.fusefat rw,nosuid,nodev,relatime,user_id=0,group_id=0 0 0
/dev/sdb1 /media/aigul/KINGSTON vfat rw,nosuid,nodev,relatime 0 0
`;

describe('reading /proc/mounts', () => {
  it('decodes the octal escapes the kernel writes for space, tab, newline and backslash', () => {
    expect(decodeMountField('/media/a\\040b\\011c\\012d\\134e')).toBe('/media/a b\tc\nd\\e');
    expect(decodeMountField('/media/plain')).toBe('/media/plain');
  });

  it('reads source, mount point and file system type of every line, skipping blank and short lines', () => {
    const entries = parseProcMounts('/dev/sdb1 /media/a\\040b vfat rw 0 0\n\n  \nbroken-line\n');
    expect(entries).toEqual([{ source: '/dev/sdb1', path: '/media/a b', type: 'vfat' }]);
  });

  it('lists drives under /media, /run/media and /mnt and stick file systems elsewhere, once each and in order', () => {
    expect(removableMountPaths(PROC_MOUNTS)).toEqual([
      '/media/aigul/KINGSTON',
      '/run/media/aigul/My Pack Stick',
      '/data/Windows\\Disk',
      '/mnt',
      '/srv/card',
      '/tmp/ayil-stick-x/AYILSTICK',
    ]);
  });

  it('leaves out the EFI partition, desktop FUSE mounts, snaps and kernel file systems', () => {
    const paths = removableMountPaths(PROC_MOUNTS);
    for (const excluded of ['/', '/boot/efi', '/sys', '/proc', '/dev', '/run', '/sys/fs/fuse/connections', '/snap/core22/1380', '/var/lib/lxcfs', '/run/user/1000/gvfs', '/run/user/1000/doc', '/mnt/wsl']) {
      expect(paths, excluded).not.toContain(excluded);
    }
  });

  it('judges each mount by place first, then by file system type', () => {
    const at = (path: string, type: string) => isRemovableCandidate({ source: 'x', path, type });
    expect(at('/media/user/CDROM', 'iso9660')).toBe(true);
    expect(at('/mnt/usb', 'ext4')).toBe(true);
    expect(at('/home/user/stick', 'vfat')).toBe(true);
    expect(at('/home/user/stick', 'exfat')).toBe(true);
    expect(at('/home/user/stick', 'ntfs')).toBe(true);
    expect(at('/home/user/phone', 'fuse.jmtpfs')).toBe(true);
    expect(at('/home/user/disk', 'ext4')).toBe(false);
    expect(at('/media/user/gvfs', 'fuse.gvfsd-fuse')).toBe(false);
    expect(at('/efi', 'vfat')).toBe(false);
    expect(at('/', 'fuseblk')).toBe(false);
    expect(at('/mediafiles', 'ext4')).toBe(false);
    expect(at('/var/lib/snapd/snap', 'fuse.snapfuse')).toBe(false);
  });
});

describe('listing drives on macOS and Windows', () => {
  const entry = (name: string, isDirectory: boolean) => ({ name, isDirectory: () => isDirectory });

  it('takes the folders of /Volumes, not the boot volume link nor hidden entries', () => {
    expect(pickMacVolumes([entry('Macintosh HD', false), entry('.timemachine', true), entry('KINGSTON', true), entry('NO NAME', true)])).toEqual(['KINGSTON', 'NO NAME']);
  });

  it('takes the removable drives (DriveType 2) from the logical-disk listing', () => {
    expect(parseLogicalDisks('C: 3\r\nD: 5\r\nE: 2\r\nf: 2\r\n\r\nZ: 4\r\nnot a line\r\n')).toEqual(['E:', 'F:']);
    expect(parseLogicalDisks('')).toEqual([]);
  });
});
