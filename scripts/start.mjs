// `npm start`: the desktop app where Electron's binary is installed, otherwise the browser host.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);

function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null; // the package throws when its binary was never downloaded
  }
}

const electron = electronBinary();
if (electron) {
  console.log('Starting the Ayil desktop app…');
} else {
  console.log("Electron's binary is not installed here, so Ayil starts as a browser host.");
}
const child = electron
  ? spawn(electron, ['.', ...args], { stdio: 'inherit' })
  : spawn(process.execPath, ['dist/server/main.mjs', ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
