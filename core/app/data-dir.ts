import os from 'node:os';
import path from 'node:path';

/**
 * The one folder that holds the kiosk's database and installed packs: AYIL_DATA_DIR when set,
 * otherwise the operating system's per-user application-data folder.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.AYIL_DATA_DIR) return path.resolve(env.AYIL_DATA_DIR);
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Ayil');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Ayil');
    default:
      return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'ayil');
  }
}

/** AYIL_DRIVE_ROOTS (paths joined like PATH) names folders whose subfolders count as USB sticks. */
export function resolveDriveRoots(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const roots = env.AYIL_DRIVE_ROOTS?.split(path.delimiter).filter(Boolean);
  return roots?.length ? roots.map((root) => path.resolve(root)) : undefined;
}
