import {
  MAX_FILE_BATCHES,
  SYNC_FILE_FORMAT,
  SYNC_SCHEMA_VERSION,
  SyncFilePayloadSchema,
  SyncFileSchema,
  type SyncBatch,
  type SyncFile,
  type SyncSite,
} from '../contract';
import type { Drive } from '../drives';
import { AppError } from '../errors';
import type { Target } from '../files/target-dir';
import { writeToTarget } from '../files/write-to-target';
import type { Release } from '../stats';
import type { Outbox } from './outbox';
import type { SigningIdentity } from './identity';
import { toDeviceDate, toInstant } from './time';

/**
 * And its size: the collector takes uploads up to 20 MiB. Years of a busy site's figures fit; a
 * site past that carries the oldest batches first (docs/sync.md).
 */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface StickFileParts {
  outbox: Outbox;
  release: Release;
  identity: SigningIdentity;
  site: SyncSite;
  k: number;
  deviceTime: Date;
  drives: readonly Drive[];
  dataDir: string;
}

/**
 * "Save figures to stick": runs this week's release round if it has not run and batches what it
 * released (as an attempt of the loop would), then writes every batch the
 * collector has not acknowledged as one file signed with the kiosk's key, complete or not at
 * all. The batches stay unacknowledged: they still go by network when one appears, and the
 * collector stores each key once whichever way it came first.
 */
export async function saveFiguresToStick(parts: StickFileParts, target: Target): Promise<{ file: string; batches: number }> {
  parts.release.run(parts.k);
  parts.outbox.makeBatches(parts.site.code);
  const batches = withinSize(parts.outbox.unacked(MAX_FILE_BATCHES), MAX_FILE_BYTES);
  if (batches.length === 0) throw new AppError('sync.nothing_to_save');

  const payload = JSON.stringify(
    SyncFilePayloadSchema.parse({
      schemaVersion: SYNC_SCHEMA_VERSION,
      site: parts.site,
      publicKey: parts.identity.publicKey(),
      deviceTime: toInstant(parts.deviceTime),
      batches,
    }),
  );
  const file: SyncFile = SyncFileSchema.parse({ format: SYNC_FILE_FORMAT, payload, signature: parts.identity.sign(payload) });
  const content = `${JSON.stringify(file)}\n`;

  const filePath = await writeToTarget(target, parts, stickFileName(parts.site.code, parts.deviceTime), content);
  return { file: filePath, batches: batches.length };
}

/** Which site and which day (the kiosk's), nothing else; a second save that day replaces the first (it holds all of it). */
function stickFileName(siteCode: string, deviceTime: Date): string {
  return `ayil-figures-${siteCode}-${toDeviceDate(deviceTime)}.json`;
}

/** The oldest batches whose JSON, escaped inside the file's payload string, fits in `bytes` (at least one). */
function withinSize(batches: SyncBatch[], bytes: number): SyncBatch[] {
  let used = 0;
  let count = 0;
  for (const batch of batches) {
    used += Buffer.byteLength(JSON.stringify(JSON.stringify(batch)));
    if (count > 0 && used > bytes) break;
    count++;
  }
  return batches.slice(0, count);
}
