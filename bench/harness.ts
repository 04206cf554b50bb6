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

/** One figure of the benchmark, judged against its target. */
export interface Figure {
  name: string;
  /** The figure as measured, in words and units (e.g. "1.12× (0.61 vs 0.54 ms/op; rounds 1.05–1.20×)"). */
  measured: string;
  target: string;
  pass: boolean;
}

const figures: Figure[] = [];

/** Prints a figure with its target and PASS or FAIL, and keeps it for the summary. */
export function report(figure: Figure): void {
  figures.push(figure);
  console.log(`${figure.pass ? 'PASS' : 'FAIL'}  ${figure.name}: ${figure.measured} — target ${figure.target}`);
}

/** Every figure of the run again, one line each, and how many met their target. */
export function printSummary(): void {
  console.log('\nSummary');
  for (const f of figures) console.log(`${f.pass ? 'PASS' : 'FAIL'}  ${f.name}: ${f.measured} (target ${f.target})`);
  console.log(`${figures.filter((f) => f.pass).length} of ${figures.length} figures within target`);
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const spread = (xs: readonly number[], digits = 2): string => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;

async function time(fn: () => unknown | Promise<unknown>, iterations: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return (performance.now() - start) / iterations;
}

const ROUNDS = 5;

/**
 * Runs baseline and subject alternately (warm-up first), in short rounds so that both see the
 * same machine (it is shared and its disk is noisy), and reports the median round's ratio with
 * the spread over the rounds.
 */
export async function compare(c: Comparison): Promise<{ ratio: number; withinTarget: boolean }> {
  await time(c.baseline, Math.ceil(c.iterations / 10));
  await time(c.subject, Math.ceil(c.iterations / 10));
  const bases: number[] = [];
  const subjects: number[] = [];
  const perRound = Math.ceil(c.iterations / ROUNDS);
  for (let round = 0; round < ROUNDS * 3; round++) {
    // Which side goes first alternates too, so neither always meets the other's leftovers.
    if (round % 2 === 0) {
      bases.push(await time(c.baseline, perRound));
      subjects.push(await time(c.subject, perRound));
    } else {
      subjects.push(await time(c.subject, perRound));
      bases.push(await time(c.baseline, perRound));
    }
  }
  const ratios = subjects.map((s, i) => s / bases[i]!);
  const ratio = median(ratios);
  const withinTarget = ratio <= c.target;
  report({
    name: c.name,
    measured: `${ratio.toFixed(2)}× (${median(subjects).toFixed(3)} vs bare ${median(bases).toFixed(3)} ms/op; ${ratios.length} rounds ${spread(ratios)}×)`,
    target: `≤ ${c.target}×`,
    pass: withinTarget,
  });
  return { ratio, withinTarget };
}
