import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core';
import { buildHttpHost } from '../../http-host/http';
import { importOverHttp } from '../support/api';
import { launchChromium } from '../support/chromium';
import { makePack } from '../support/packs';
import { REPO_ROOT } from '../support/paths';
import { staffToken, startTestCore } from '../support/test-core';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';

/*
 * The renderer's API client (renderer/src/api/client.ts), bundled on its own into a page the
 * browser host serves, subscribes in Debian's Chromium: a ticket, then the page's EventSource; a
 * new session reopens the stream; a host that goes away and comes back is found again with a new
 * ticket (the browser's own reconnection would reuse the spent one).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A page holding only the API client, as `window.api`. */
async function clientPage(): Promise<string> {
  const dir = tempDir('ayil-client-page-');
  await build({
    stdin: { contents: "import { api } from './renderer/src/api/client'; (globalThis as any).api = api;", resolveDir: REPO_ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    outfile: path.join(dir, 'client.js'),
    logLevel: 'silent',
  });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>client</title><script src="client.js"></script>');
  return dir;
}

async function serve(core: Core, rendererDir: string, port = 0) {
  const app = buildHttpHost(core, { rendererDir });
  await app.listen({ host: '127.0.0.1', port });
  return { app, port: (app.server.address() as AddressInfo).port };
}

const heard = (page: Page) => page.evaluate(() => (globalThis as any).heard as Array<[string, string]>);
const openings = (page: Page) => page.evaluate(() => (globalThis as any).openings as number);


describe('the page’s event stream (Debian Chromium, browser host)', () => {
  it('hears what its session may, reopens for a new session, and finds the host again after it went away', async () => {
    const drives = tempDir('ayil-drives-');
    const core = await startTestCore({ driveRoots: [drives], drivePollMs: 50 });
    const facilitator = await staffToken(core, 'facilitator');
    const stick = path.join(drives, 'STICK');
    fs.mkdirSync(stick);
    const first = await makePack({ version: '4.0.0', dir: stick });
    const second = await makePack({ version: '5.0.0', dir: stick });
    const rendererDir = await clientPage();
    let host = await serve(core, rendererDir);
    const url = `http://127.0.0.1:${host.port}/`;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(url);
      await page.evaluate(() => {
        const w = globalThis as any;
        w.heard = [];
        w.openings = 0;
        w.api.onEventsOpened(() => w.openings++);
        w.api.subscribe('packs.changed', (payload: { version: string }) => w.heard.push(['packs.changed', payload.version]));
        w.api.subscribe('imports.changed', (payload: { job: { state: string } }) => w.heard.push(['imports.changed', payload.job.state]));
      });
      await until('the stream to open', async () => (await openings(page)) === 1);

      // Nobody signed in: the pack installed is heard, the import's progress is staff's.
      expect(await importOverHttp(url, facilitator, first)).toBe('done');
      await until('packs.changed', async () => (await heard(page)).length > 0);
      expect(await heard(page)).toEqual([['packs.changed', '4.0.0']]);

      // Signed in as staff: a new stream that carries the import's progress too.
      await page.evaluate((token) => (globalThis as any).api.setToken(token), facilitator);
      await until('the stream to reopen', async () => (await openings(page)) === 2);

      // The host goes away (its stream with it) and comes back on the same port: a new ticket, a new stream.
      await host.app.close();
      host = await serve(core, rendererDir, host.port);
      await until('the stream to come back', async () => (await openings(page)) === 3);
      expect(await importOverHttp(url, facilitator, second)).toBe('done');
      await until('the second install', async () => (await heard(page)).some(([event, detail]) => event === 'packs.changed' && detail === '5.0.0'));
      const afterSignIn = (await heard(page)).slice(1);
      expect(afterSignIn.filter(([event]) => event === 'imports.changed').map(([, state]) => state)).toEqual(expect.arrayContaining(['queued', 'done']));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      await host.app.close();
    }
  }, 90_000);
});
