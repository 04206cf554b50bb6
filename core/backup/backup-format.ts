import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { Decrypter, Encrypter } from 'age-encryption';
import { ScryptPassphraseIdentity, ScryptPassphraseRecipient } from './scrypt-passphrase';
import { z } from 'zod';
import { AppError } from '../errors';

/*
 * A backup file is an age file (age-encryption.org/v1) with one scrypt passphrase recipient. Its
 * plaintext is
 *
 *   "ayil-backup/1\n" <header: one line of JSON> "\n" <the SQLite database, byte for byte>
 *
 * age authenticates every 64 KiB chunk on its own and marks the last one, so the header (always
 * inside the first chunk) can be read and trusted without decrypting the rest, and a whole
 * decryption tells a cut or altered file from a complete one. Nothing is parsed as SQLite until
 * all of it has been authenticated. docs/architecture.md, "Backup and restore", describes it.
 */

const MAGIC = 'ayil-backup/1\n';
/** Far more than a header needs, and inside age's first chunk (64 KiB). */
const MAX_HEADER_BYTES = 8 * 1024;

export const BackupHeaderSchema = z.strictObject({
  format: z.literal(1),
  /** When the backup was made: UTC, and the kiosk's local time as people read it. */
  takenAt: z.string(),
  takenAtLocal: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
  siteName: z.string().max(200),
  siteCode: z.string().max(64),
  schemaVersion: z.number().int().positive(),
  databaseBytes: z.number().int().positive(),
  databaseSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

/**
 * People type the same passphrase on different keyboards and systems; Kyrgyz letters (ң, ө, ү)
 * can arrive composed or not. One normal form makes them the same key.
 */
const normalise = (passphrase: string) => passphrase.normalize('NFC');

/** age's default: about a second of scrypt on a PC, for every try of a passphrase. */
export const SCRYPT_WORK_FACTOR = 18;

/**
 * Encrypts a plain database file into a new backup file (which must not exist yet) and flushes
 * it to the device. Answers the header written into it. `scryptWorkFactor` is for tests that
 * make many crafted backups; the kiosk always uses the default.
 */
export async function sealBackup(
  databaseFile: string,
  outFile: string,
  passphrase: string,
  about: Pick<BackupHeader, 'takenAt' | 'takenAtLocal' | 'siteName' | 'siteCode' | 'schemaVersion'>,
  scryptWorkFactor = SCRYPT_WORK_FACTOR,
): Promise<BackupHeader> {
  const header: BackupHeader = { format: 1, ...about, databaseBytes: fs.statSync(databaseFile).size, databaseSha256: await sha256Of(databaseFile) };
  const encrypter = new Encrypter();
  encrypter.addRecipient(new ScryptPassphraseRecipient(normalise(passphrase), scryptWorkFactor));
  const prefix = new TextEncoder().encode(`${MAGIC}${JSON.stringify(header)}\n`);
  const sealed = await encrypter.encrypt(prepend(prefix, fileStream(databaseFile)));
  const handle = await fs.promises.open(outFile, 'wx');
  try {
    for await (const chunk of sealed) await writeFully(handle, chunk);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return header;
}

/**
 * Reads a backup's header: decrypts and authenticates only the first chunk. A wrong passphrase
 * throws `backup.passphrase_wrong`; anything else wrong with the file `backup.damaged`.
 */
export async function readBackupHeader(file: string, passphrase: string): Promise<BackupHeader> {
  const plain = await decryptStream(file, passphrase);
  const reader = plain.getReader();
  try {
    let buffered: Uint8Array = new Uint8Array(0);
    for (;;) {
      const split = splitHeader(buffered, file);
      if (split) return split.header;
      const { done, value } = await reader.read();
      if (done) throw new AppError('backup.damaged', { file });
      buffered = concat(buffered, value);
    }
  } catch (error) {
    throw asBackupError(error, file);
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * Decrypts a whole backup into `outFile` (which must not exist yet), checks the database's length
 * and SHA-256 against the authenticated header, and flushes it to the device. Only a file that
 * passed all of it should ever be opened with SQLite. Removes `outFile` on any failure.
 */
export async function openBackup(file: string, passphrase: string, outFile: string): Promise<BackupHeader> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    const plain = await decryptStream(file, passphrase);
    handle = await fs.promises.open(outFile, 'wx');
    const hash = createHash('sha256');
    let header: BackupHeader | null = null;
    let buffered: Uint8Array = new Uint8Array(0);
    let written = 0;
    for await (const chunk of plain) {
      let data: Uint8Array = chunk;
      if (!header) {
        buffered = concat(buffered, chunk);
        const split = splitHeader(buffered, file);
        if (!split) continue;
        header = split.header;
        data = split.rest;
      }
      if (written + data.length > header.databaseBytes) throw new AppError('backup.damaged', { file });
      hash.update(data);
      await writeFully(handle, data, written);
      written += data.length;
    }
    if (!header || written !== header.databaseBytes || hash.digest('hex') !== header.databaseSha256) throw new AppError('backup.damaged', { file });
    await handle.sync();
    return header;
  } catch (error) {
    await handle?.close().catch(() => {});
    handle = undefined;
    await fs.promises.rm(outFile, { force: true }).catch(() => {});
    throw asBackupError(error, file);
  } finally {
    await handle?.close();
  }
}

async function decryptStream(file: string, passphrase: string): Promise<ReadableStream<Uint8Array>> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(new ScryptPassphraseIdentity(normalise(passphrase)));
  const source = fileStream(file);
  try {
    return await decrypter.decrypt(source);
  } catch (error) {
    await source.cancel().catch(() => {});
    throw asBackupError(error, file);
  }
}

/** The header, once the buffered plaintext holds all of it; null while more is needed. */
function splitHeader(buffered: Uint8Array, file: string): { header: BackupHeader; rest: Uint8Array } | null {
  const magic = new TextEncoder().encode(MAGIC);
  const end = buffered.indexOf(0x0a, magic.length);
  if (end < 0) {
    if (buffered.length > MAX_HEADER_BYTES) throw new AppError('backup.damaged', { file });
    return null;
  }
  if (!magic.every((byte, i) => buffered[i] === byte)) throw new AppError('backup.damaged', { file });
  try {
    const header = BackupHeaderSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buffered.subarray(magic.length, end))));
    return { header, rest: buffered.subarray(end + 1) };
  } catch {
    throw new AppError('backup.damaged', { file });
  }
}

/**
 * What a failure means to the person restoring. age says "no identity matched" when the
 * passphrase opens no recipient of the header; every other complaint (a header or chunk that
 * does not authenticate, a cut file, not an age file at all) means the file is not as it was made.
 */
function asBackupError(error: unknown, file: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'EISDIR') return new AppError('backup.not_found', { file });
  // The disk or the stick failed (full, pulled out): nothing to say about the backup itself.
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return new AppError('backup.restore_failed', { file });
  if (error instanceof Error && /no identity matched/i.test(error.message)) return new AppError('backup.passphrase_wrong', { file });
  return new AppError('backup.damaged', { file });
}

function fileStream(file: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) as ReadableStream<Uint8Array>;
}

function prepend(first: Uint8Array, rest: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = rest.getReader();
  let sentFirst = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentFirst) {
        sentFirst = true;
        controller.enqueue(first);
        return;
      }
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

async function writeFully(handle: fs.promises.FileHandle, data: Uint8Array, position?: number): Promise<void> {
  for (let offset = 0; offset < data.length; ) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset, position === undefined ? null : position + offset);
    offset += bytesWritten;
  }
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
