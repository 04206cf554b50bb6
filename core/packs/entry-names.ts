/**
 * Rules for the names of files inside a pack. A name that could escape the install folder, mean
 * something else on Windows, or collide with another name on a case-insensitive FAT stick is
 * refused, each with its own reason.
 */
export type EntryNameProblem =
  | 'pack.path_traversal'
  | 'pack.path_absolute'
  | 'pack.path_backslash'
  | 'pack.path_reserved_name'
  | 'pack.path_too_long'
  | 'pack.path_invalid';

export const MAX_PATH_LENGTH = 240;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Control characters and the characters Windows forbids in file names.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f<>:"|?*]/;

export function entryNameProblem(name: string): EntryNameProblem | null {
  if (name.includes('\\')) return 'pack.path_backslash';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'pack.path_absolute';
  const segments = name.split('/');
  if (segments.some((s) => s === '..')) return 'pack.path_traversal';
  if (name.length > MAX_PATH_LENGTH) return 'pack.path_too_long';
  if (FORBIDDEN_CHARS.test(name)) return 'pack.path_invalid';
  for (const segment of segments) {
    if (segment === '' || segment === '.') return 'pack.path_invalid';
    // Windows ignores trailing dots and spaces, so "a." and "a" would be the same file there.
    if (/[. ]$/.test(segment)) return 'pack.path_invalid';
    if (WINDOWS_RESERVED.test(segment)) return 'pack.path_reserved_name';
  }
  return null;
}

/** The key under which two names are the same file on FAT, NTFS or APFS. */
export function collisionKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('en-US');
}

/** The first name that collides with an earlier one case-insensitively or after normalisation. */
export function findCollision(names: Iterable<string>): { name: string; other: string } | null {
  const seen = new Map<string, string>();
  for (const name of names) {
    const key = collisionKey(name);
    const other = seen.get(key);
    if (other !== undefined) return { name, other };
    seen.set(key, name);
  }
  return null;
}
