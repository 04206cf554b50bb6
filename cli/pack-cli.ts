// The pack CLI: a thin layer over core/packs and authoring/ for publishers, content writers and
// translators. Its output is English and not translated: it is a publisher's tool, not the learner interface.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LanguageSchema } from '../core/contract';
import {
  AppError,
  buildPack,
  buildPackInto,
  type BuildResult,
  checkEachFile,
  checkSignature,
  FILES_PREFIX,
  generatePublisherKey,
  type Manifest,
  type OpenedPack,
  openPack,
  type PublicKeyEntry,
  publicKeyEntryOf,
  readPrivateKey,
  readPublicKeys,
  type SignatureStatus,
  signPackFile,
  writeKeyFiles,
} from '../core';
import { formatProblem, SourceError } from '../authoring/problems';
import { loadPackSourceForBuild } from '../authoring/source/load-source';
import { lintCommand, narrateCommand, narrateInterfaceCommand, statsCommand, translateExport, translateImport } from './authoring-commands';

export interface CliOutput {
  log(s: string): void;
  error(s: string): void;
}

/** 0: all good; 1: the work failed (bad pack, bad key, missing file); 2: the command line was wrong. */
const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

const RUN = 'npm run pack --';

class UsageError extends Error {}

interface Command {
  summary: string;
  help: string;
  run(args: string[], out: CliOutput): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  keygen: {
    summary: 'make a publisher signing key',
    help: `Usage: ${RUN} keygen --publisher "Name" [--out DIR]

Makes an Ed25519 signing key and writes two files into DIR (default: the current folder):
  <keyId>.key        the private key (PKCS#8 PEM, readable by you only): keep it secret and backed up
  <keyId>.pub.json   the public key: give it to the programme so kiosks trust packs you sign`,
    run: keygen,
  },
  build: {
    summary: 'build a pack from its source folder, signed with --key',
    help: `Usage: ${RUN} build <source-dir> [--key KEYFILE] [--out FILE-or-DIR]

Builds a pack from its source folder (pack.yaml, a folder per course, a folder per lesson with its
lesson.yaml and files; see docs/authoring.md). The manifest is generated: the sizes and SHA-256
hashes of the files the lessons use, and their narration, are added to it. With --key the pack is
signed. Any problem stops the build and is named with its file and line.
--out names the pack file, or a folder to put <id>-<version>.ayilpack in (default: the current folder).`,
    run: build,
  },
  lint: {
    summary: 'check pack sources: translations, ids, files, alt text, sentences, glossary, forms, narration',
    help: `Usage: ${RUN} lint [<source-dir> ...] [--previous PACK ...] [--strict] [--json] [--glossary FILE]

Checks pack sources (default: every pack folder in content-packs/) and prints each problem as
file:line: severity [rule] what is wrong. What to do.
  --previous PACK   the last published pack file: none of its course, lesson or step ids may go
  --strict          warnings (narration missing or out of date, unused files) count as errors
  --json            machine-readable output: { errors, warnings, problems: [{ rule, severity, file, line, message, fix }] }
  --glossary FILE   the glossary (default: content-packs/glossary.yaml)
Exit code 0 when there is no error, 1 when there is one, 2 when the command line is wrong.`,
    run: (args, out) => {
      const { values, positionals } = parseSome(args, { previous: { type: 'string', multiple: true }, strict: { type: 'boolean' }, json: { type: 'boolean' }, glossary: { type: 'string' } });
      return lintCommand(positionals, values, out);
    },
  },
  stats: {
    summary: 'count courses, lessons, steps, interactive steps, narration and size of packs',
    help: `Usage: ${RUN} stats [<source-dir or pack> ...] [--json]

Per pack and in total: courses, lessons, steps, the share of interactive steps, the share of steps
that can be heard in each language, and the pack file's size. Sources (default: every pack folder
in content-packs/) are built unsigned into a temporary folder to measure them.`,
    run: (args, out) => {
      const { values, positionals } = parseSome(args, { json: { type: 'boolean' } });
      return statsCommand(positionals, values, out);
    },
  },
  narrate: {
    summary: 'make the spoken narration of every text with espeak-ng (content writers only)',
    help: `Usage: ${RUN} narrate [<source-dir> ...] [--lang LANG ...] [--force] [--accept-recordings]

Speaks every step's text, each question with its answers and each explanation, in each language of
the pack, with espeak-ng, and keeps it as Ogg Opus in the lesson's narration/ folder. Only texts
that changed since are spoken again (--force: all). A person's recording (marked "recording" in
narration/narration.json) is never replaced; --accept-recordings marks recordings as matching the
texts as they are now. Needs espeak-ng and ffmpeg (Debian/Ubuntu: apt-get install espeak-ng ffmpeg).
The files are committed: the app's build and its tests never synthesise speech.`,
    run: (args, out) => {
      const { values, positionals } = parseSome(args, { lang: { type: 'string', multiple: true }, force: { type: 'boolean' }, 'accept-recordings': { type: 'boolean' } });
      return narrateCommand(positionals, { lang: values.lang, force: values.force, acceptRecordings: values['accept-recordings'] }, out);
    },
  },
  'narrate-interface': {
    summary: "speak the interface's own texts with espeak-ng, for learners who cannot read them",
    help: `Usage: ${RUN} narrate-interface [--lang LANG ...] [--force] [--accept-recordings] [--check]

Speaks, in ky, ru and en, every interface text listed in renderer/src/narration/spoken-keys.json
(the texts the screens' "Listen" buttons play: the picker, the new profile, the questions, the
lesson's instructions and feedback…), from the catalogues in renderer/src/i18n/locales, with
espeak-ng, into renderer/public/narration/<lang>/<key>.ogg (Ogg Opus, mono, 16 kbit/s). Only texts
that changed since are spoken again (--force: all); a person's recording (voice "recording" in
renderer/public/narration/narration.json) is never replaced. --check only says which recordings
are missing or say an older text (exit code 1 if any). The files are committed: the app's build
and its tests never synthesise speech. Needs espeak-ng and ffmpeg.`,
    run: (args, out) => {
      const { values } = parseSome(args, { lang: { type: 'string', multiple: true }, force: { type: 'boolean' }, check: { type: 'boolean' }, 'accept-recordings': { type: 'boolean' } });
      return narrateInterfaceCommand({ lang: values.lang, force: values.force, check: values.check, acceptRecordings: values['accept-recordings'] }, out);
    },
  },
  translate: {
    summary: 'export texts of one language to a PO file for translators, and import it back',
    help: `Usage: ${RUN} translate export --to LANG [--from LANG] --out FILE.po [<path> ...]
       ${RUN} translate import FILE.po [--to LANG] [--from LANG]

export writes every text of the interface catalogues and the pack sources (default: renderer and
collector catalogues and content-packs/) into a gettext PO file that Poedit, Weblate or OmegaT open:
the text in --from (default en) to translate, the current --to text (empty when missing), the other
language as a note, and the glossary's word for each term it uses.
import puts the translations back into the catalogues and lesson files and changes nothing else;
texts whose original changed since the export are not applied and are listed.`,
    run: async (args, out) => {
      const [action, ...rest] = args;
      if (action === 'export') {
        const { values, positionals } = parseSome(rest, { to: { type: 'string' }, from: { type: 'string' }, out: { type: 'string' }, root: { type: 'string' } });
        if (!values.to || !values.out) throw new UsageError('export needs --to LANG and --out FILE.po.');
        return translateExport(positionals, { to: LanguageSchema.parse(values.to), from: LanguageSchema.parse(values.from ?? 'en'), out: values.out, root: values.root }, out);
      }
      if (action === 'import') {
        const { values, positionals } = parseSome(rest, { to: { type: 'string' }, from: { type: 'string' }, root: { type: 'string' } });
        if (positionals.length !== 1) throw new UsageError('import needs one FILE.po.');
        return translateImport(positionals[0]!, { to: values.to ? LanguageSchema.parse(values.to) : undefined, from: values.from ? LanguageSchema.parse(values.from) : undefined, root: values.root }, out);
      }
      throw new UsageError('Say "export" or "import".');
    },
  },
  sign: {
    summary: 'sign (or re-sign) a pack',
    help: `Usage: ${RUN} sign <pack> --key KEYFILE [--out FILE]

Checks the pack's files against its manifest, then signs the manifest with KEYFILE.
Without --out the pack is replaced by the signed one (only once the signed copy is complete).`,
    run: sign,
  },
  verify: {
    summary: 'check a pack: structure, every file, the signature',
    help: `Usage: ${RUN} verify <pack> [--trust PUBFILE ...]

Checks the pack's structure, every file's size and SHA-256, and its signature. PUBFILE is a
<keyId>.pub.json or a JSON array of keys (such as dist/packs/trusted-keys.json); repeat --trust
for several. A signature can only be checked with its key's public half, so give --trust to check it.
Exit code 0 when everything is good (and, with --trust, the pack is signed by one of those keys),
1 when anything fails, 2 when the command line is wrong.`,
    run: verify,
  },
  inspect: {
    summary: "show a pack's contents",
    help: `Usage: ${RUN} inspect <pack> [--json]

Shows the pack's id, version, languages, titles, publisher, licence, minimum app version, courses
and lessons, files and signature key. --json prints the manifest itself.`,
    run: inspect,
  },
};

