import fs from 'node:fs';
import path from 'node:path';
import { PublicKeySchema, type ApiError } from '../contract';
import { findKeyFiles, type Drive } from '../drives';
import { AppError } from '../errors';
import { readPublicKeys } from './key-files';
import type { PublicKeyEntry } from './signing';
import type { TrustStore } from './trust';

/** A key file is a few hundred bytes: anything much larger is not one, and is not read. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

export interface StickKeyFile {
  file: string;
  name: string;
  /** The stick's label. */
  drive: string;
  keys: Array<PublicKeyEntry & { trusted: boolean }>;
  /** Why the file cannot be used (its name only, never a path); null when it can. */
  error: ApiError | null;
}

/**
 * The publishers' key files on the sticks the kiosk sees, each read and checked (the key's id
 * must match its bytes), so that an administrator picks one instead of pasting it. Only files the
 * kiosk finds on its sticks are read: no caller names a path.
 */
export async function describeStickKeys(drives: readonly Drive[], trust: TrustStore): Promise<StickKeyFile[]> {
  const found: StickKeyFile[] = [];
  for (const drive of drives) {
    // A stick that cannot be listed (pulled out meanwhile) has no key files to offer.
    const files = await findKeyFiles(drive.path).catch(() => []);
    for (const file of files) found.push(readStickKeyFile(file, drive, trust));
  }
  return found;
}

function readStickKeyFile(file: string, drive: Drive, trust: TrustStore): StickKeyFile {
  const name = path.basename(file);
  const base = { file, name, drive: drive.label };
  try {
    if (fs.statSync(file).size > MAX_KEY_FILE_BYTES) throw new AppError('key.invalid', { file: name });
    const keys = readPublicKeys(file).map((key) => {
      // The contract's limits too (a publisher's name of a sensible length).
      if (!PublicKeySchema.safeParse(key).success) throw new AppError('key.invalid', { file: name });
      return { ...key, trusted: trust.find(key.keyId)?.publicKey === key.publicKey };
    });
    return { ...base, keys, error: null };
  } catch (error) {
    const failure = error instanceof AppError ? new AppError('key.invalid', { file: name }) : new AppError('drive.gone', { drive: drive.label });
    return { ...base, keys: [], error: failure.toApiError() };
  }
}
