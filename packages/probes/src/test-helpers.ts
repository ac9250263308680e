import { probeRandom } from './prng.js';

/** Standard normal draws from a seeded generator (Box–Muller), for test data only. */
export function gaussian(seed: number): () => number {
  const random = probeRandom(seed);
  return () => {
    let u = 0;
    while (u === 0) u = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

/** rows × cols matrix of N(0, sd²) noise as number[][]. */
export function noiseMatrix(rows: number, cols: number, seed: number, sd = 1): number[][] {
  const g = gaussian(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => sd * g()));
}
