import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildPack, packInputFromFolder } from '../core/packs/builder';
import { generatePublisherKey } from '../core/packs/signing';
import { benchManifest } from './bench-kit';
import { median, report, spread } from './harness';

const ROUNDS = 5;
/** One pass that reads, hashes and writes should not be slower than copying and then hashing. */
const TARGET = 1.0;

/**
 * Importing a pack of mixed files (video, photos, text) against the same bytes copied and
 * SHA-256-hashed by the system's own tools (`cp`, `sha256sum`, `sync`), measured in the same run.
 * Also the importing process's peak memory for a pack a third of the size, which should not differ.
 */
export async function packImport(megabytes = Number(process.env.BENCH_PACK_MB ?? 300)) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-bench-import-'));
  try {
    const key = generatePublisherKey('Bench');
    const keys = path.join(root, 'keys.json');
    fs.writeFileSync(keys, JSON.stringify([key.publicKey]));
    const small = await makeMixedPack(path.join(root, 'small'), Math.round(megabytes / 3), key.privateKeyPem);
    const large = await makeMixedPack(path.join(root, 'large'), megabytes, key.privateKeyPem);
    const size = fs.statSync(large).size;

    const baseline = () => {
      const target = path.join(root, `copy-${randomBytes(4).toString('hex')}`);
      const start = performance.now();
      execFileSync('sh', ['-c', 'cp "$1" "$2" && sha256sum "$2" > /dev/null && sync "$2"', 'sh', large, target]);
      const ms = performance.now() - start;
      fs.rmSync(target);
      return ms;
    };
    const importOnce = (pack: string) => {
      const dataDir = fs.mkdtempSync(path.join(root, 'kiosk-'));
      const run = spawnSync(process.execPath, ['--import', 'tsx', path.resolve('bench/import-worker.ts'), dataDir, keys, pack], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(run.stderr);
      fs.rmSync(dataDir, { recursive: true, force: true });
      return JSON.parse(run.stdout.trim().split('\n').pop()!) as { ms: number; maxRssKb: number };
    };

    baseline(); // warm the page cache for both sides alike
    const bases: number[] = [];
    const imports: number[] = [];
    let peakLarge = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Which side goes first alternates, so neither always meets the other's writeback.
      let result: { ms: number; maxRssKb: number };
      if (round % 2 === 0) {
        bases.push(baseline());
        result = importOnce(large);
      } else {
        result = importOnce(large);
        bases.push(baseline());
      }
      imports.push(result.ms);
      peakLarge = Math.max(peakLarge, result.maxRssKb);
    }
    const peakSmall = importOnce(small).maxRssKb;
    const ratios = imports.map((ms, i) => ms / bases[i]!);
    const ratio = median(ratios);
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    report({
      name: `import a ${mb(size)} MB pack, against cp + sha256sum + sync of the same file`,
      measured: `${ratio.toFixed(2)}× (${(median(imports) / 1000).toFixed(2)} s vs ${(median(bases) / 1000).toFixed(2)} s; ${ROUNDS} rounds ${spread(ratios)}×)`,
      target: `≤ ${TARGET}×`,
      pass: ratio <= TARGET,
    });
    report({
      name: 'peak memory of the importing process',
      measured: `${(peakSmall / 1024).toFixed(0)} MB for a ${mb(fs.statSync(small).size)} MB pack, ${(peakLarge / 1024).toFixed(0)} MB for ${mb(size)} MB`,
      target: 'flat (the larger within 20% + 8 MB of the smaller)',
      pass: peakLarge < peakSmall * 1.2 + 8 * 1024,
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** A pack like real ones: mostly stored media (video, photos, audio), some deflated text. */
async function makeMixedPack(dir: string, megabytes: number, privateKeyPem: string): Promise<string> {
  const files = path.join(dir, 'files');
  fs.mkdirSync(path.join(files, 'video'), { recursive: true });
  fs.mkdirSync(path.join(files, 'images'), { recursive: true });
  fs.mkdirSync(path.join(files, 'audio'), { recursive: true });
  fs.mkdirSync(path.join(files, 'text'), { recursive: true });
  let left = megabytes * 1024 * 1024;
  const write = (name: string, bytes: number, text = false) => {
    const data = text ? Buffer.from('Коопсуз сырсөз — узун жана кайталанбаган. '.repeat(Math.ceil(bytes / 60))).subarray(0, bytes) : randomBytes(bytes);
    fs.writeFileSync(path.join(files, name), data);
    left -= bytes;
  };
  for (let i = 0; left > 0; i++) {
    write(`video/clip-${i}.mp4`, Math.min(left, 6 * 1024 * 1024));
    for (let j = 0; j < 6 && left > 0; j++) write(`images/photo-${i}-${j}.jpg`, Math.min(left, 300 * 1024));
    for (let j = 0; j < 3 && left > 0; j++) write(`audio/narration-${i}-${j}.mp3`, Math.min(left, 400 * 1024));
    for (let j = 0; j < 4 && left > 0; j++) write(`text/page-${i}-${j}.md`, Math.min(left, 20 * 1024), true);
  }
  // One text-only lesson: the bench's files are its own media, not any course's assets.
  const manifest = benchManifest('kg.ayil.bench', 'Mixed media of a realistic size');
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  const out = path.join(dir, 'bench.ayilpack');
  await buildPack(packInputFromFolder(dir), out, privateKeyPem);
  return out;
}
