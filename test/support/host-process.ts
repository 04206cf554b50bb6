import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT, SERVER_ENTRY } from './paths';

export interface HostProcess {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built browser host as its own process on a free loopback port, the way `npm start`
 * does where Electron is missing, and waits until it prints its address.
 */
export async function startHostProcess(dataDir: string, command: string[] = [SERVER_ENTRY]): Promise<HostProcess> {
  const child = spawn(process.execPath, [...command, '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, AYIL_DATA_DIR: dataDir },
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
  return { url, output: () => output, stop: () => stopProcess(child) };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
