import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildCollector, type CollectorRateLimits } from '../../collector/app';
import { hashSecret } from '../../base/secret-hash';
import { ADMIN_NAME, SESSION_COOKIE } from '../../collector/auth';
import { createEnrolmentCode } from '../../collector/enrolment';
import { openStore } from '../../collector/store/open';
import type { CollectorStore } from '../../collector/store/store';
import { REPO_ROOT } from './paths';
import { freshPostgresDatabase } from './postgres';

const execFileAsync = promisify(execFile);
const CLI_ENTRY = path.join(REPO_ROOT, 'collector', 'cli.ts');

/**
 * A real collector on loopback (port 0) for tests: a fresh SQLite file or a fresh PostgreSQL
 * database, an admin password, and helpers to log in and make enrolment codes.
 */

export type CollectorBackend = 'sqlite' | 'postgres';
/** `describe.each(collectorBackends)`: the collector's suite runs against both. */
export const collectorBackends: CollectorBackend[] = ['sqlite', 'postgres'];

export const TEST_ADMIN_PASSWORD = 'test-admin-password';
/** High enough that no test meets a limit unless it sets its own. */
const UNLIMITED: CollectorRateLimits = { ingestPerMinute: 100_000, enrolPerMinute: 100_000, loginPerMinute: 100_000 };

export interface TestCollector {
  /** e.g. http://127.0.0.1:41234 (https:// when started with a certificate). */
  url: string;
  store: CollectorStore;
  app: FastifyInstance;
  /** The folder the SQLite file is in (empty with PostgreSQL): a test may read every byte stored. */
  dataDir: string;
  /** Runs the collector's command line (collector/cli.ts, its own process) on the same database; answers its output. */
  cli(args: string[], env?: Record<string, string>): Promise<string>;
  /** The same, answering how it ended instead of failing when it fails. */
  cliRun(args: string[], env?: Record<string, string>): Promise<{ code: number; output: string }>;
  /** Logs in over HTTP; answers the Cookie header value (`ayil_collector_session=…`). */
  adminCookie(): Promise<string>;
  /** A fresh enrolment code (valid 14 days from the collector's now). */
  createCode(label?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestCollectorOptions {
  backend: CollectorBackend;
  now?: () => Date;
  rateLimit?: CollectorRateLimits;
  bodyLimitBytes?: number;
  k?: number;
  https?: { key: string | Buffer; cert: string | Buffer };
  /** The reverse proxies whose X-Forwarded-* headers the collector believes. */
  trustedProxies?: string[];
}

export async function startTestCollector(options: TestCollectorOptions): Promise<TestCollector> {
  const now = options.now ?? (() => new Date());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-collector-'));
  const database: { AYIL_COLLECTOR_DB?: string; DATABASE_URL?: string } =
    options.backend === 'sqlite' ? { AYIL_COLLECTOR_DB: path.join(dir, 'collector.db') } : { DATABASE_URL: await freshPostgresDatabase() };
  const store = await openStore({ sqliteFile: database.AYIL_COLLECTOR_DB, databaseUrl: database.DATABASE_URL });
  await store.setAdminPasswordHash(ADMIN_NAME, await hashSecret(TEST_ADMIN_PASSWORD));
  const app = await buildCollector({
    store,
    now,
    k: options.k,
    rateLimit: options.rateLimit ?? UNLIMITED,
    bodyLimitBytes: options.bodyLimitBytes,
    https: options.https,
    trustedProxies: options.trustedProxies,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const url = `${options.https ? 'https' : 'http'}://127.0.0.1:${port}`;
  const ca = options.https?.cert;

  async function cliRun(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; output: string }> {
    // No password from the test runner's own environment: only what the test gives.
    const env = { ...process.env, DATABASE_URL: '', AYIL_COLLECTOR_DB: '', AYIL_COLLECTOR_ADMIN_PASSWORD: '', ...database, ...extraEnv };
    try {
      const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], { cwd: REPO_ROOT, env });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const { stdout = '', stderr = '', code } = error as { stdout?: string; stderr?: string; code?: number };
      return { code: typeof code === 'number' ? code : -1, output: stdout + stderr };
    }
  }

  return {
    url,
    store,
    app,
    dataDir: dir,
    cliRun,
    async cli(args, env = {}) {
      const { code, output } = await cliRun(args, env);
      if (code !== 0) throw new Error(`collector cli ${args.join(' ')} failed:\n${output}`);
      return output;
    },
    async adminCookie() {
      const response = await rawRequest(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: TEST_ADMIN_PASSWORD }),
        ca,
      });
      const cookie = [response.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
      if (response.status !== 200 || !cookie) throw new Error(`login failed: ${response.status} ${response.text}`);
      return cookie.split(';')[0]!;
    },
    async createCode(label = 'test site') {
      return (await createEnrolmentCode(store, { label, now: now() })).code;
    },
    async close() {
      await app.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = any>(): T;
}

/**
 * HTTP(S) with node:http, for what fetch does not do: trusting one self-signed certificate
 * (`ca`) and reading every Set-Cookie header.
 */
export function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; ca?: string | Buffer } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      { method: init.method ?? 'GET', headers: init.headers, ...(init.ca ? { ca: init.ca } : {}) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text) });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}
