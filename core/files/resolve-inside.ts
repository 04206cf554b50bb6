import path from 'node:path';

/**
 * Resolves a URL path against a root folder, or returns null when it would leave the root
 * (`..`, absolute paths, encoded separators, NUL). Hosts use it to serve files safely.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || /^[a-zA-Z]:/.test(s))) return null;
  const resolvedRoot = path.resolve(root);
  const target = path.resolve(resolvedRoot, ...segments);
  return target === resolvedRoot || target.startsWith(resolvedRoot + path.sep) ? target : null;
}
