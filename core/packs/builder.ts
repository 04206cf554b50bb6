import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { AppError } from '../errors';
import { entryNameProblem, findCollision } from './entry-names';
import { ManifestSchema, type Manifest, type PackFile } from './manifest';
import { FILES_PREFIX, MANIFEST_ENTRY, SIGNATURE_ENTRY, openEntryStream, openPack } from './pack-file';
import { signManifest } from './signing';

/** Already-compressed media gain nothing from deflate; storing them keeps import and seeking fast. */
const STORED_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.mp3', '.ogg', '.opus', '.m4a', '.mp4', '.webm', '.zip']);

export interface BuildResult {
  manifest: Manifest;
  file: string;
  signed: boolean;
}

/**
 * Builds a pack from a source folder: `manifest.json` (the manifest without `files`) and a `files/`
 * folder with the content. Hashes and sizes are computed here; with a private key the manifest is
 * signed in the same step.
 */
export async function buildPack(sourceDir: string, outFile: string, privateKeyPem?: string): Promise<BuildResult> {
  const source = JSON.parse(fs.readFileSync(path.join(sourceDir, MANIFEST_ENTRY), 'utf8')) as Record<string, unknown>;
  const filesDir = path.join(sourceDir, 'files');
  const names = fs.existsSync(filesDir) ? listFiles(filesDir) : [];
  for (const name of names) {
    const problem = entryNameProblem(name);
    if (problem) throw new AppError(problem, { file: name });
  }
  const collision = findCollision(names);
  if (collision) throw new AppError('pack.path_collision', { file: collision.name, other: collision.other });

  const files: PackFile[] = [];
  for (const name of names) files.push(await describeFile(path.join(filesDir, name), name));
  const parsed = ManifestSchema.safeParse({ ...source, format: 2, files });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('pack.manifest_invalid', { path: issue.path.map(String).join('.'), issue: issue.code, message: issue.message });
  }
  const manifestBytes = Buffer.from(`${JSON.stringify(parsed.data, null, 2)}\n`, 'utf8');

  const zip = new yazl.ZipFile();
  zip.addBuffer(manifestBytes, MANIFEST_ENTRY);
  if (privateKeyPem) zip.addBuffer(Buffer.from(JSON.stringify(signManifest(manifestBytes, privateKeyPem))), SIGNATURE_ENTRY);
  for (const name of names) {
    zip.addFile(path.join(filesDir, name), FILES_PREFIX + name, { compress: !STORED_EXTENSIONS.has(path.extname(name).toLowerCase()) });
  }
  await writeZip(zip, outFile);
  return { manifest: parsed.data, file: outFile, signed: Boolean(privateKeyPem) };
}

/** Signs (or re-signs) an existing pack, writing a new file; content entries are copied as they are. */
export async function signPack(packFile: string, privateKeyPem: string, outFile: string): Promise<void> {
  const pack = await openPack(packFile);
  try {
    const zip = new yazl.ZipFile();
    zip.addBuffer(pack.manifestBytes, MANIFEST_ENTRY);
    zip.addBuffer(Buffer.from(JSON.stringify(signManifest(pack.manifestBytes, privateKeyPem))), SIGNATURE_ENTRY);
    for (const file of pack.manifest.files) {
      const entry = pack.entries.get(file.path)!;
      zip.addReadStream(await openEntryStream(pack.zip, entry), FILES_PREFIX + file.path, { compress: entry.compressionMethod !== 0, size: file.size });
    }
    await writeZip(zip, outFile);
  } finally {
    pack.close();
  }
}

async function writeZip(zip: yazl.ZipFile, outFile: string): Promise<void> {
  const temporary = `${outFile}.part`;
  zip.end();
  await pipeline(zip.outputStream, fs.createWriteStream(temporary));
  fs.renameSync(temporary, outFile);
}

function listFiles(root: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(root, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const name = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) throw new AppError('pack.symlink', { file: name });
      return entry.isDirectory() ? listFiles(root, name) : [name];
    })
    .sort();
}

async function describeFile(file: string, name: string): Promise<PackFile> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { path: name, size, sha256: hash.digest('hex') };
}
