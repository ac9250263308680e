import { aliasTable, type Rng } from '@numfeat/core';

// The seeded generator itself lives in @numfeat/core; re-exported here for existing callers.
export { createRng, hash32, deriveSeed, assertSeed, shuffleInPlace, type Rng } from '@numfeat/core';

/**
 * Draws from a fixed discrete distribution in O(1) (the number prior is sampled millions of times
 * per corpus, so a linear scan would dominate generation time); the table is tensor/core's aliasTable.
 */
export class AliasSampler {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  readonly size: number;

  constructor(weights: ArrayLike<number>) {
    ({ prob: this.prob, alias: this.alias } = aliasTable(weights));
    this.size = weights.length;
  }

  sample(rng: Rng): number {
    const i = rng.int(this.size);
    return rng.next() < this.prob[i] ? i : this.alias[i];
  }
}
