import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '../errors';
import { entryNameProblem, findCollision } from './entry-names';
import { PACK_LIMITS, SUPPORTED_COMPRESSION } from './limits';
import { ManifestSchema, type Manifest } from './manifest';
import { SignatureFileSchema, type SignatureFile } from './signing';
import type { StreamedHashes } from './streamed-hashes';
import { checkZipAgreement } from './zip-agreement';

export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'signature.json';
export const FILES_PREFIX = 'files/';

/** A pack opened and checked for structure: manifest and signature read, content not yet hashed. */
export interface OpenedPack {
  file: string;
  fileSize: number;
  manifest: Manifest;
  manifestBytes: Buffer;
  signature: SignatureFile | null;
  /** Content entries by their name inside `files/`. */
  entries: Map<string, Entry>;
  zip: ZipFile;
  close(): void;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const UTF8_NAME_FLAG = 0x800;

/**
 * Opens a pack file and checks everything that can be checked without reading its content:
 * the zip structure, every entry's name, type, compression and size, the manifest against its
 * schema, and that the manifest and the zip list exactly the same files with the same sizes.
 * Each refusal is an AppError with its own `pack.*` code.
 */
export async function openPack(file: string): Promise<OpenedPack> {
  const zip = await openZip(file);
  try {
    const all = await readEntries(zip, file);
    const manifestBytes = await readSmallEntry(zip, all.get(MANIFEST_ENTRY), PACK_LIMITS.maxManifestBytes, 'pack.manifest_missing');
    const manifest = parseManifest(manifestBytes);
    const signatureEntry = all.get(SIGNATURE_ENTRY);
    const signature = signatureEntry ? parseSignature(await readSmallEntry(zip, signatureEntry, PACK_LIMITS.maxSignatureBytes, 'pack.signature_invalid')) : null;
    const entries = contentEntries(all, manifest);
    return { file, fileSize: zip.fileSize, manifest, manifestBytes, signature, entries, zip, close: () => zip.close() };
  } catch (error) {
    zip.close();
    throw error;
  }
}

async function openZip(file: string): Promise<ZipFile> {
  try {
    return await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (error) {
    throw readFailure(error, file);
  }
}

/** Maps a failure to read the pack file to what it means for the person holding the stick. */
export function readFailure(error: unknown, filePath: string): AppError {
  if (error instanceof AppError) return error;
  // The person knows which stick they hold: the file's own name says which file, a path only confuses.
  const file = path.basename(filePath);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'EIO' || code === 'ENOTCONN' || code === 'ENXIO' || code === 'ENODEV' || code === 'ESTALE') {
    return new AppError('pack.source_gone', { file });
  }
  if (code === 'ENOSPC') return new AppError('pack.disk_full', { file });
  // yauzl's structural errors (no end-of-central-directory record, offsets past the end, bad
  // signatures, sizes that do not add up) all mean the same to a person: an incomplete copy.
  return new AppError('pack.truncated', { file });
}

async function readEntries(zip: ZipFile, file: string): Promise<Map<string, Entry>> {
  if (zip.entryCount > PACK_LIMITS.maxEntries) throw new AppError('pack.zip_bomb', { reason: 'entries', count: zip.entryCount });
  const entries = new Map<string, Entry>();
  const every: Entry[] = [];
  const names: string[] = [];
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = decodeName(entry);
      checkEntry(entry, name);
      every.push(entry);
      names.push(name);
      total += entry.uncompressedSize;
      if (total > PACK_LIMITS.maxTotalBytes) throw new AppError('pack.zip_bomb', { reason: 'total', file: name });
      if (name.endsWith('/')) continue; // folder entries carry nothing
      entries.set(name, entry);
    }
    // Before any entry is read: every reader of this zip must see the same entries.
    await checkZipAgreement(file, every, names);
  } catch (error) {
    throw readFailure(error, '');
  }
  const collision = findCollision(entries.keys());
  if (collision) throw new AppError('pack.path_collision', { file: collision.name, other: collision.other });
  return entries;
}

