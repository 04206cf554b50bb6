import path from 'node:path';

export interface AppPaths {
  /** The bundled preload script of the window. */
  preload: string;
  /** The built interface, served at app://ayil/. */
  rendererDir: string;
  /** The packs that ship with the app and `trusted-keys.json`. */
  bundledPacksDir: string;
}

/**
 * Where the main process finds what it loads. In a package, `appRoot` is `resources/app.asar`
 * and the packs lie beside it in `resources/packs` (electron-builder's `extraResources`: plain
 * files the app reads and a facilitator can see); from a checkout everything is under `dist/`.
 * build/electron-builder.yml must put each of these where this says (test/electron checks it).
 */
export function appPaths({ appRoot, resourcesPath, packaged }: { appRoot: string; resourcesPath: string; packaged: boolean }): AppPaths {
  return {
    preload: path.join(appRoot, 'dist', 'electron', 'preload.cjs'),
    rendererDir: path.join(appRoot, 'dist', 'renderer'),
    bundledPacksDir: packaged ? path.join(resourcesPath, 'packs') : path.join(appRoot, 'dist', 'packs'),
  };
}
