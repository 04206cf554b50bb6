import pkg from '../../package.json';

/** This app's version, compared with a pack's minimum app version. */
export const APP_VERSION: string = pkg.version;
