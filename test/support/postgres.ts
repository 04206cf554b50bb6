import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster from Debian's packages (scripts/test-prerequisites.sh installs
 * them): initdb into a temporary folder, a server on a free loopback port with trust auth, gone
 * after the run. For tests durability is switched off: these databases live for one run.
 */

export interface PostgresCluster {
  /** The `postgres` database of the cluster; tests make their own with `createDatabase`. */
  url: string;
  stop(): Promise<void>;
}

export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error("PostgreSQL is not installed: run `bash scripts/test-prerequisites.sh` (Debian's postgresql package).");
  return path.join(root, newest, 'bin');
}

/** `durable`: keep PostgreSQL's own fsync settings (the benchmark); tests switch them off. */
export async function startPostgresCluster(options: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-pg-'));
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  fs.mkdirSync(socketDir);
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const command = (program: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]] : [path.join(bin, program), args];

  execFileSync(...command('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']), {
    stdio: 'pipe',
  });
  const port = await freePort();
  const settings = ['max_connections=200', 'shared_buffers=32MB', ...(options.durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'])];
  const server: ChildProcess = spawn(
    ...command('postgres', ['-D', dataDir, '-k', socketDir, '-p', String(port), '-h', '127.0.0.1', ...settings.flatMap((s) => ['-c', s])]),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      // SIGINT is PostgreSQL's "fast shutdown": it ends the sessions and stops at once. It goes to
      // the postmaster itself (postmaster.pid): runuser, in between as root, does not pass it on.
      process.kill(postmasterPid(dataDir) ?? server.pid!, 'SIGINT');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(url, server, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** A new, empty database in the cluster (one per test file or describe block), as a URL. */
export async function createDatabase(clusterUrl: string): Promise<string> {
  const name = `ayil_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited at start:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not start within 20 s: ${String(error)}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A new database in the run's cluster (started once by test/support/pg-global-setup.ts), as a
 * URL: one per test file or describe block, so files running side by side never share tables.
 */
export async function freshPostgresDatabase(): Promise<string> {
  // Imported here so that the bench (outside vitest) can use this module too.
  const { inject } = await import('vitest');
  const clusterUrl = inject('postgresUrl');
  if (!clusterUrl) throw new Error('No PostgreSQL cluster: test/support/pg-global-setup.ts is not the globalSetup of this run.');
  return createDatabase(clusterUrl);
}
