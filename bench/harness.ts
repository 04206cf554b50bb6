import { performance } from 'node:perf_hooks';

export interface Comparison {
  name: string;
  /** What the product does. */
  subject: () => unknown | Promise<unknown>;
  /** The same work done bare, measured in the same run on the same machine. */
  baseline: () => unknown | Promise<unknown>;
  iterations: number;
  /** The ratio subject/baseline the project aims to stay under. */
  target: number;
}

async function time(fn: () => unknown | Promise<unknown>, iterations: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return (performance.now() - start) / iterations;
}

/** Runs baseline and subject alternately (warm-up first) and prints per-op times and their ratio. */
export async function compare(c: Comparison): Promise<{ ratio: number; withinTarget: boolean }> {
  await time(c.baseline, Math.ceil(c.iterations / 10));
  await time(c.subject, Math.ceil(c.iterations / 10));
  let base = 0;
  let subject = 0;
  for (let round = 0; round < 3; round++) {
    base += await time(c.baseline, c.iterations);
    subject += await time(c.subject, c.iterations);
  }
  const ratio = subject / base;
  const withinTarget = ratio <= c.target;
  console.log(
    `${c.name}: ${(subject / 3).toFixed(3)} ms/op vs bare ${(base / 3).toFixed(3)} ms/op — ratio ${ratio.toFixed(2)}× (target ≤ ${c.target}×) ${withinTarget ? 'OK' : 'OVER TARGET'}`,
  );
  return { ratio, withinTarget };
}
