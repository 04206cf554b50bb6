import path from 'node:path';
import { BrowserWindow, app, ipcMain, net, protocol } from 'electron';
import { describeProblem, resolveDataDir, resolveDriveRoots, startCore, syncTimingsFromEnv, type Core } from '../core';
import { APP_SCHEME, PACK_SCHEME, serveRenderer, servePackAssets } from './app-protocol';
import { APP_ORIGIN, serveApiOverIpc } from './ipc';

// Wiring only: core does the work, this file connects it to Electron.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: PACK_SCHEME, privileges: { standard: true, secure: true, stream: true } },
]);

const appRoot = app.getAppPath();
let core: Core | null = null;

app.on('web-contents-created', (_event, contents) => {
  // No navigation away from the app and no new windows: links a pack may contain go nowhere.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(async () => {
  core = await startCore({
    dataDir: resolveDataDir(),
    bundledPacksDir: path.join(appRoot, 'dist', 'packs'),
    driveRoots: resolveDriveRoots(),
    sync: syncTimingsFromEnv(process.env, (message) => console.error(message)),
  });
  if (core.problem) console.error(describeProblem(core.problem));
  serveRenderer(protocol, net, path.join(appRoot, 'dist', 'renderer'));
  servePackAssets(protocol, core);
  serveApiOverIpc(ipcMain, core.dispatch);
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    kiosk: process.argv.includes('--kiosk'),
    autoHideMenuBar: true,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
});

app.on('window-all-closed', () => {
  void (core?.close() ?? Promise.resolve()).finally(() => app.quit());
});
