import type { AddressInfo } from 'node:net';
import type { Core } from '../core';
import { buildHttpHost } from '../http-host/http';
import { lanAddresses } from '../http-host/lan-addresses';

export interface LanHost {
  port: number;
  /** What the other PCs of the classroom open. */
  urls: string[];
  close(): Promise<void>;
}

/**
 * Classroom mode of the desktop app (`--lan`): the same HTTP host as the browser host's, in this
 * process and on this process's core, so one database has one owner whether a learner sits at
 * this PC (IPC) or at another (HTTP). `host` is for tests; a classroom listens on every network.
 */
export async function startLanHost(core: Core, options: { rendererDir: string; port: number; host?: string }): Promise<LanHost> {
  const app = buildHttpHost(core, { rendererDir: options.rendererDir });
  await app.listen({ host: options.host ?? '0.0.0.0', port: options.port });
  const { port } = app.server.address() as AddressInfo;
  return { port, urls: lanAddresses().map((address) => `http://${address}:${port}/`), close: () => app.close() };
}
