import { NumfeatError, assertInteger, type Rng } from '@numfeat/tensor/core';

// The seeded generator itself lives in @numfeat/tensor/core; re-exported here for existing callers.
export { createRng, hash32, deriveSeed, assertSeed, shuffleInPlace, type Rng } from '@numfeat/tensor/core';

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
