import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Net, Protocol } from 'electron';
import { resolveInside } from '../core';

export const APP_SCHEME = 'app';

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
