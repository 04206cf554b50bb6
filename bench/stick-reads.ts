import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../core';
import { buildPack, packInputFromFolder } from '../core/packs/builder';
import { stickReadCounts } from '../core/packs/drive-packs';
import { generatePublisherKey } from '../core/packs/signing';
import { buildHttpHost } from '../http-host/http';
import { catalogues } from '../renderer/src/i18n/catalogues';
import { setUpKiosk } from '../test/support/set-up';
import { benchManifest, launchChromium, signInToConsole } from './bench-kit';
import { report } from './harness';

const en = catalogues.en;
/** How long the console stays open; a minute unless BENCH_STICK_SECONDS says otherwise (for trying it out). */
const SECONDS = Number(process.env.BENCH_STICK_SECONDS ?? 60);

/**
 * A console left open on the Packs screen with a stick in place, nothing changing: how often core
 * reads the stick for its packs over a minute, counted in core itself (`stickReadCounts`). The
 * first listing, when the screen opens, is the one read the screen needs.
 */
export async function stickReads() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-bench-stick-'));
  const browser = await launchChromium();
  try {
    const drives = path.join(root, 'drives');
    const stick = path.join(drives, 'STICK');
    fs.mkdirSync(stick, { recursive: true });
    const bundled = path.join(root, 'bundled');
    fs.mkdirSync(bundled);
    const key = generatePublisherKey('Bench');
    fs.writeFileSync(path.join(bundled, 'trusted-keys.json'), JSON.stringify([key.publicKey]));
    await stickPack(path.join(root, 'pack-src'), path.join(stick, 'bench.ayilpack'), key.privateKeyPem);

    const core = await startCore({ dataDir: path.join(root, 'data'), bundledPacksDir: bundled, driveRoots: [drives], log: () => {} });
    await setUpKiosk(core.dispatch);
    await core.dispatch('kiosk.setLanguage', { language: 'en' }, null);
    const host = buildHttpHost(core, { rendererDir: path.resolve('dist/renderer') });
    await host.listen({ host: '127.0.0.1', port: 0 });
    const appUrl = `http://127.0.0.1:${(host.server.address() as AddressInfo).port}/`;

    // Counted from the console's first screen on: whichever section opens first may list the stick.
    const before = { ...stickReadCounts };
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(appUrl);
    const nav = await signInToConsole(page);

    await nav.getByRole('button', { name: en.console.nav.packs, exact: true }).click();
    await page.getByText('bench.ayilpack').first().waitFor();
    await page.waitForTimeout(SECONDS * 1000);
    const listings = stickReadCounts.listings - before.listings;
    const opened = stickReadCounts.packFilesOpened - before.packFilesOpened;
    const minute = SECONDS === 60 ? 'a minute' : `${SECONDS} s`;
    report({
      name: `stick read for its packs in ${minute} with the Packs screen open, nothing changing (first listing included)`,
      measured: `${listings} listing${listings === 1 ? '' : 's'}`,
      target: '≤ 1',
      pass: listings <= 1,
    });
    report({
      name: `pack files on the stick opened in ${minute}, same screen`,
      measured: `${opened}`,
      target: '≤ 1',
      pass: opened <= 1,
    });
    await host.close();
    await core.close();
  } finally {
    await browser.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function stickPack(sourceDir: string, outFile: string, privateKeyPem: string): Promise<void> {
  fs.mkdirSync(path.join(sourceDir, 'files'), { recursive: true });
  const manifest = benchManifest('kg.ayil.bench-stick', 'A pack on a stick');
  fs.writeFileSync(path.join(sourceDir, 'manifest.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(sourceDir, 'files', 'readme.txt'), 'bench');
  await buildPack(packInputFromFolder(sourceDir), outFile, privateKeyPem);
}