const GENERAL_HELP = `Usage: ${RUN} <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(19)}${command.summary}`)
  .join('\n')}

Run "${RUN} <command> --help" for a command's options. The format is described in docs/pack-format.md.`;

/**
 * Runs one pack CLI command. `argv` is the arguments after the script name; returns the exit code.
 * Expected failures (AppError, file system errors) are printed; anything else is a bug and thrown.
 */
export async function runPackCli(argv: string[], out: CliOutput): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    out.error(GENERAL_HELP);
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    out.log(commandNamed(args[0])?.help ?? GENERAL_HELP);
    return EXIT_OK;
  }
  const command = commandNamed(name);
  if (!command) {
    out.error(`Unknown command "${name}".\n\n${GENERAL_HELP}`);
    return EXIT_USAGE;
  }
  if (args.includes('--help') || args.includes('-h')) {
    out.log(command.help);
    return EXIT_OK;
  }
  try {
    return await command.run(args, out);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      out.error(`${(error as Error).message}\n\n${command.help}`);
      return EXIT_USAGE;
    }
    if (error instanceof AppError) {
      out.error(`Error: ${describeAppError(error)}`);
      return EXIT_FAILED;
    }
    if (error instanceof SourceError) {
      for (const problem of error.problems) out.error(formatProblem(problem));
      out.error(`${error.problems.length} problem(s): nothing was built`);
      return EXIT_FAILED;
    }
    if (isFileSystemError(error)) {
      out.error(`Error: ${error.message}`);
      return EXIT_FAILED;
    }
    throw error;
  }
}