function decodeName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  const utf8 = (entry.generalPurposeBitFlag & UTF8_NAME_FLAG) !== 0;
  // Names that are not flagged UTF-8 are only accepted when plain ASCII: anything else would be
  // read differently by different tools (CP437 vs the local code page).
  if (!utf8 && raw.some((byte) => byte > 0x7f)) throw new AppError('pack.path_invalid', { file: raw.toString('latin1') });
  const name = raw.toString('utf8');
  if (utf8 && Buffer.from(name, 'utf8').compare(raw) !== 0) throw new AppError('pack.path_invalid', { file: name });
  return name;
}

function checkEntry(entry: Entry, name: string): void {
  const problem = entryNameProblem(name.endsWith('/') ? name.slice(0, -1) : name);
  if (problem) throw new AppError(problem, { file: name });
  const unixMode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (unixMode === S_IFLNK) throw new AppError('pack.symlink', { file: name });
  if ((entry.generalPurposeBitFlag & 0x1) !== 0 || !SUPPORTED_COMPRESSION.has(entry.compressionMethod)) {
    throw new AppError('pack.compression_unsupported', { file: name, method: entry.compressionMethod });
  }
  if (entry.uncompressedSize > PACK_LIMITS.maxFileBytes) throw new AppError('pack.zip_bomb', { reason: 'size', file: name });
  if (
    entry.uncompressedSize > PACK_LIMITS.ratioFloorBytes &&
    entry.uncompressedSize > entry.compressedSize * PACK_LIMITS.maxCompressionRatio
  ) {
    throw new AppError('pack.zip_bomb', { reason: 'ratio', file: name });
  }
}

async function readSmallEntry(zip: ZipFile, entry: Entry | undefined, limit: number, missing: 'pack.manifest_missing' | 'pack.signature_invalid'): Promise<Buffer> {
  if (!entry) throw new AppError(missing);
  if (entry.uncompressedSize > limit) throw new AppError('pack.zip_bomb', { reason: 'size', file: String(entry.fileName) });
  const chunks: Buffer[] = [];
  for await (const chunk of await openEntryStream(zip, entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function openEntryStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  try {
    return await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw readFailure(error, String(entry.fileName));
  }
}

function parseManifest(bytes: Buffer): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('pack.manifest_invalid', { path: '', issue: 'not_json' });
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('pack.manifest_invalid', { path: issue.path.map(String).join('.'), issue: issue.code });
  }
  return parsed.data;
}

function parseSignature(bytes: Buffer): SignatureFile {
  try {
    return SignatureFileSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw new AppError('pack.signature_invalid');
  }
}

/** The zip and the manifest must list exactly the same files, with the same sizes. */
function contentEntries(all: Map<string, Entry>, manifest: Manifest): Map<string, Entry> {
  const content = new Map<string, Entry>();
  for (const [name, entry] of all) {
    if (name === MANIFEST_ENTRY || name === SIGNATURE_ENTRY) continue;
    if (!name.startsWith(FILES_PREFIX)) throw new AppError('pack.file_unlisted', { file: name });
    content.set(name.slice(FILES_PREFIX.length), entry);
  }
  const listed = new Set<string>();
  for (const file of manifest.files) {
    const problem = entryNameProblem(file.path);
    if (problem) throw new AppError(problem, { file: file.path });
    listed.add(file.path);
    const entry = content.get(file.path);
    if (!entry) throw new AppError('pack.file_missing', { file: file.path });
    if (entry.uncompressedSize !== file.size) throw new AppError('pack.file_size_mismatch', { file: file.path });
  }
  for (const name of content.keys()) if (!listed.has(name)) throw new AppError('pack.file_unlisted', { file: name });
  return content;
}

export interface VerifyProgress {
  bytesDone: number;
  bytesTotal: number;
  currentFile: string;
}

