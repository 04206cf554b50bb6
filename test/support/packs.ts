import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPack, packInputFromFolder } from '../../core/packs/builder';
import { signManifest, generatePublisherKey, type KeyPair } from '../../core/packs/signing';
import { rawZip, type RawEntry } from './raw-zip';
import { tempDir } from './temp-dir';

export const PACK_ID = 'kg.ayil.test-pack';

/**
 * A folder standing in for a USB stick, inside a root the test cores watch for drives: packs
 * built here can be imported through the API (which only reads packs on a stick it sees).
 */
export const TEST_DRIVE_ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-drives-'));
export const TEST_STICK = path.join(TEST_DRIVE_ROOT, 'STICK');
fs.mkdirSync(TEST_STICK);
process.on('exit', () => fs.rmSync(TEST_DRIVE_ROOT, { recursive: true, force: true }));

/** A small but real source manifest (no `files`: the builder adds them). */
export function sourceManifest(version: string, overrides: Record<string, unknown> = {}) {
  return {
    id: PACK_ID,
    version,
    defaultLanguage: 'ky',
    languages: ['ky', 'ru', 'en'],
    title: { ky: `Сыноо ${version}`, ru: `Тест ${version}`, en: `Test ${version}` },
    description: { ky: 'Сыноо', ru: 'Тест', en: 'Test' },
    publisher: 'Test publisher',
    licence: 'CC-BY-4.0',
    minAppVersion: '0.1.0',
    courses: [
      {
        id: 'course',
        title: { ky: 'Курс', ru: 'Курс', en: 'Course' },
        description: { ky: 'Курс', ru: 'Курс', en: 'Course' },
        lessons: [
          {
            id: 'lesson',
            title: { ky: 'Сабак', ru: 'Урок', en: 'Lesson' },
            competences: [{ code: '1.1', level: 1 }],
            steps: [
              { kind: 'text', id: 'intro', body: { ky: `Версия ${version}`, ru: `Версия ${version}`, en: `Version ${version}` } },
              { kind: 'text', id: 'outro', body: { ky: 'Бүттү', ru: 'Конец', en: 'The end' } },
            ],
          },
        ],
      },
    ],
    ...overrides,
  };
}

export const testKey: KeyPair = generatePublisherKey('Test publisher');

/** Builds and signs a real pack with the given content files (path → bytes). */
export async function makePack(options: { version?: string; files?: Record<string, Buffer | string>; key?: KeyPair | null; dir?: string; manifest?: Record<string, unknown> } = {}): Promise<string> {
  const version = options.version ?? '1.0.0';
  const source = tempDir('ayil-pack-src-');
  fs.writeFileSync(path.join(source, 'manifest.json'), JSON.stringify(options.manifest ?? sourceManifest(version)));
  for (const [name, content] of Object.entries(options.files ?? { 'images/hello.txt': `hello ${version}` })) {
    fs.mkdirSync(path.dirname(path.join(source, 'files', name)), { recursive: true });
    fs.writeFileSync(path.join(source, 'files', name), content);
  }
  const out = path.join(options.dir ?? tempDir('pack-', TEST_STICK), `${PACK_ID}-${version}.ayilpack`);
  const key = options.key === undefined ? testKey : options.key;
  await buildPack(packInputFromFolder(source), out, key?.privateKeyPem);
  return out;
}

/** Random bytes: content that deflate cannot shrink, like the photos and audio real packs carry. */
export function noise(size: number): Buffer {
  return randomBytes(size);
}

/**
 * A hand-made pack around a correct, signed manifest, so that each hostile fixture differs from a
 * good pack in exactly one way. `files` are the content entries as they go into the zip.
 */
export function craftPack(
  files: Array<{ path: string; data: Buffer; entry?: Partial<RawEntry> }>,
  options: { manifestFiles?: Array<{ path: string; size: number; sha256: string }>; manifest?: object; sign?: boolean; extraEntries?: RawEntry[]; manifestBytes?: Buffer } = {},
): Buffer {
  const manifestFiles =
    options.manifestFiles ?? files.map((f) => ({ path: f.path, size: f.data.length, sha256: createHash('sha256').update(f.data).digest('hex') }));
  const manifestBytes = options.manifestBytes ?? Buffer.from(JSON.stringify({ format: 2, ...sourceManifest('1.0.0'), ...options.manifest, files: manifestFiles }));
  const entries: RawEntry[] = [{ name: 'manifest.json', data: manifestBytes }];
  if (options.sign !== false) entries.push({ name: 'signature.json', data: Buffer.from(JSON.stringify(signManifest(manifestBytes, testKey.privateKeyPem))) });
  for (const f of files) entries.push({ name: `files/${f.path}`, data: f.data, ...f.entry });
  entries.push(...(options.extraEntries ?? []));
  return rawZip(entries);
}
