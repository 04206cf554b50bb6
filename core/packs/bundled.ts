import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import { ManifestSchema } from './manifest';
import { compareVersions } from './version';

const STAGING_PREFIX = '.staging-';

/**
 * Installs the packs that ship with the app (folders under `sourcesDir`) when they are missing or
 * older than the shipped copy. Files are staged beside the install folder and renamed into place;
 * the database row is the commit point, so a crash leaves either the old pack or the new one.
 */
export function installBundledPacks(db: Db, packsDir: string, sourcesDir: string, now: () => Date): string[] {
  fs.mkdirSync(packsDir, { recursive: true });
  removeLeftoverStaging(packsDir);
  if (!fs.existsSync(sourcesDir)) return [];

  const installed: string[] = [];
  const currentVersion = db.prepare<[string], { version: string; dir: string }>('SELECT version, dir FROM packs WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO packs (id, version, dir, manifest_json, installed_at) VALUES (@id, @version, @dir, @manifest, @at)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, dir = excluded.dir,
       manifest_json = excluded.manifest_json, installed_at = excluded.installed_at`,
  );

  for (const entry of fs.readdirSync(sourcesDir, { withFileTypes: true })) {
    const manifestFile = path.join(sourcesDir, entry.name, 'manifest.json');
    if (!entry.isDirectory() || !fs.existsSync(manifestFile)) continue;
    const manifestText = fs.readFileSync(manifestFile, 'utf8');
    const manifest = ManifestSchema.parse(JSON.parse(manifestText));
    const current = currentVersion.get(manifest.id);
    if (current && compareVersions(current.version, manifest.version) >= 0) continue;

    const dirName = `${manifest.id}@${manifest.version}`;
    const staging = path.join(packsDir, `${STAGING_PREFIX}${randomBytes(6).toString('hex')}`);
    fs.cpSync(path.join(sourcesDir, entry.name), staging, { recursive: true });
    fs.rmSync(path.join(packsDir, dirName), { recursive: true, force: true });
    fs.renameSync(staging, path.join(packsDir, dirName));
    upsert.run({ id: manifest.id, version: manifest.version, dir: dirName, manifest: manifestText, at: now().toISOString() });
    if (current && current.dir !== dirName) fs.rmSync(path.join(packsDir, current.dir), { recursive: true, force: true });
    installed.push(dirName);
  }
  return installed;
}

function removeLeftoverStaging(packsDir: string): void {
  for (const name of fs.readdirSync(packsDir)) {
    if (name.startsWith(STAGING_PREFIX)) fs.rmSync(path.join(packsDir, name), { recursive: true, force: true });
  }
}
