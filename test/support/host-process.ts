import { spawn, type ChildProcess } from 'node:child_process';
import { callHttp } from './api';
import { REPO_ROOT, SERVER_ENTRY } from './paths';
import { TEST_ADMIN, TEST_SITE } from './set-up';

export interface HostProcess {
  url: string;
  output(): string;
  stop(): Promise<void>;
  /** Pulls the plug: SIGKILL, no clean-up (a power cut, as far as the process can tell). */
  kill(): Promise<void>;
}

export interface HostProcessOptions {
  /** The command after `node` (default: the built browser host). */
  command?: string[];
  /**
   * Completes the first-run set-up over HTTP (TEST_ADMIN, TEST_SITE) when the kiosk is not set
   * up yet (default true); false leaves the wizard for the test to go through.
   */
  setUp?: boolean;
  /** Extra environment (the sync loop's timings…). */
  env?: Record<string, string>;
}

/**
 * Starts the built browser host as its own process on a free loopback port, the way `npm start`
 * does where Electron is missing, and waits until it prints its address.
 */
export async function startHostProcess(dataDir: string, options: HostProcessOptions = {}): Promise<HostProcess> {
  const { command = [SERVER_ENTRY], setUp = true, env = {} } = options;
  const child = spawn(process.execPath, [...command, '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, AYIL_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 20_000);
    const check = () => {
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
  const host = { url, output: () => output, stop: () => stopProcess(child), kill: () => stopProcess(child, 'SIGKILL') };
  if (setUp) await setUpOverHttp(url);
  return host;
}

async function setUpOverHttp(url: string): Promise<void> {
  const state = await callHttp(url, 'kiosk.state', {});
  // A damaged database answers every call with its problem: nothing to set up, the test looks at that.
  if (!state.body.ok || state.body.value.setUp) return;
  const done = await callHttp(url, 'setup.complete', { ...TEST_SITE, adminName: TEST_ADMIN.name, adminPassword: TEST_ADMIN.password });
  if (!done.body.ok) throw new Error(`setup.complete: ${JSON.stringify(done.body.error)}`);
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
