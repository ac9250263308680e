import { NumfeatError } from './errors.js';

// The one seeded PRNG of numfeat. Every random choice (splits, corpora, initialisations, test data)
// goes through it, so a seed fully determines the numbers on every platform.

/** mulberry32 started from a raw 32-bit state: tiny, fast, uniform in [0, 1) (not cryptographic). */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller) from a uniform source. */
export function gaussian(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A seeded pseudo-random source with the draws numfeat's generators need. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** An Rng whose seed is hashed first, so nearby seeds (0, 1, 2, …) give unrelated streams. */
export function createRng(seed: number): Rng {
  assertSeed(seed);
  const next = mulberry32(hash32(seed >>> 0) ^ hash32(Math.floor(seed / 2 ** 32) + 0x9e3779b9));
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** A 32-bit integer hash (murmur3 finaliser); for seed mixing and hash-based splits. */
export function hash32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** An independent child seed (one per epoch, component, …). */
export function deriveSeed(seed: number, salt: number): number {
  return hash32(hash32(seed >>> 0) ^ Math.imul(salt + 1, 0x9e3779b1));
}

/** Throws BAD_ARGUMENT unless `seed` is a non-negative safe integer. */
export function assertSeed(seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > Number.MAX_SAFE_INTEGER) {
    throw new NumfeatError('BAD_ARGUMENT', `seed must be a non-negative integer, got ${String(seed)}`, {
      fix: 'pass an explicit integer seed such as { seed: 0 }',
    });
  }
  return seed;
}

/** Fisher–Yates shuffle in place, from an Rng or a plain uniform source. */
export function shuffleInPlace<T>(items: T[] | Int32Array | Uint32Array, random: Rng | (() => number)): void {
  const next = typeof random === 'function' ? random : random.next;
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
}
