import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { startHostProcess, type HostProcess } from './host-process';

/**
 * For a describe block of end-to-end tests: a browser host in its own process on a fresh data
 * folder, and Debian's Chromium, started before the block's tests and stopped (the folder removed)
 * after them (not tempDir(): its folders are removed after each test, and this host serves the
 * whole block). Read `host` and `browser` inside hooks and tests, once they have started.
 */
export function hostAndChromium(name: string): { readonly host: HostProcess; readonly browser: Browser } {
  let host: HostProcess | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ayil-e2e-${name}-`));
    [host, browser] = await Promise.all([startHostProcess(dataDir), launchChromium()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), host?.stop()]);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get host() {
      if (!host) throw new Error('the host has not started yet');
      return host;
    },
    get browser() {
      if (!browser) throw new Error('Chromium has not started yet');
      return browser;
    },
  };
}
