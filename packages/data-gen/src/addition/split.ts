import { hash32 } from '../random.js';

/**
 * Deterministic split of an operand pair: the unordered pair {a, b} is hashed with the seed, so
 * a pair (and its mirror b + a) is always on the same side — no train/test leakage by commutation.
 */
export function pairHash(a: readonly number[], b: readonly number[], seed: number): number {
  const key = (xs: readonly number[]) => xs.reduce((h, x) => hash32(h ^ hash32(x + 0x27d4eb2d)), 0x165667b1);
  const ka = key(a);
  const kb = key(b);
  const [lo, hi] = ka <= kb ? [ka, kb] : [kb, ka];
  return hash32(hash32(lo ^ hash32(seed)) ^ Math.imul(hi, 0x9e3779b1)) / 4294967296;
}

export function isTestPair(a: readonly number[], b: readonly number[], seed: number, testFraction: number): boolean {
  return pairHash(a, b, seed) < testFraction;
}
