// Imports one pack in a fresh process and prints how long it took and the process's peak memory.
// Usage: import-worker <data-dir> <trusted-keys.json> <pack-file>
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../core/db/open';
import { PackInstaller } from '../core/packs/installer';
import { PublicKeyEntrySchema } from '../core/packs/signing';
import { TrustStore } from '../core/packs/trust';

const [dataDir, keysFile, packFile] = process.argv.slice(2) as [string, string, string];
const db = openDatabase(path.join(dataDir, 'ayil.db'));
const keys = PublicKeyEntrySchema.array().parse(JSON.parse(fs.readFileSync(keysFile, 'utf8')));
const installer = new PackInstaller(db, path.join(dataDir, 'packs'), new TrustStore(db, keys, () => new Date()), () => new Date());
const start = performance.now();
await installer.install(packFile);
const ms = performance.now() - start;
db.close();
console.log(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS }));
