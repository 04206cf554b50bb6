import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { Net, Protocol } from 'electron';
import { contentTypeOf, parseRange, resolveInside, type Core } from '../core';

export const APP_SCHEME = 'app';
export const PACK_SCHEME = 'pack';

/** Serves the built renderer at app://ayil/…: GET only, never outside its folder, never file://. */
export function serveRenderer(protocol: Protocol, net: Net, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405 });
    const { pathname } = new URL(request.url);
    const file = resolveInside(rendererDir, pathname === '/' ? '/index.html' : pathname);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return new Response(null, { status: 404 });
    return net.fetch(pathToFileURL(path.resolve(file)).toString());
  });
}

/** Serves files inside installed packs at pack://<pack-id>/<path>, read from the pack's zip by core. */
export function servePackAssets(protocol: Protocol, core: Core): void {
  protocol.handle(PACK_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405 });
    const url = new URL(request.url);
    try {
      const file = decodeURIComponent(url.pathname.slice(1));
      const asset = await core.readAsset(url.host, file, parseRange(request.headers.get('range')) ?? undefined);
      // Chromium shows an SVG (and plays some media) only with its content type; media seek with ranges.
      const headers: Record<string, string> = { 'Content-Type': contentTypeOf(file), 'Accept-Ranges': 'bytes' };
      const body = Readable.toWeb(asset.stream) as ReadableStream;
      if (!asset.range) return new Response(body, { headers: { ...headers, 'Content-Length': String(asset.size) } });
      const { start, end } = asset.range;
      return new Response(body, { status: 206, headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${asset.size}`, 'Content-Length': String(end - start + 1) } });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
