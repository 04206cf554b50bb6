// What the hosts (server/, electron/) use of core.
export { startCore, describeProblem, DATABASE_FILE_NAME, type Core, type CoreOptions } from './app/core';
export { resolveDataDir, resolveDriveRoots } from './app/data-dir';
export { syncTimingsFromEnv } from './sync/timings';
export { resolveInside } from './files/resolve-inside';
export { contentTypeOf } from './files/content-type';
export { KIOSK_SCREEN_CALLER, LOCAL_CALLER, type Caller, type Dispatch } from './api/dispatch';
export type { Asset } from './packs/assets';
export { parseRange } from './files/range';
