import { NumfeatError, assertInteger } from '@numfeat/tensor/core';

/** A seeded pseudo-random source. Every random choice in this package goes through one. */
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

/**
 * mulberry32: 32-bit state, fast, good enough for data generation (not for cryptography).
 * The seed is mixed through splitmix-style hashing so that nearby seeds give unrelated streams.
 */
export function createRng(seed: number): Rng {
  assertSeed(seed);
  let state = hash32(seed >>> 0) ^ hash32(Math.floor(seed / 2 ** 32) + 0x9e3779b9);
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** A 32-bit integer hash (murmur3 finaliser); used for seed mixing and for hash-based splits. */
export function hash32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Derive an independent child seed (e.g. one per epoch or per component). */
export function deriveSeed(seed: number, salt: number): number {
  return hash32(hash32(seed >>> 0) ^ Math.imul(salt + 1, 0x9e3779b1));
}

export function assertSeed(seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > Number.MAX_SAFE_INTEGER) {
    throw new NumfeatError('BAD_ARGUMENT', `seed must be a non-negative integer, got ${String(seed)}`, {
      fix: 'pass an explicit integer seed such as { seed: 0 }',
    });
  }
  return seed;
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T>(items: T[] | Int32Array | Uint32Array, rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
}

/**
 * Walker alias table: O(1) draws from a fixed discrete distribution (the number prior is sampled
 * millions of times per corpus, so a linear scan would dominate generation time).
 */
export class AliasSampler {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  readonly size: number;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    assertInteger(n, 'weights.length', 1);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!Number.isFinite(w) || w < 0) {
        throw new NumfeatError('BAD_RANGE', `weight ${i} is ${w}`, { fix: 'weights must be finite and ≥ 0' });
      }
      total += w;
    }
    if (total <= 0) throw new NumfeatError('BAD_RANGE', 'all weights are zero', { fix: 'give at least one positive weight' });
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = Array.from({ length: n }, (_, i) => (weights[i] * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length && large.length) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) {
      this.prob[i] = 1;
      this.alias[i] = i;
    }
  }

  sample(rng: Rng): number {
    const i = rng.int(this.size);
    return rng.next() < this.prob[i] ? i : this.alias[i];
  }
}