function commandNamed(name: string | undefined): Command | undefined {
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

async function keygen(args: string[], out: CliOutput): Promise<number> {
  const { values } = parse(args, { publisher: { type: 'string' }, out: { type: 'string' } }, []);
  const publisher = values.publisher?.trim();
  if (!publisher) throw new UsageError('--publisher "Name" is required.');
  const pair = generatePublisherKey(publisher);
  const files = writeKeyFiles(path.resolve(values.out ?? '.'), pair);
  out.log(`Key id       ${pair.publicKey.keyId}`);
  out.log(`Publisher    ${publisher}`);
  out.log(`Private key  ${files.privateKeyFile}   keep it secret and backed up: it signs packs in your name`);
  out.log(`Public key   ${files.publicKeyFile}   give it to the programme so kiosks trust your packs`);
  return EXIT_OK;
}

async function build(args: string[], out: CliOutput): Promise<number> {
  const { values, positionals } = parse(args, { key: { type: 'string' }, out: { type: 'string' } }, ['<source-dir>']);
  const input = loadPackSourceForBuild(path.resolve(positionals[0]!)).input;
  const privateKeyPem = values.key === undefined ? undefined : readPrivateKey(values.key);
  const target = path.resolve(values.out ?? '.');
  const result: BuildResult = isFolderTarget(values.out, target) ? await buildPackInto(input, target, privateKeyPem) : await buildPack(input, target, privateKeyPem);
  const contentBytes = result.manifest.files.reduce((sum, f) => sum + f.size, 0);
  out.log(`Built        ${result.file}`);
  out.log(`id           ${result.manifest.id}`);
  out.log(`version      ${result.manifest.version}`);
  out.log(`files        ${result.manifest.files.length}, ${formatSize(contentBytes)} uncompressed`);
  out.log(`size         ${formatSize(fs.statSync(result.file).size)}`);
  out.log(`signed       ${privateKeyPem ? `yes, key ${publicKeyEntryOf(privateKeyPem, '-').keyId}` : 'no (kiosks install unsigned packs only by an administrator, after a warning)'}`);
  return EXIT_OK;
}

async function sign(args: string[], out: CliOutput): Promise<number> {
  const { values, positionals } = parse(args, { key: { type: 'string' }, out: { type: 'string' } }, ['<pack>']);
  if (values.key === undefined) throw new UsageError('--key KEYFILE is required.');
  const packFile = path.resolve(positionals[0]!);
  const privateKeyPem = readPrivateKey(values.key);
  const outFile = values.out === undefined ? packFile : path.resolve(values.out);
  await signPackFile(packFile, privateKeyPem, outFile);
  out.log(`Signed       ${outFile}`);
  out.log(`key          ${publicKeyEntryOf(privateKeyPem, '-').keyId}`);
  return EXIT_OK;
}

async function verify(args: string[], out: CliOutput): Promise<number> {
  const { values, positionals } = parse(args, { trust: { type: 'string', multiple: true } }, ['<pack>']);
  const trustFiles = values.trust ?? [];
  const keys: PublicKeyEntry[] = trustFiles.flatMap((file) => readPublicKeys(file));
  const pack = await openPack(path.resolve(positionals[0]!));
  try {
    out.log(`Pack         ${pack.manifest.id} ${pack.manifest.version} (${pack.file})`);
    let bad = 0;
    for await (const check of checkEachFile(pack)) {
      if (check.ok) out.log(`OK  ${FILES_PREFIX}${check.path}`);
      else {
        bad += 1;
        out.log(`BAD ${FILES_PREFIX}${check.path} (${check.problem === 'size' ? 'size differs' : 'hash differs'})`);
      }
    }
    const status = checkSignature(pack, keys);
    const signature = describeSignature(status, trustFiles.length > 0);
    out.log(`Signature    ${signature.text}`);
    const failures = [bad > 0 ? `${bad} of ${pack.manifest.files.length} files differ from the manifest` : null, signature.ok ? null : 'signature'].filter(
      (f): f is string => f !== null,
    );
    if (failures.length === 0) {
      out.log(`Result       good`);
      return EXIT_OK;
    }
    out.log(`Result       FAILED: ${failures.join('; ')}`);
    return EXIT_FAILED;
  } finally {
    pack.close();
  }
}

/** What the signature means, and whether it passes: with --trust the pack must be signed by one of those keys. */
function describeSignature(status: SignatureStatus, trustGiven: boolean): { text: string; ok: boolean } {
  switch (status.kind) {
    case 'unsigned':
      return trustGiven ? { text: 'none: the pack is unsigned, so it is not signed by a trusted key', ok: false } : { text: 'none: the pack is unsigned', ok: true };
    case 'valid':
      return { text: `valid, key ${status.keyId} (${status.publisher}), trusted: among the --trust keys`, ok: true };
    case 'invalid':
      return { text: `INVALID for key ${status.keyId} (${status.publisher}): the manifest was changed after signing`, ok: false };
    case 'unknown-key':
      return trustGiven
        ? { text: `key ${status.keyId}, not among the --trust keys: not trusted (and cannot be checked without its public key)`, ok: false }
        : { text: `key ${status.keyId}, not checked: give its public key with --trust to check it`, ok: true };
  }
}

async function inspect(args: string[], out: CliOutput): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, ['<pack>']);
  const pack = await openPack(path.resolve(positionals[0]!));
  try {
    if (values.json) out.log(pack.manifestBytes.toString('utf8').trimEnd());
    else for (const line of describePack(pack)) out.log(line);
    return EXIT_OK;
  } finally {
    pack.close();
  }
}

