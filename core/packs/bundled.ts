import fs from 'node:fs';
import path from 'node:path';
import { PublicKeyEntrySchema, type PublicKeyEntry } from './signing';
import { PACK_EXTENSION, type PackInstaller } from './installer';
import { openPack } from './pack-file';

export const TRUSTED_KEYS_FILE = 'trusted-keys.json';

/** The publisher keys shipped with the app, beside its bundled packs. */
export function readShippedKeys(bundledDir: string): PublicKeyEntry[] {
  const file = path.join(bundledDir, TRUSTED_KEYS_FILE);
  if (!fs.existsSync(file)) return [];
  return PublicKeyEntrySchema.array().parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/**
 * Installs the packs that ship with the app when they are missing or newer than the installed
 * version, through the same verified, atomic import as packs from a stick.
 */
export async function installBundledPacks(installer: PackInstaller, bundledDir: string, log: (message: string) => void): Promise<string[]> {
  if (!fs.existsSync(bundledDir)) return [];
  const installed: string[] = [];
  for (const name of fs.readdirSync(bundledDir).filter((n) => n.endsWith(PACK_EXTENSION)).sort()) {
    const file = path.join(bundledDir, name);
    try {
      const pack = await openPack(file);
      const status = installer.statusOf(pack.manifest);
      pack.close();
      if (status !== 'new' && status !== 'newer') continue;
      const row = await installer.install(file, { fromApp: true });
      installed.push(`${row.id}@${row.version}`);
    } catch (error) {
      log(`The bundled pack ${file} was not installed: ${(error as Error).message}`);
    }
  }
  return installed;
}
