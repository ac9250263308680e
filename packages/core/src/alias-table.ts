// Walker/Vose alias table: O(1) draws from a fixed discrete distribution. The project's one
// construction: data-gen's number prior (AliasSampler) and word2vec's negative sampling use it.
import { NumfeatError } from './errors.js';
import { assertInteger } from './validate.js';

export interface AliasTable {
  /** Bucket i keeps its own index when the draw's fraction is below prob[i], else takes alias[i]. */
  prob: Float64Array;
  alias: Int32Array;
}

/** The alias table of `weights` (finite, ≥ 0, not all 0; unnormalised). */
export function aliasTable(weights: ArrayLike<number>): AliasTable {
  const n = weights.length;
  assertInteger(n, 'weights.length', 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!Number.isFinite(w) || w < 0) throw new NumfeatError('BAD_RANGE', `weight ${i} is ${w}`, { fix: 'weights must be finite and ≥ 0' });
    total += w;
  }
  if (total <= 0) throw new NumfeatError('BAD_RANGE', 'all weights are zero', { fix: 'give at least one positive weight' });
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = Array.from({ length: n }, (_, i) => (weights[i]! * n) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l]! < 1 ? small : large).push(l);
  }
  // What is left is 1 up to rounding.
  for (const i of [...small, ...large]) {
    prob[i] = 1;
    alias[i] = i;
  }
  return { prob, alias };
}
