// `npm run dist` (or dist:win, dist:linux): the desktop installers, on a machine that reaches
// Electron's downloads (Electron's binary and headers, and electron-builder's NSIS, AppImage and
// fpm tools). See docs/release.md. Without an argument it builds this platform's installers.
import { spawnSync } from 'node:child_process';

const targets = process.argv.slice(2);
const onWindows = process.platform === 'win32';

function run(command, args) {
  console.log(`> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: onWindows });
  return result.status ?? 1;
}

let status = run('npm', ['run', 'build']);
if (status === 0) {
  try {
    status = run('npx', ['electron-builder', '--config', 'build/electron-builder.yml', '--publish', 'never', ...targets]);
  } finally {
    // electron-builder rebuilt better-sqlite3 in node_modules for Electron's ABI; the browser host,
    // the pack CLI and the tests run on Node, so Node's build is put back.
    const restored = run('npm', ['rebuild', 'better-sqlite3']);
    if (status === 0) status = restored;
  }
}
process.exit(status);
