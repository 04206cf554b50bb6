import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pageHeaders, SECURITY_HEADERS } from '../base/security-headers';
import { contentTypeOf, parseRange, resolveInside, type Core } from '../core';

export const APP_SCHEME = 'app';
export const PACK_SCHEME = 'pack';
/** The host of the app's own origin, `app://ayil`. */
export const APP_HOST = 'ayil';

/** A `protocol.handle` handler: standard Request in, standard Response out, nothing of Electron. */
export type ProtocolHandler = (request: Request) => Promise<Response>;

/**
 * The browser host's policy (http-host/http.ts) for app://ayil: the page runs only its own
 * scripts, talks to nothing (the API is IPC), and shows media only from itself and pack://.
 */
export const RENDERER_HEADERS = pageHeaders({ img: ['data:', 'pack:'], media: ['pack:'] });

const status = (code: number) => new Response(null, { status: code });

/** The interface's own kinds of file (a pack's table has no script or page: packs must not run code). */
const RENDERER_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
};

function rendererTypeOf(file: string): string {
  return RENDERER_TYPES[path.extname(file).toLowerCase()] ?? contentTypeOf(file);
}

/**
 * Serves the built renderer at app://ayil/…: GET (and HEAD) only, only files inside its folder
 * (no `..`, plain or percent-encoded), never a directory, never file://.
 */
export function rendererHandler(rendererDir: string): ProtocolHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return status(405);
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return status(404);
    const file = resolveInside(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    const stat = file ? await fs.promises.stat(file).catch(() => null) : null;
    if (!file || !stat?.isFile()) return status(404);
    const headers = { ...RENDERER_HEADERS, 'Content-Type': rendererTypeOf(file), 'Content-Length': String(stat.size) };
    if (request.method === 'HEAD') return new Response(null, { headers });
    return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, { headers });
  };
}

/**
 * Serves files inside installed packs at pack://<pack-id>/<path>, read from the pack's zip by
 * core (which refuses paths the pack does not list). Media seek with byte ranges.
 */
export function packHandler(readAsset: Core['readAsset']): ProtocolHandler {
  return async (request) => {
    if (request.method !== 'GET') return status(405);
    const url = new URL(request.url);
    let file: string;
    try {
      file = decodeURIComponent(url.pathname.slice(1));
    } catch {
      return status(404);
    }
    try {
      // A Range header that is not one plain byte range is ignored (the whole file), as HTTP says.
      const asset = await readAsset(url.host, file, parseRange(request.headers.get('range')) ?? undefined);
      // Chromium shows an SVG (and plays some media) only with its content type.
      const headers: Record<string, string> = { 'Content-Type': contentTypeOf(file), 'Accept-Ranges': 'bytes', ...SECURITY_HEADERS };
      const body = Readable.toWeb(asset.stream) as ReadableStream;
      if (!asset.range) return new Response(body, { headers: { ...headers, 'Content-Length': String(asset.size) } });
      const { start, end } = asset.range;
      return new Response(body, {
        status: 206,
        headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${asset.size}`, 'Content-Length': String(end - start + 1) },
      });
    } catch {
      // An unknown pack, a file the pack does not list, a path that leaves it: all "not here".
      return status(404);
    }
  };
}
