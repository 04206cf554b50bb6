// Builds the packs that ship with the app (content-packs/<folder>/) into signed dist/packs/*.ayilpack,
// and writes dist/packs/trusted-keys.json: the keys the app trusts out of the box.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackInto, generatePublisherKey, type PublicKeyEntry, publicKeyEntryOf, readPrivateKey, readPublicKeys, writeKeyFiles } from '../core';
import { formatProblem, SourceError } from '../authoring/problems';
import { loadPackSourceForBuild } from '../authoring/source/load-source';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES_DIR = path.join(ROOT, 'content-packs');
const PUBLISHERS_FILE = path.join(SOURCES_DIR, 'publishers.json');
const KEYS_DIR = path.join(ROOT, 'build', 'keys');
const KEY_NAME = 'bundled-packs';
// Shown to administrators beside the key in Settings: it says what the key is, without jargon.
const PUBLISHER = 'Ayil digital-skills programme (built into the app)';
const OUT_DIR = path.join(ROOT, 'dist', 'packs');

/**
 * The key that signs the bundled packs. It is made on first build and kept out of git
 * (build/keys/ is ignored): the app trusts whichever key built it, as trusted-keys.json says.
 */
function bundledKey(): { privateKeyPem: string; publicKey: PublicKeyEntry } {
  const keyFile = path.join(KEYS_DIR, KEY_NAME + '.key');
  if (!fs.existsSync(keyFile)) {
    writeKeyFiles(KEYS_DIR, generatePublisherKey(PUBLISHER), KEY_NAME);
    console.log(`build-packs: made a new signing key in ${path.relative(ROOT, keyFile)}`);
  }
  const privateKeyPem = readPrivateKey(keyFile);
  // Derived from the private key rather than read from the .pub.json, so they cannot disagree.
  return { privateKeyPem, publicKey: publicKeyEntryOf(privateKeyPem, PUBLISHER) };
}

const key = bundledKey();
// dist/packs is this script's alone: start empty so no pack of an older version lingers.
fs.rmSync(OUT_DIR, { recursive: true, force: true });
fs.mkdirSync(OUT_DIR, { recursive: true });

const sources = fs
  .readdirSync(SOURCES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(SOURCES_DIR, entry.name, 'pack.yaml')))
  .map((entry) => entry.name)
  .sort();
for (const name of sources) {
  let input;
  try {
    input = loadPackSourceForBuild(path.join(SOURCES_DIR, name)).input;
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    for (const problem of error.problems) console.error(formatProblem(problem, ROOT));
    console.error(`build-packs: ${name} has ${error.problems.length} problem(s); see docs/authoring.md`);
    process.exit(1);
  }
  const result = await buildPackInto(input, OUT_DIR, key.privateKeyPem);
  console.log(`build-packs: ${name} → ${path.relative(ROOT, result.file)}`);
}

// The bundled key, then the programme's real publisher keys; one entry per key id.
const trusted = new Map<string, PublicKeyEntry>();
for (const entry of [key.publicKey, ...(fs.existsSync(PUBLISHERS_FILE) ? readPublicKeys(PUBLISHERS_FILE) : [])]) {
  if (!trusted.has(entry.keyId)) trusted.set(entry.keyId, entry);
}
fs.writeFileSync(path.join(OUT_DIR, 'trusted-keys.json'), `${JSON.stringify([...trusted.values()], null, 2)}\n`);
console.log(`build-packs: ${sources.length} pack(s), ${trusted.size} trusted key(s)`);
