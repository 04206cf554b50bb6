import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { stringify } from 'yaml';
import { runPackCli } from '../../cli/pack-cli';
import { tempDir } from '../support/temp-dir';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runPackCli(argv, { log: (s) => stdout.push(s), error: (s) => stderr.push(s) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

const text = (en: string) => ({ ky: `${en} (ky)`, ru: `${en} (ru)`, en });

/**
 * A pack source folder as content writers write it: pack.yaml, a course folder, a lesson folder
 * with its lesson.yaml and the four files its steps use (one in a folder of its own).
 */
function makeSource(dir: string, version = '1.2.3'): string {
  const source = path.join(dir, 'source');
  const lesson = path.join(source, 'safety', 'strong-passwords');
  fs.mkdirSync(path.join(lesson, 'icons'), { recursive: true });
  const yaml = (file: string, data: unknown) => fs.writeFileSync(file, stringify(data));
  yaml(path.join(source, 'pack.yaml'), {
    id: 'org.example.safe-online',
    version,
    defaultLanguage: 'en',
    languages: ['ky', 'ru', 'en'],
    title: text('Staying safe online'),
    description: text('Passwords and scams.'),
    publisher: 'Example Publisher',
    licence: 'CC-BY-4.0',
    minAppVersion: '0.1.0',
    courses: ['safety'],
  });
  yaml(path.join(source, 'safety', 'course.yaml'), { id: 'safety', title: text('Safety basics'), description: text('The first things to know.'), lessons: ['strong-passwords'] });
  yaml(path.join(lesson, 'lesson.yaml'), {
    id: 'strong-passwords',
    title: text('Strong passwords'),
    competences: [{ code: '4.2', level: 2 }],
    steps: [
      { kind: 'text', id: 'why', body: text('A strong password is long.') },
      { kind: 'image', id: 'lock', file: 'lock.png', alt: text('A padlock') },
      { kind: 'image', id: 'key', file: 'icons/key.svg', alt: text('A key') },
      { kind: 'video', id: 'clip', file: 'clip.webm', captions: { en: 'intro.vtt' }, description: text('A door is locked.') },
    ],
  });
  fs.writeFileSync(path.join(lesson, 'intro.vtt'), 'WEBVTT\n\n00:00.000 --> 00:02.000\nLong passwords are strong passwords.\n');
  fs.writeFileSync(path.join(lesson, 'lock.png'), Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256)));
  fs.writeFileSync(path.join(lesson, 'clip.webm'), Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 11) % 256)));
  fs.writeFileSync(path.join(lesson, 'icons', 'key.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
  return source;
}

const LESSON_DIR = 'safety/strong-passwords';
const CONTENT_FILES = ['clip.webm', 'icons/key.svg', 'intro.vtt', 'lock.png'].map((f) => `files/${LESSON_DIR}/${f}`);

/** Makes a key with the CLI and returns its files. */
async function keygen(dir: string, publisher: string): Promise<{ keyId: string; key: string; pub: string }> {
  const run = await cli('keygen', '--publisher', publisher, '--out', dir);
  expect(run.code).toBe(0);
  const keyId = /Key id\s+([0-9a-f]{16})/.exec(run.stdout)![1]!;
  return { keyId, key: path.join(dir, `${keyId}.key`), pub: path.join(dir, `${keyId}.pub.json`) };
}

/**
 * Copies a pack entry by entry, letting `change` replace an entry's bytes (same name, same order)
 * and appending `extra` entries.
 */
async function rewritePack(
  from: string,
  to: string,
  change: (name: string, bytes: Buffer) => Buffer = (_n, b) => b,
  extra: Record<string, Buffer> = {},
): Promise<void> {
  const source = await yauzl.openPromise(from, { lazyEntries: true });
  const out = new yazl.ZipFile();
  for await (const entry of source.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await source.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    out.addBuffer(change(entry.fileName, Buffer.concat(chunks)), entry.fileName, { compress: entry.compressionMethod !== 0 });
  }
  source.close();
  for (const [name, bytes] of Object.entries(extra)) out.addBuffer(bytes, name);
  out.end();
  await pipeline(out.outputStream, fs.createWriteStream(to));
}

describe('pack CLI', () => {
  it('keygen writes a private key only its owner can read and a public key entry named by the key id', async () => {
    const dir = tempDir();
    const { keyId, key, pub } = await keygen(path.join(dir, 'keys'), 'Example Publisher');

    expect(fs.readFileSync(key, 'utf8')).toContain('-----BEGIN PRIVATE KEY-----');
    if (process.platform !== 'win32') expect(fs.statSync(key).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(pub, 'utf8'))).toMatchObject({ keyId, publisher: 'Example Publisher' });
  });

  it('builds a signed pack that verifies: every file OK, exit 0', async () => {
    const dir = tempDir();
    const { keyId, key } = await keygen(dir, 'Example Publisher');

    const build = await cli('build', makeSource(dir), '--key', key, '--out', dir);
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/id\s+org\.example\.safe-online/);
    expect(build.stdout).toMatch(/version\s+1\.2\.3/);
    expect(build.stdout).toMatch(/files\s+4,/);
    expect(build.stdout).toContain(`yes, key ${keyId}`);
    const pack = path.join(dir, 'org.example.safe-online-1.2.3.ayilpack');
    expect(fs.existsSync(pack)).toBe(true);

    const verify = await cli('verify', pack);
    expect(verify.code).toBe(0);
    for (const file of CONTENT_FILES) expect(verify.stdout).toContain(`OK  ${file}`);
    expect(verify.stdout).not.toContain('BAD');
    expect(verify.stdout).toContain(`key ${keyId}, not checked`);
  });

  it('verify with the signer public key reports a valid, trusted signature', async () => {
    const dir = tempDir();
    const { keyId, key, pub } = await keygen(dir, 'Example Publisher');
    const pack = path.join(dir, 'signed.ayilpack');
    expect((await cli('build', makeSource(dir), '--key', key, '--out', pack)).code).toBe(0);

    const verify = await cli('verify', pack, '--trust', pub);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(new RegExp(`Signature\\s+valid, key ${keyId} \\(Example Publisher\\), trusted`));
  });

  it('verify accepts a key list file such as trusted-keys.json among several --trust files', async () => {
    const dir = tempDir();
    const signer = await keygen(dir, 'Example Publisher');
    const other = await keygen(dir, 'Other Publisher');
    const list = path.join(dir, 'trusted-keys.json');
    fs.writeFileSync(list, JSON.stringify([JSON.parse(fs.readFileSync(signer.pub, 'utf8'))]));
    const pack = path.join(dir, 'signed.ayilpack');
    await cli('build', makeSource(dir), '--key', signer.key, '--out', pack);

    const verify = await cli('verify', pack, '--trust', other.pub, '--trust', list);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`valid, key ${signer.keyId}`);
  });

  it('verify fails (exit 1) when the pack is signed by a key that is not among the --trust keys', async () => {
    const dir = tempDir();
    const signer = await keygen(dir, 'Example Publisher');
    const other = await keygen(dir, 'Other Publisher');
    const pack = path.join(dir, 'signed.ayilpack');
    await cli('build', makeSource(dir), '--key', signer.key, '--out', pack);

    const verify = await cli('verify', pack, '--trust', other.pub);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`key ${signer.keyId}, not among the --trust keys`);
    expect(verify.stdout).toContain('FAILED');
  });

  it('verify reports an invalid signature (exit 1) when the manifest was changed after signing', async () => {
    const dir = tempDir();
    const { key, pub } = await keygen(dir, 'Example Publisher');
    const pack = path.join(dir, 'signed.ayilpack');
    await cli('build', makeSource(dir), '--key', key, '--out', pack);
    const forged = path.join(dir, 'forged.ayilpack');
    await rewritePack(pack, forged, (name, bytes) => (name === 'manifest.json' ? Buffer.from(bytes.toString('utf8').replace('CC-BY-4.0', 'CC0-1.0')) : bytes));

    const verify = await cli('verify', forged, '--trust', pub);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/Signature\s+INVALID/);
  });

  it('inspect prints the id, version, languages, lessons with competences, files and signing key', async () => {
    const dir = tempDir();
    const { keyId, key } = await keygen(dir, 'Example Publisher');
    const pack = path.join(dir, 'signed.ayilpack');
    await cli('build', makeSource(dir), '--key', key, '--out', pack);

    const inspect = await cli('inspect', pack);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/^id\s+org\.example\.safe-online$/m);
    expect(inspect.stdout).toMatch(/^version\s+1\.2\.3$/m);
    expect(inspect.stdout).toMatch(/^languages\s+ky, ru, en$/m);
    expect(inspect.stdout).toMatch(/^publisher\s+Example Publisher$/m);
    expect(inspect.stdout).toContain('ru: Staying safe online (ru)');
    expect(inspect.stdout).toMatch(/strong-passwords\s+Strong passwords\s+\[DigComp 4\.2 level 2\]/);
    expect(inspect.stdout).toMatch(/^files\s+4,/m);
    expect(inspect.stdout).toMatch(new RegExp(`^signature\\s+key ${keyId}$`, 'm'));
  });

  it('inspect --json prints the manifest with every file size and hash', async () => {
    const dir = tempDir();
    const pack = path.join(dir, 'unsigned.ayilpack');
    await cli('build', makeSource(dir), '--out', pack);

    const inspect = await cli('inspect', pack, '--json');
    expect(inspect.code).toBe(0);
    const manifest = JSON.parse(inspect.stdout) as { format: number; files: Array<{ path: string; size: number }> };
    expect(manifest.format).toBe(2);
    expect(manifest.files.map((f) => f.path)).toEqual(['clip.webm', 'icons/key.svg', 'intro.vtt', 'lock.png'].map((f) => `${LESSON_DIR}/${f}`));
    expect(manifest.files.find((f) => f.path === `${LESSON_DIR}/lock.png`)?.size).toBe(600);
  });

  it('verify fails (exit 1) naming the one content file that was altered, and still checks the others', async () => {
    const dir = tempDir();
    const { key, pub } = await keygen(dir, 'Example Publisher');
    const pack = path.join(dir, 'signed.ayilpack');
    await cli('build', makeSource(dir), '--key', key, '--out', pack);
    const altered = path.join(dir, 'altered.ayilpack');
    // Same size, different bytes: the manifest and its signature still match; only the hash tells.
    await rewritePack(pack, altered, (name, bytes) => (name === `files/${LESSON_DIR}/intro.vtt` ? Buffer.from(bytes.toString('utf8').replace('strong', 'STRONG')) : bytes));

    const verify = await cli('verify', altered, '--trust', pub);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`BAD files/${LESSON_DIR}/intro.vtt (hash differs)`);
    expect(verify.stdout).toContain(`OK  files/${LESSON_DIR}/lock.png`);
    expect(verify.stdout).toContain(`OK  files/${LESSON_DIR}/icons/key.svg`);
    expect(verify.stdout).toMatch(/Signature\s+valid/);
    expect(verify.stdout).toContain('FAILED: 1 of 4 files differ');
  });

  it('an unsigned pack verifies as unsigned: exit 0 without --trust, exit 1 with it', async () => {
    const dir = tempDir();
    const { pub } = await keygen(dir, 'Example Publisher');
    const build = await cli('build', makeSource(dir), '--out', `${dir}${path.sep}`);
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/signed\s+no/);
    const pack = path.join(dir, 'org.example.safe-online-1.2.3.ayilpack');

    const plain = await cli('verify', pack);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/Signature\s+none: the pack is unsigned/);

    const trusted = await cli('verify', pack, '--trust', pub);
    expect(trusted.code).toBe(1);
    expect(trusted.stdout).toMatch(/Signature\s+none: the pack is unsigned/);
  });

  it('sign replaces an unsigned pack with a signed one that verifies as valid', async () => {
    const dir = tempDir();
    const { keyId, key, pub } = await keygen(dir, 'Example Publisher');
    const pack = path.join(dir, 'pack.ayilpack');
    await cli('build', makeSource(dir), '--out', pack);

    const sign = await cli('sign', pack, '--key', key);
    expect(sign.code).toBe(0);
    expect(fs.readdirSync(dir).filter((name) => name.includes('pack.ayilpack'))).toEqual(['pack.ayilpack']);

    const verify = await cli('verify', pack, '--trust', pub);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`valid, key ${keyId}`);
    for (const file of CONTENT_FILES) expect(verify.stdout).toContain(`OK  ${file}`);
  });

  it('sign --out writes the signed pack elsewhere and leaves the input unsigned', async () => {
    const dir = tempDir();
    const { key, pub } = await keygen(dir, 'Example Publisher');
    const pack = path.join(dir, 'pack.ayilpack');
    const signed = path.join(dir, 'signed.ayilpack');
    await cli('build', makeSource(dir), '--out', pack);

    expect((await cli('sign', pack, '--key', key, '--out', signed)).code).toBe(0);
    expect((await cli('verify', signed, '--trust', pub)).code).toBe(0);
    expect((await cli('inspect', pack)).stdout).toMatch(/^signature\s+unsigned$/m);
  });

  it('sign refuses a pack whose content no longer matches its manifest, naming the file', async () => {
    const dir = tempDir();
    const { key } = await keygen(dir, 'Example Publisher');
    const pack = path.join(dir, 'pack.ayilpack');
    await cli('build', makeSource(dir), '--out', pack);
    const altered = path.join(dir, 'altered.ayilpack');
    await rewritePack(pack, altered, (name, bytes) => (name === `files/${LESSON_DIR}/lock.png` ? Buffer.alloc(bytes.length) : bytes));

    const sign = await cli('sign', altered, '--key', key);
    expect(sign.code).toBe(1);
    expect(sign.stderr).toContain(`pack.file_hash_mismatch {"file":"${LESSON_DIR}/lock.png"}`);
    expect((await cli('inspect', altered)).stdout).toMatch(/^signature\s+unsigned$/m);
  });

  it('verify prints the pack.* code and params of a structural failure, exit 1', async () => {
    const dir = tempDir();
    const pack = path.join(dir, 'pack.ayilpack');
    await cli('build', makeSource(dir), '--out', pack);
    const extra = path.join(dir, 'extra.ayilpack');
    await rewritePack(pack, extra, undefined, { 'files/extra.txt': Buffer.from('not in the manifest') });

    const verify = await cli('verify', extra);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain('pack.file_unlisted {"file":"extra.txt"}');
  });

  it('build refuses an invalid source, naming the file, the line, what is wrong and what to do, exit 1', async () => {
    const dir = tempDir();
    const source = makeSource(dir, '1.0');

    const build = await cli('build', source, '--out', dir);
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/source[\\/]pack\.yaml:2: error \[schema\] `version` is not written as it must be: .*What to do: .*versions are like 1\.2\.0/);
    expect(build.stderr).toContain('nothing was built');
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.ayilpack') || name.endsWith('.part'))).toEqual([]);
  });

  it('answers usage errors with exit 2 and the command help, and --help with exit 0', async () => {
    const missing = await cli('verify');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing <pack>');
    expect(missing.stderr).toContain('Usage: npm run pack -- verify');

    expect((await cli('verify', 'x.ayilpack', '--bogus')).code).toBe(2);
    expect((await cli('sign', 'x.ayilpack')).stderr).toContain('--key KEYFILE is required');
    expect((await cli('keygen')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli()).code).toBe(2);

    const help = await cli('build', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run pack -- build <source-dir>');
    const general = await cli('--help');
    expect(general.code).toBe(0);
    for (const command of ['keygen', 'build', 'sign', 'verify', 'inspect']) expect(general.stdout).toContain(`  ${command}`);
  });
});
