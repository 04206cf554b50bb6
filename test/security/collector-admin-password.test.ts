import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_NAME } from '../../collector/auth';
import { rawRequest, startTestCollector, TEST_ADMIN_PASSWORD, collectorBackends, type TestCollector } from '../support/collector';
import { REPO_ROOT, RENDERER_DIR } from '../support/paths';
import { KIOSK_SCREEN } from '../support/set-up';
import { startTestCore, TEST_SITE } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

/**
 * Issue 11, item 10: "refuse weak admin passwords" for the collector's dashboard, with the
 * estimator the kiosk uses for staff passwords (zxcvbn-ts, core/contract/password-strength.ts).
 * Through the collector's own command line and its start-up, as an operator sets the password.
 */
const closing: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

/** Passwords an operator might well type, each with what the refusal says. */
const WEAK: Array<[string, RegExp]> = [
  ['password123', /one of the passwords people use most/],
  ['qwertyuiop', /one of the passwords people use most/],
  ['12345678', /one of the passwords people use most/],
  ['Ayil-Collector-2026', /contains the name of the account or of this service/],
  ['admin2024!', /contains the name of the account or of this service/],
  ['kitepkana2026', /easy to guess/],
  ['shorty', /at least 8 characters/],
];
const STRONG = 'orchid lantern gravel 52 ferry';

async function loginStatus(collector: TestCollector, password: string): Promise<number> {
  const response = await rawRequest(`${collector.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
  return response.status;
}

describe.each(collectorBackends)('setting the dashboard password from the command line (%s)', (backend) => {
  it('refuses each weak password with the reason, changes nothing, and takes a strong one', { timeout: 120_000 }, async () => {
    // Each try is a process of its own; the refusal comes before the store is touched, so the
    // PostgreSQL run tries two of them.
    const cases = backend === 'sqlite' ? WEAK : WEAK.slice(0, 2);
    const collector = await startTestCollector({ backend });
    closing.push(() => collector.close());
    const stored = await collector.store.adminPasswordHash(ADMIN_NAME);

    for (const [password, reason] of cases) {
      const { code, output } = await collector.cliRun(['set-admin-password'], { AYIL_COLLECTOR_ADMIN_PASSWORD: password });
      expect(code, password).toBe(1);
      expect(output, password).toMatch(/The password was refused and nothing was changed/);
      expect(output, password).toMatch(reason);
      expect(output, password).not.toContain(password);
    }
    expect(await collector.store.adminPasswordHash(ADMIN_NAME)).toBe(stored);
    expect(await loginStatus(collector, TEST_ADMIN_PASSWORD)).toBe(200);

    const output = await collector.cli(['set-admin-password'], { AYIL_COLLECTOR_ADMIN_PASSWORD: STRONG });
    expect(output).toMatch(/The admin password is set/);
    expect(await loginStatus(collector, STRONG)).toBe(200);
    expect(await loginStatus(collector, TEST_ADMIN_PASSWORD)).toBe(401);
  });
});

/** Starts `collector/main.ts` as an operator does; answers how it ended, or its address once it listens. */
function startCollectorProcess(env: Record<string, string>, dbFile: string): Promise<{ exitCode: number | null; output: string; url: string | null; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'collector', 'main.ts'), '--port', '0', '--db', dbFile], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: '', AYIL_COLLECTOR_DB: '', AYIL_COLLECTOR_TRUSTED_PROXIES: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the collector neither started nor stopped:\n${output}`));
    }, 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const listening = /On this computer: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve({ exitCode: null, output, url: listening[1]!, stop });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, output, url: null, stop });
    });
  });
}

describe('starting the collector with a password in AYIL_COLLECTOR_ADMIN_PASSWORD', () => {
  it('refuses a weak one before it stores or serves anything, and starts with a strong one', { timeout: 120_000 }, async () => {
    const dbFile = path.join(tempDir('ayil-collector-start-'), 'collector.db');
    const weak = await startCollectorProcess({ AYIL_COLLECTOR_ADMIN_PASSWORD: 'password123' }, dbFile);
    expect(weak.exitCode).toBe(2);
    expect(weak.url).toBeNull();
    expect(weak.output).toMatch(/AYIL_COLLECTOR_ADMIN_PASSWORD: The password was refused and nothing was changed: it is too easy to guess, because it is one of the passwords people use most/);
    expect(fs.existsSync(dbFile)).toBe(false);

    const strong = await startCollectorProcess({ AYIL_COLLECTOR_ADMIN_PASSWORD: STRONG }, dbFile);
    closing.push(strong.stop);
    expect(strong.url, strong.output).not.toBeNull();
    const login = await rawRequest(`${strong.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: STRONG }) });
    expect(login.status).toBe(200);
  });
});

describe('one rule for the kiosk and the collector', () => {
  it('refuses at the kiosk’s set-up the password the collector refuses, for the same reason', async () => {
    const core = await startTestCore({ setUp: false });
    const result = await core.dispatch(
      'setup.complete',
      { ...TEST_SITE, adminName: 'Aigul', adminPassword: 'password123' },
      null,
      KIOSK_SCREEN,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'staff.password_weak', params: { reason: 'common' } } });
  });

  it('keeps the strength rule’s dictionaries out of the page (the renderer bundle)', () => {
    const assets = path.join(RENDERER_DIR, 'assets');
    const bundle = fs.readdirSync(assets).filter((file) => file.endsWith('.js')).map((file) => fs.readFileSync(path.join(assets, file), 'utf8')).join('\n');
    expect(bundle.length).toBeGreaterThan(100_000);
    // zxcvbn's compressed lists of common passwords (language-common) and common words (language-en).
    const markers = {
      '@zxcvbn-ts/language-common/dist/passwords.json.mjs': 'A123456ApasswordA12345678',
      '@zxcvbn-ts/language-en/dist/commonWords.json.mjs': 'AyouAtheBoA',
    };
    for (const [file, marker] of Object.entries(markers)) {
      expect(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', file), 'utf8'), file).toContain(marker);
      expect(bundle.includes(marker), marker).toBe(false);
    }
  });
});
