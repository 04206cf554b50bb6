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
 * What a pack is built from: the manifest without `files` (authored as text sources and assembled
 * by the content tools, see authoring/), and the content files by their name inside the pack.
 */
export interface PackInput {
  manifest: Record<string, unknown>;
  files: ReadonlyArray<{ name: string; file: string }>;
}

/**
 * Builds a pack: sizes and hashes of the files are computed here, the manifest is validated and,
 * with a private key, signed in the same step.
 */
export async function buildPack(input: PackInput, outFile: string, privateKeyPem?: string): Promise<BuildResult> {
  const byName = new Map(input.files.map((f) => [f.name, f.file]));
  const names = [...byName.keys()].sort();
  for (const name of names) {
    const problem = entryNameProblem(name);
    if (problem) throw new AppError(problem, { file: name });
  }
  const collision = findCollision(names);
  if (collision) throw new AppError('pack.path_collision', { file: collision.name, other: collision.other });

  const files: PackFile[] = [];
  for (const name of names) files.push(await describeFile(byName.get(name)!, name));
  const parsed = ManifestSchema.safeParse({ ...input.manifest, format: 2, files });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('pack.manifest_invalid', { path: issue.path.map(String).join('.'), issue: issue.code, message: issue.message });
  }
  const manifestBytes = Buffer.from(`${JSON.stringify(parsed.data, null, 2)}\n`, 'utf8');

  const zip = new yazl.ZipFile();
  zip.addBuffer(manifestBytes, MANIFEST_ENTRY);
  if (privateKeyPem) zip.addBuffer(Buffer.from(JSON.stringify(signManifest(manifestBytes, privateKeyPem))), SIGNATURE_ENTRY);
  for (const name of names) {
    zip.addFile(byName.get(name)!, FILES_PREFIX + name, { compress: !STORED_EXTENSIONS.has(path.extname(name).toLowerCase()) });
  }
  await writeZip(zip, outFile);
  return { manifest: parsed.data, file: outFile, signed: Boolean(privateKeyPem) };
}

/**
 * A folder holding an assembled manifest (`manifest.json`, without `files`) and a `files/` folder:
 * the shape test fixtures and benchmarks generate. People write text sources instead (authoring/).
 */
export function packInputFromFolder(dir: string): PackInput {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_ENTRY), 'utf8')) as Record<string, unknown>;
  const filesDir = path.join(dir, 'files');
  const names = fs.existsSync(filesDir) ? listFiles(filesDir) : [];
  return { manifest, files: names.map((name) => ({ name, file: path.join(filesDir, name) })) };
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
