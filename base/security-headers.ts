/**
 * The response headers every page and answer of ours carries: the kiosk's HTTP host, the desktop
 * app's app:// pages and the collector. Each names only where its pages may load from.
 */

export interface PageSources {
  /** Where images may come from besides the page's own origin (e.g. 'data:', 'pack:'). */
  img?: readonly string[];
  /** Where audio and video may come from besides the page's own origin. */
  media?: readonly string[];
  /** Whether the page may run its own scripts and call its own origin (a server-rendered page runs none). */
  scripts?: boolean;
  /** Where forms may be sent: nowhere, unless the page posts back to its own origin. */
  forms?: 'none' | 'self';
}

/** A page may load only from its own origin (and the sources named), never be framed, never post elsewhere. */
export function contentSecurityPolicy(sources: PageSources = {}): string {
  const self = (extra: readonly string[] = []) => ["'self'", ...extra].join(' ');
  const scripts = sources.scripts ?? true;
  return [
    scripts ? "default-src 'self'" : "default-src 'none'",
    ...(scripts ? ["script-src 'self'"] : []),
    "style-src 'self'",
    `img-src ${self(sources.img)}`,
    ...(scripts || sources.media ? [`media-src ${self(sources.media)}`] : []),
    ...(scripts ? ["connect-src 'self'"] : []),
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    `form-action ${sources.forms === 'self' ? "'self'" : "'none'"}`,
  ].join('; ');
}

/** On every response: no content sniffing, no address leaked to another site. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The headers of a page: SECURITY_HEADERS and its content security policy. */
export function pageHeaders(sources: PageSources = {}): Readonly<Record<string, string>> {
  return { 'Content-Security-Policy': contentSecurityPolicy(sources), ...SECURITY_HEADERS };
}
