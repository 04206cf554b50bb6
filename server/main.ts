import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeProblem, resolveDataDir, resolveDriveRoots, startCore, syncTimingsFromEnv } from '../core';
import { findAppRoot } from './app-root';
import { buildHttpHost } from '../http-host/http';
import { lanAddresses } from '../http-host/lan-addresses';

const USAGE = `Usage: ayil-server [--lan] [--port N] [--data-dir DIR]
  --lan        serve the whole local network (a classroom), not only this computer
  --port N     port to listen on (default 4310; 0 picks a free one)
  --data-dir   folder for the database and installed packs (default: AYIL_DATA_DIR or the OS app-data folder)`;

const { values } = parseArgs({
  options: {
    lan: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.AYIL_PORT ?? '4310' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const appRoot = findAppRoot(path.dirname(fileURLToPath(import.meta.url)));
const rendererDir = path.join(appRoot, 'dist', 'renderer');
if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
  console.error(`The interface has not been built yet (${rendererDir} is missing). Run: npm run build`);
  process.exit(1);
}

const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : resolveDataDir();
const core = await startCore({
  dataDir,
  bundledPacksDir: path.join(appRoot, 'dist', 'packs'),
  driveRoots: resolveDriveRoots(),
  sync: syncTimingsFromEnv(process.env, (message) => console.error(message)),
});
if (core.problem) console.error(describeProblem(core.problem));

const host = values.lan ? '0.0.0.0' : '127.0.0.1';
const app = buildHttpHost(core, { rendererDir });
await app.listen({ host, port: Number(values.port) });
const { port } = app.server.address() as { port: number };

console.log(`Ayil is running. Data folder: ${dataDir}`);
console.log(`Open http://127.0.0.1:${port}/ in a browser on this computer.`);
if (values.lan) {
  for (const address of lanAddresses()) console.log(`Other computers in the classroom: http://${address}:${port}/`);
}
const setupCode = core.setupCode();
if (setupCode) {
  console.log(`This computer is not set up yet. Finish the set-up in a browser on this computer, or on another`);
  console.log(`computer with this one-time set-up code: ${setupCode}`);
}

const stop = async () => {
  await app.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
