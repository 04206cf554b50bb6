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
 * What a stick's packs are, compared with what is installed, without importing anything: the
 * structure and signature are checked (cheap); content hashes are checked at import.
 */
export async function describeStickPacks(drive: Drive, installer: PackInstaller, trust: TrustStore): Promise<StickPack[]> {
  const scanned = await scanDrive(drive.path, async (file): Promise<StickPack> => {
    const base = { file, name: path.basename(file), size: fs.statSync(file).size };
    try {
      const pack = await openPack(file);
      try {
        const level = trust.check(pack);
        const { id, version, title } = pack.manifest;
        const status = level === 'trusted' ? installer.statusOf(pack.manifest) : 'untrusted';
        return { ...base, status, packId: id, version, title, error: null };
      } finally {
        pack.close();
      }
    } catch (error) {
      const appError = error instanceof AppError ? error : readFailure(error, file);
      return { ...base, status: 'invalid', packId: null, version: null, title: null, error: appError.toApiError() };
    }
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