/**
 * Streams every content file through SHA-256 and compares it with the manifest, naming the first
 * file that differs. Reads each entry's bytes straight from the file in large chunks (inflating
 * deflated ones), and never lets an entry produce more than its declared size. Memory stays flat
 * whatever the pack's size. An entry `streamed` already hashed from this file's bytes at the same
 * layout (the installer hashes while it copies) is judged from that, without reading it again.
 */
export async function verifyContent(pack: OpenedPack, onProgress?: (p: VerifyProgress) => void, signal?: AbortSignal, streamed?: StreamedHashes): Promise<void> {
  const bytesTotal = pack.manifest.files.reduce((sum, f) => sum + f.size, 0);
  let bytesDone = 0;
  for (const file of pack.manifest.files) {
    if (signal?.aborted) throw new AppError('pack.cancelled');
    const entry = pack.entries.get(file.path)!;
    const known = streamed?.get(file.path, { localHeaderOffset: entry.relativeOffsetOfLocalHeader, compressedSize: entry.compressedSize, compressionMethod: entry.compressionMethod });
    let digest: { size: number; sha256: string };
    if (known && 'failure' in known) {
      throw new AppError(known.failure === 'oversize' ? 'pack.file_size_mismatch' : 'pack.file_hash_mismatch', { file: file.path });
    } else if (known) {
      digest = known;
      bytesDone += known.size;
      onProgress?.({ bytesDone, bytesTotal, currentFile: file.path });
    } else {
      digest = await hashEntry(pack, entry, file, signal, (bytes) => {
        bytesDone += bytes;
        onProgress?.({ bytesDone, bytesTotal, currentFile: file.path });
      });
    }
    if (digest.size !== file.size) throw new AppError('pack.file_size_mismatch', { file: file.path });
    if (digest.sha256 !== file.sha256) throw new AppError('pack.file_hash_mismatch', { file: file.path });
  }
}

/** One entry's content size and SHA-256, read from the pack file. */
async function hashEntry(pack: OpenedPack, entry: Entry, file: { path: string; size: number }, signal: AbortSignal | undefined, onBytes: (bytes: number) => void): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of entryContent(pack, entry)) {
      size += chunk.length;
      if (size > file.size) throw new AppError('pack.file_size_mismatch', { file: file.path });
      hash.update(chunk);
      onBytes(chunk.length);
      if (signal?.aborted) throw new AppError('pack.cancelled');
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Tampered compressed bytes fail to inflate: that file's content is not what was signed.
    if (String((error as NodeJS.ErrnoException).code ?? '').startsWith('Z_')) throw new AppError('pack.file_hash_mismatch', { file: file.path });
    throw readFailure(error, file.path);
  }
  return { size, sha256: hash.digest('hex') };
}

/**
 * An entry's uncompressed bytes, read from the pack file in 1 MB chunks. Stored entries (most of a
 * pack: media) reuse one buffer, so each chunk is only valid until the next is asked for.
 */
async function* entryContent(pack: OpenedPack, entry: Entry): AsyncGenerator<Buffer> {
  let dataStart: number;
  try {
    dataStart = (await pack.zip.readLocalFileHeaderPromise(entry, { minimal: true })).fileDataStart;
  } catch (error) {
    throw readFailure(error, String(entry.fileName));
  }
  if (entry.compressedSize === 0) return;
  if (entry.compressionMethod !== 0) {
    const raw = fs.createReadStream(pack.file, { start: dataStart, end: dataStart + entry.compressedSize - 1, highWaterMark: 1024 * 1024 });
    const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    raw.on('error', (error) => inflate.destroy(error));
    yield* raw.pipe(inflate) as AsyncIterable<Buffer>;
    return;
  }
  const handle = await fs.promises.open(pack.file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    const end = dataStart + entry.compressedSize;
    for (let position = dataStart; position < end; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position);
      if (bytesRead === 0) throw new AppError('pack.truncated', { file: String(entry.fileName) });
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
