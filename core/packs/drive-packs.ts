import fs from 'node:fs';
import path from 'node:path';
import type { ApiError, LocalizedText } from '../contract';
import { freeBytes, scanDrive, type Drive } from '../drives';
import { AppError } from '../errors';
import { copyDurably } from '../files/copy-durably';
import { PACK_EXTENSION, type PackInstaller } from './installer';
import { openPack, readFailure, verifyContent } from './pack-file';
import type { TrustStore } from './trust';

export type StickPackStatus = 'new' | 'newer' | 'installed' | 'older' | 'invalid' | 'untrusted';

export interface StickPack {
  file: string;
  name: string;
  size: number;
  status: StickPackStatus;
  packId: string | null;
  version: string | null;
  title: LocalizedText | null;
  error: ApiError | null;
}

/** Where packs are written on a stick, and where a facilitator's packs are looked for besides its root. */
export const STICK_FOLDER = 'ayil';

/**
 * How often sticks were read for their packs, for the benchmark and tests only (bench/stick-reads.ts):
 * a listing scans a stick's folders and looks at every pack file on it; an opening reads a pack
 * file's directory, manifest and signature. Nothing in the app reads these.
 */
export const stickReadCounts = { listings: 0, packFilesOpened: 0 };

/** What reading one pack file found, before comparing it with what is installed. */
type PackReading =
  | { ok: true; trusted: boolean; manifest: Parameters<PackInstaller['statusOf']>[0]; keyId: string | null }
  | { ok: false; error: ReturnType<AppError['toApiError']> };

/**
 * Readings of stick packs by file, for as long as the file (size, mtime) and the trusted keys stay
 * the same: the Packs screen asks every second or two, and a slow stick should not be read again
 * each time. Per trust store, so a restored kiosk starts afresh.
 */
const readings = new WeakMap<TrustStore, Map<string, { size: number; mtimeMs: number; generation: number; reading: PackReading }>>();

async function readStickPack(file: string, stat: fs.Stats, trust: TrustStore): Promise<PackReading> {
  let cache = readings.get(trust);
  if (!cache) readings.set(trust, (cache = new Map()));
  const hit = cache.get(file);
  if (hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs && hit.generation === trust.generation) return hit.reading;

  let reading: PackReading;
  try {
    stickReadCounts.packFilesOpened++;
    const pack = await openPack(file);
    try {
      reading = { ok: true, trusted: trust.check(pack) === 'trusted', manifest: pack.manifest, keyId: pack.signature?.keyId ?? null };
    } finally {
      pack.close();
    }
  } catch (error) {
    const appError = error instanceof AppError ? error : readFailure(error, file);
    reading = { ok: false, error: appError.toApiError() };
  }
  cache.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, generation: trust.generation, reading });
  return reading;
}

/**
 * What a stick's packs are, compared with what is installed, without importing anything: the
 * structure and signature are checked (cheap, and remembered while the file is unchanged);
 * content hashes are checked at import.
 */
export async function describeStickPacks(drive: Drive, installer: PackInstaller, trust: TrustStore): Promise<StickPack[]> {
  stickReadCounts.listings++;
  const scanned = await scanDrive(drive.path, async (file): Promise<StickPack> => {
    const stat = fs.statSync(file);
    const base = { file, name: path.basename(file), size: stat.size };
    const reading = await readStickPack(file, stat, trust);
    if (!reading.ok) return { ...base, status: 'invalid', packId: null, version: null, title: null, error: reading.error };
    const { id, version, title } = reading.manifest;
    // Another publisher's id: no import can install it, whoever asks (also compared afresh every time).
    const refusal = installer.ownerRefusal(reading.manifest, reading.keyId);
    if (refusal) return { ...base, status: 'invalid', packId: id, version, title, error: refusal.toApiError() };
    // Compared with what is installed now, every time: an import changes it without touching the stick.
    const status = reading.trusted ? installer.statusOf(reading.manifest) : 'untrusted';
    return { ...base, status, packId: id, version, title, error: null };
  });
  return scanned.map((s) => s.result);
}

/**
 * Copies installed packs (their original signed files) onto a stick for the next village:
 * checks free space first, writes each through a temporary name, fsyncs it, and reads it back
 * from the stick to verify it before calling it done.
 */
export async function exportPacksToDrive(drive: Drive, packIds: string[], installer: PackInstaller): Promise<string[]> {
  const rows = packIds.map((id) => {
    const row = installer.find(id);
    if (!row) throw new AppError('pack.not_found', { packId: id });
    return row;
  });
  const needed = rows.reduce((sum, row) => sum + row.size, 0);
  const free = await freeBytes(drive.path).catch((error: unknown) => Promise.reject(driveFailure(error, drive)));
  if (free < needed) throw new AppError('drive.no_space', { needed, free, drive: drive.label });

  const folder = path.join(drive.path, STICK_FOLDER);
  const written: string[] = [];
  try {
    fs.mkdirSync(folder, { recursive: true });
    for (const row of rows) {
      const target = path.join(folder, `${row.id}-${row.version}${PACK_EXTENSION}`);
      const partial = `${target}.part`;
      await fs.promises.rm(partial, { force: true });
      await copyDurably(installer.filePath(row), partial, { mapError: (error) => driveFailure(error, drive) });
      await fs.promises.rm(target, { force: true });
      await fs.promises.rename(partial, target);
      await verifyCopy(installer.filePath(row), target);
      written.push(target);
    }
  } catch (error) {
    if (error instanceof AppError && error.code.startsWith('drive.')) throw error;
    throw driveFailure(error, drive);
  }
  return written;
}

/** Reads the copy back from the stick: the same signed manifest, and every file matching its hash. */
async function verifyCopy(original: string, copyFile: string): Promise<void> {
  const source = await openPack(original);
  const sourceManifest = source.manifestBytes;
  source.close();
  const copy = await openPack(copyFile);
  try {
    if (!copy.manifestBytes.equals(sourceManifest)) throw new AppError('drive.verify_failed', { file: path.basename(copyFile) });
    await verifyContent(copy);
  } finally {
    copy.close();
  }
}

function driveFailure(error: unknown, drive: Drive): AppError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC') return new AppError('drive.no_space', { drive: drive.label });
  if (error instanceof AppError && error.code.startsWith('pack.file_')) return new AppError('drive.verify_failed', { drive: drive.label, file: String(error.params.file ?? '') });
  return new AppError('drive.gone', { drive: drive.label });
}