function describePack(pack: OpenedPack): string[] {
  const m = pack.manifest;
  const contentBytes = m.files.reduce((sum, f) => sum + f.size, 0);
  const titles = m.languages.filter((language) => m.title[language] !== undefined).map((language) => `${language}: ${m.title[language]}`);
  const lines = [
    `id                ${m.id}`,
    `version           ${m.version}`,
    `default language  ${m.defaultLanguage}`,
    `languages         ${m.languages.join(', ')}`,
    ...titles.map((title, i) => `${i === 0 ? 'title' : ''}`.padEnd(18) + title),
    `publisher         ${m.publisher}`,
    `licence           ${m.licence}`,
    `min app version   ${m.minAppVersion}`,
    `files             ${m.files.length}, ${formatSize(contentBytes)} uncompressed; pack file ${formatSize(pack.fileSize)}`,
    `signature         ${pack.signature ? `key ${pack.signature.keyId}` : 'unsigned'}`,
    `courses`,
  ];
  for (const course of m.courses) {
    lines.push(`  ${course.id}  ${textIn(course.title, m)}`);
    for (const lesson of course.lessons) {
      const competences = lesson.competences.map((c) => `${c.code} level ${c.level}`).join(', ');
      lines.push(`    ${lesson.id}  ${textIn(lesson.title, m)}${competences ? `  [DigComp ${competences}]` : ''}`);
    }
  }
  return lines;
}

/** A text in the pack's default language, or in the first language that has it. */
function textIn(text: Manifest['title'], manifest: Manifest): string {
  return text[manifest.defaultLanguage] ?? manifest.languages.map((l) => text[l]).find((t) => t !== undefined) ?? '';
}

/** parseArgs with strict options and exactly the positionals named in `expected`. */
function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, expected: string[]) {
  const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  const missing = expected[parsed.positionals.length];
  if (missing !== undefined) throw new UsageError(`Missing ${missing}.`);
  if (parsed.positionals.length > expected.length) throw new UsageError(`Unexpected argument "${parsed.positionals[expected.length]}".`);
  return parsed;
}

/** parseArgs with strict options and any number of positionals. */
function parseSome<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}

/** `--out` names a folder when it is one already, or ends with a separator. */
function isFolderTarget(raw: string | undefined, resolved: string): boolean {
  if (raw === undefined || raw.endsWith('/') || raw.endsWith(path.sep)) return true;
  return fs.existsSync(resolved) && fs.statSync(resolved).isDirectory();
}

function describeAppError(error: AppError): string {
  const params = Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : '';
  return `${error.code}${params}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]} (${bytes} bytes)`;
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && String((error as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS');
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
