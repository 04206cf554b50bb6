import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildPack, signPack, type BuildResult, type PackInput } from './builder';
import { PACK_EXTENSION } from './installer';
import type { Manifest } from './manifest';
import { openPack, verifyContent } from './pack-file';

/** The conventional name of a pack file: `<id>-<version>.ayilpack`. */
export function packFileName(manifest: Pick<Manifest, 'id' | 'version'>): string {
  return `${manifest.id}-${manifest.version}${PACK_EXTENSION}`;
}

/**
 * Builds a pack into a folder under its conventional name. The name is only known once the
 * manifest is validated, so the pack is written under a temporary name and renamed.
 */
export async function buildPackInto(input: PackInput, outDir: string, privateKeyPem?: string): Promise<BuildResult> {
  fs.mkdirSync(outDir, { recursive: true });
  const temporary = path.join(outDir, `.building-${randomBytes(6).toString('hex')}${PACK_EXTENSION}`);
  try {
    const result = await buildPack(input, temporary, privateKeyPem);
    const file = path.join(outDir, packFileName(result.manifest));
    fs.renameSync(temporary, file);
    return { ...result, file };
  } finally {
    fs.rmSync(temporary, { force: true });
    fs.rmSync(`${temporary}.part`, { force: true });
  }
}

/**
 * Signs a pack after checking that its content matches its manifest (a signature vouches for the
 * content too). Without `outFile` the pack is replaced: the signed copy is written beside it and
 * renamed over it, so the original is intact until the new one is complete.
 */
export async function signPackFile(packFile: string, privateKeyPem: string, outFile: string = packFile): Promise<void> {
  const pack = await openPack(packFile);
  try {
    await verifyContent(pack);
  } finally {
    pack.close();
  }
  if (path.resolve(outFile) !== path.resolve(packFile)) {
    await signPack(packFile, privateKeyPem, outFile);
    return;
  }
  // signPack reads the input while writing: write elsewhere first, replace once the input is closed.
  const temporary = `${packFile}.signing-${randomBytes(6).toString('hex')}`;
  try {
    await signPack(packFile, privateKeyPem, temporary);
    fs.renameSync(temporary, packFile);
  } finally {
    fs.rmSync(temporary, { force: true });
    fs.rmSync(`${temporary}.part`, { force: true });
  }
}
