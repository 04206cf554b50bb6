import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { startCore, type Core, type CoreOptions } from '../../core';
import { buildHttpHost } from '../../http-host/http';
import { BUNDLED_PACKS_DIR, RENDERER_DIR } from './paths';
import { setUpKiosk } from './set-up';
import { tempDir } from './temp-dir';

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

/**
 * Core on a real data folder, served by the real HTTP host on a loopback port; set up unless
 * `setUp: false`. `now`: the kiosk's clock, for tests that let time pass; `bundledPacksDir` and
 * `driveRoots` as in CoreOptions (default: the built app's packs, and no folder standing for sticks).
 */
export async function startInProcessHost(
  dataDir = tempDir(),
  options: { setUp?: boolean } & Partial<Pick<CoreOptions, 'now' | 'bundledPacksDir' | 'driveRoots' | 'drivePollMs'>> = {},
): Promise<{ url: string; core: Core; dataDir: string }> {
  const { setUp, ...coreOptions } = options;
  const core = await startCore({ dataDir, bundledPacksDir: BUNDLED_PACKS_DIR, log: () => {}, ...coreOptions });
  const state = await core.dispatch('kiosk.state', {}, null);
  if ((setUp ?? true) && state.ok && !(state.value as { setUp: boolean }).setUp) await setUpKiosk(core.dispatch);
  const app = buildHttpHost(core, { rendererDir: RENDERER_DIR });
  await app.listen({ host: '127.0.0.1', port: 0 });
  open.push(async () => {
    await app.close();
    await core.close();
  });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, core, dataDir };
}
