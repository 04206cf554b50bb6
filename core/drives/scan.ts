import fs from 'node:fs';
import path from 'node:path';

// Packs are looked for where a person would put them, not in the whole stick: walking every
// folder of a full 64 GB stick takes minutes on an old PC.
const PACK_FILE = /\.ayilpack$/i;
const PACK_FOLDER = /^ayil$/i;
/** A publisher's public key, as the pack tool writes it (`<keyId>.pub.json`). */
const KEY_FILE = /\.pub\.json$/i;

export interface ScannedPack<T> {
  file: string;
  result: T;
}

/**
 * The `.ayilpack` files (any case) at the root of a drive and in its `ayil` folder (any case), as
 * full paths sorted by code unit. Hidden files are left out: a Mac copying `x.ayilpack` to a FAT
 * stick leaves a `._x.ayilpack` beside it that is not a pack. An unreadable `ayil` folder is
 * skipped; an unreadable drive root rejects, so "no packs" is never said of a drive not read.
 */
export function findPackFiles(drivePath: string): Promise<string[]> {
  return findFiles(drivePath, PACK_FILE);
}

/** The publishers' key files (`.pub.json`, any case) on a drive, looked for where packs are. */
export function findKeyFiles(drivePath: string): Promise<string[]> {
  return findFiles(drivePath, KEY_FILE);
}

async function findFiles(drivePath: string, name: RegExp): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await fs.promises.readdir(drivePath, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(drivePath, entry.name);
    if (entry.isFile() && name.test(entry.name)) files.push(full);
    else if (entry.isDirectory() && PACK_FOLDER.test(entry.name)) files.push(...(await filesIn(full, name)));
  }
  return files.sort();
}

async function filesIn(dir: string, name: RegExp): Promise<string[]> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => !entry.name.startsWith('.') && entry.isFile() && name.test(entry.name)).map((entry) => path.join(dir, entry.name));
}

/**
 * Finds the packs on a drive and classifies each with `classify`, one after the other (a stick
 * reads fastest one file at a time). `classify` is expected to turn a bad file into a result, not
 * to throw; if it throws, the scan rejects with its error.
 */
export async function scanDrive<T>(drivePath: string, classify: (file: string) => Promise<T>): Promise<Array<ScannedPack<T>>> {
  const scanned: Array<ScannedPack<T>> = [];
  for (const file of await findPackFiles(drivePath)) scanned.push({ file, result: await classify(file) });
  return scanned;
}
