import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { TargetSchema } from '../contract';
import type { Drive } from '../drives';
import { AppError } from '../errors';

export type Target = z.infer<typeof TargetSchema>;

/** Where exports and backups go when no stick is used: a folder inside the kiosk's data folder. */
export const EXPORTS_FOLDER = 'exports';

/**
 * The folder a statistics export or a backup is written to: the top of a stick the kiosk sees
 * now, or the kiosk's own exports folder (created on first use). A stick that has gone is
 * reported as such, never silently replaced by another place.
 */
export function resolveTargetDir(target: Target, drives: readonly Drive[], dataDir: string): { dir: string; label: string } {
  if (target.kind === 'folder') {
    const dir = path.join(dataDir, EXPORTS_FOLDER);
    fs.mkdirSync(dir, { recursive: true });
    return { dir, label: dir };
  }
  const drive = drives.find((d) => d.id === target.driveId);
  if (!drive) throw new AppError('drive.not_found', { driveId: target.driveId });
  return { dir: drive.path, label: drive.label };
}
