import path from 'node:path';
import { BrowserWindow, Menu, app, ipcMain, powerMonitor, protocol, session } from 'electron';
import { describeProblem, resolveDataDir, resolveDriveRoots, startCore, syncTimingsFromEnv, type Core } from '../core';
import { appPaths } from './app-paths';
import { CERTIFICATE_PRINT_OPTIONS, saveCertificatePdf } from './certificate-pdf';
import { parseDesktopArgs } from './command-line';
import { serveDesktopOverIpc } from './desktop-ipc';
import { serveEventsOverIpc } from './event-ipc';
import { APP_ORIGIN, serveApiOverIpc } from './ipc';
import { followKioskSetting, kioskModeOf, readKioskSetting } from './kiosk-mode';
import { startLanHost, type LanHost } from './lan-host';
import { fileLog } from './log';
import { APP_SCHEME, PACK_SCHEME, packHandler, rendererHandler } from './protocols';
import { watchRenderer } from './renderer-watchdog';
import { bringWindowToFront, claimSingleInstance } from './single-instance';
import { applyAppPolicies, lockDownSession } from './web-policies';
import { isDevelopment, mainWindowOptions } from './window-options';

// Wiring only: every policy is a plain function in its own module (tested in test/electron and
// test/security); this file hands them Electron's objects.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: PACK_SCHEME, privileges: { standard: true, secure: true, stream: true } },
]);

const APP_URL = `${APP_ORIGIN}/index.html`;
const args = readArgs();
const development = isDevelopment(app.isPackaged, process.env);
const paths = appPaths({ appRoot: app.getAppPath(), resourcesPath: process.resourcesPath, packaged: app.isPackaged });
const dataDir = args.dataDir ? path.resolve(args.dataDir) : resolveDataDir();
// Chromium's profile lives in the data folder too, so the app keeps everything in one place (and
// the uninstaller's "delete the data" removes it all). Set before the lock, which lives there.
app.setPath('userData', path.join(dataDir, 'chromium'));
const log = fileLog(dataDir);

let window: BrowserWindow | null = null;
let core: Core | null = null;
let lanHost: LanHost | null = null;

if (claimSingleInstance(app, () => bringWindowToFront(window))) {
  applyAppPolicies(app, Menu, { development });
  app.on('window-all-closed', () => void stop().finally(() => app.quit()));
  app.whenReady().then(start, (error: unknown) => fail(error));
}

async function start(): Promise<void> {
  lockDownSession(session.defaultSession);
  const kiosk = await startCore({
    dataDir,
    bundledPacksDir: paths.bundledPacksDir,
    driveRoots: resolveDriveRoots(),
    sync: syncTimingsFromEnv(process.env, log),
    log,
  });
  core = kiosk;
  if (kiosk.problem) log(describeProblem(kiosk.problem));
  protocol.handle(APP_SCHEME, rendererHandler(paths.rendererDir));
  protocol.handle(PACK_SCHEME, packHandler(kiosk.readAsset));
  serveApiOverIpc(ipcMain, followKioskSetting(kiosk.dispatch, (fullScreen) => window?.setKiosk(kioskModeOf(args, fullScreen))));
  serveEventsOverIpc(ipcMain, kiosk.events);
  serveDesktopOverIpc(ipcMain, {
    systemIdleSeconds: () => powerMonitor.getSystemIdleTime(),
    printCertificate: (sender) => new Promise((resolve) => sender.print(CERTIFICATE_PRINT_OPTIONS, (printed) => resolve(printed))),
    sticks: () => kiosk.sticks(),
    saveCertificatePdf: (sender, stickId, code) =>
      saveCertificatePdf({ printToPDF: (options) => sender.printToPDF(options), sticks: kiosk.sticks, saveToStick: kiosk.saveToStick }, stickId, code),
  });

  const fullScreen = kioskModeOf(args, await readKioskSetting(kiosk.dispatch));
  window = new BrowserWindow(mainWindowOptions({ preload: paths.preload, kiosk: fullScreen, development }));
  watchRenderer(window.webContents, { reload: () => void window?.loadURL(APP_URL), log });
  window.on('closed', () => (window = null));
  await window.loadURL(APP_URL);

  if (args.lan) {
    try {
      lanHost = await startLanHost(kiosk, { rendererDir: paths.rendererDir, port: args.port });
      log(`Classroom mode: other computers open ${lanHost.urls.join(' or ') || `port ${lanHost.port} of this computer`}`);
      // As the browser host prints it: set-up from another computer needs this one-time code.
      const setupCode = kiosk.setupCode();
      if (setupCode) log(`Not set up yet: finish the set-up in this window, or on another computer with the one-time code ${setupCode}`);
    } catch (error) {
      // The kiosk still works at this PC; the log says why the classroom cannot reach it.
      log(`Classroom mode could not start on port ${args.port}: ${(error as Error).message}`);
    }
  }
}

async function stop(): Promise<void> {
  await lanHost?.close();
  await core?.close();
}

/** The command line; a wrong option is said on the console and ends the app before it opens anything. */
function readArgs(): ReturnType<typeof parseDesktopArgs> {
  try {
    return parseDesktopArgs(process.argv.slice(1), process.env);
  } catch (error) {
    console.error((error as Error).message);
    app.exit(2);
    return parseDesktopArgs([]);
  }
}

function fail(error: unknown): void {
  log(`Ayil could not start: ${(error as Error)?.stack ?? String(error)}`);
  app.exit(1);
}
