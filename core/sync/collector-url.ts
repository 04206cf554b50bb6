import { AppError } from '../errors';

/**
 * The collector's address as the administrator typed it, checked and reduced to what requests
 * are built from: scheme, host, port and path, without a trailing slash (a collector may live
 * under a path, e.g. `https://example.kg/ayil`). Plain http:// only when explicitly allowed:
 * figures and the site token would otherwise cross the network readable by anyone on it.
 */
export function collectorBaseUrl(text: string, allowPlainHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new AppError('sync.url_invalid');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('sync.url_invalid');
  // Credentials in the address would be stored and sent around; a query or fragment means a typo.
  if (!url.hostname || url.username || url.password || url.search || url.hash) throw new AppError('sync.url_invalid');
  if (url.protocol === 'http:' && !allowPlainHttp) throw new AppError('sync.plain_http_refused');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
