// `npm run collector`: the programme's collector service (docs/collector.md).
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { buildCollector } from './app';
import { adminPasswordProblem, ensureAdminPassword } from './auth';
import { parseTrustedProxies, storeLocation, weakPasswordWords } from './config';
import { openStore } from './store/open';

const USAGE = `Usage: ayil-collector [--port N] [--host ADDRESS] [--db FILE] [--tls-key FILE --tls-cert FILE] [--trusted-proxies LIST]
  --port N        port to listen on (default 4320; 0 picks a free one)
  --host ADDRESS  127.0.0.1 (default: this computer only) or 0.0.0.0 to serve a network
  --db FILE       SQLite file (default AYIL_COLLECTOR_DB or ./collector-data/collector.db)
  --tls-key/--tls-cert  serve HTTPS with this key and certificate (PEM)
  --trusted-proxies LIST  behind a reverse proxy: its address(es) or range(s), separated by commas
                  (default AYIL_COLLECTOR_TRUSTED_PROXIES); only from these are X-Forwarded-For and
                  X-Forwarded-Proto believed
Environment: DATABASE_URL=postgres://… (PostgreSQL instead of SQLite), AYIL_COLLECTOR_ADMIN_PASSWORD,
  AYIL_COLLECTOR_K (smallest breakdown count the dashboard shows, default 5)`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.AYIL_COLLECTOR_PORT ?? '4320' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string' },
    'tls-key': { type: 'string' },
    'tls-cert': { type: 'string' },
    'trusted-proxies': { type: 'string', default: process.env.AYIL_COLLECTOR_TRUSTED_PROXIES ?? '' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (Boolean(values['tls-key']) !== Boolean(values['tls-cert'])) fail('--tls-key and --tls-cert go together');
const k = Number(process.env.AYIL_COLLECTOR_K || 5);
if (!Number.isInteger(k) || k < 2 || k > 100) fail('AYIL_COLLECTOR_K must be a whole number from 2 to 100');
let trustedProxies: string[] = [];
try {
  trustedProxies = parseTrustedProxies(values['trusted-proxies']);
} catch (error) {
  fail(`--trusted-proxies / AYIL_COLLECTOR_TRUSTED_PROXIES: ${(error as Error).message}`);
}
const givenPassword = process.env.AYIL_COLLECTOR_ADMIN_PASSWORD || undefined;
const passwordProblem = givenPassword === undefined ? null : adminPasswordProblem(givenPassword);
if (passwordProblem) fail(`AYIL_COLLECTOR_ADMIN_PASSWORD: ${weakPasswordWords(passwordProblem)}`);

const location = storeLocation(process.env, values.db);
const store = await openStore(location);
const generated = await ensureAdminPassword(store, givenPassword);
const https = values['tls-key'] ? { key: fs.readFileSync(values['tls-key']), cert: fs.readFileSync(values['tls-cert']!) } : undefined;
const app = await buildCollector({ store, k, https, trustedProxies });
await app.listen({ host: values.host, port: Number(values.port) });
const { port } = app.server.address() as { port: number };
const scheme = https ? 'https' : 'http';

console.log(`Ayil collector is running. Storage: ${location.describe}`);
console.log(`On this computer: ${scheme}://127.0.0.1:${port}/`);
if (trustedProxies.length > 0) console.log(`Behind a reverse proxy: X-Forwarded-For and X-Forwarded-Proto are believed only from ${trustedProxies.join(', ')}`);
if (values.host === '0.0.0.0') for (const address of lanAddresses()) console.log(`On the network: ${scheme}://${address}:${port}/`);
if (generated) {
  console.log(`No admin password was set, so one was made. It is shown this once: ${generated}`);
  console.log('Change it with: npm run collector:cli -- set-admin-password');
}

const stop = async () => {
  await app.close();
  await store.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((net) => net && net.family === 'IPv4' && !net.internal)
    .map((net) => net!.address);
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}
