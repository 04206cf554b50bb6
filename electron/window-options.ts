import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowChoices {
  /** The bundled preload (dist/electron/preload.cjs). */
  preload: string;
  /** Full screen with no way out but the app (the administrator's setting or `--kiosk`). */
  kiosk: boolean;
  /** Developer tools only while developing (see `isDevelopment`). */
  development: boolean;
}

/**
 * The options of every window the app opens (there is one). The page gets no Node, runs in
 * Chromium's sandbox in its own JavaScript world, may load only what it is allowed to, and has no
 * developer tools on a library's PC: on app://ayil they would hand a learner the whole API.
 */
export function mainWindowOptions({ preload, kiosk, development }: WindowChoices): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    title: 'Ayil',
    backgroundColor: '#ffffff',
    kiosk,
    fullscreen: kiosk,
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      devTools: development,
      // Dropping a file on the window must not open it in place of the app.
      navigateOnDragDrop: false,
      // Chromium's spell checker downloads dictionaries; a kiosk has no connection to wait for.
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

/**
 * Development means an unpackaged app started with AYIL_DEVTOOLS=1: `npm start` on a library's
 * PC is not development, and a packaged app never is.
 */
export function isDevelopment(packaged: boolean, env: NodeJS.ProcessEnv): boolean {
  return !packaged && env.AYIL_DEVTOOLS === '1';
}
