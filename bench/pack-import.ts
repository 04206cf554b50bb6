import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildPack, packInputFromFolder } from '../core/packs/builder';
import { bundledManifest } from '../test/support/bundled-sources';
import { generatePublisherKey } from '../core/packs/signing';

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
    for (let round = 0; round < 3; round++) {
      bases.push(baseline());
      const result = importOnce(large);
      imports.push(result.ms);
      peakLarge = Math.max(peakLarge, result.maxRssKb);
    }
    const peakSmall = importOnce(small).maxRssKb;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(imports) / median(bases);
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    console.log(
      `import a ${mb(size)} MB pack: ${(median(imports) / 1000).toFixed(2)} s vs cp+sha256sum+sync ${(median(bases) / 1000).toFixed(2)} s — ratio ${ratio.toFixed(2)}× (target ≤ 1.25×) ${ratio <= 1.25 ? 'OK' : 'OVER TARGET'}`,
    );
    console.log(
      `peak memory of the importing process: ${(peakSmall / 1024).toFixed(0)} MB for a ${mb(fs.statSync(small).size)} MB pack, ${(peakLarge / 1024).toFixed(0)} MB for ${mb(size)} MB (target: flat) ${peakLarge < peakSmall * 1.2 + 8 * 1024 ? 'OK' : 'GROWS'}`,
    );
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
  const manifest = bundledManifest('kg.ayil.first-steps');
  // Only the text-only course: the bench's files are its own, not the bundled pack's assets.
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, id: 'kg.ayil.bench', courses: manifest.courses.slice(0, 1) }));
  const out = path.join(dir, 'bench.ayilpack');
  await buildPack(packInputFromFolder(dir), out, privateKeyPem);
  return out;
}
