/**
 * Walker/Vose alias table: O(1) sampling from a discrete distribution with one uniform draw
 * (bucket = ⌊u·n⌋, accept the bucket's own word when the fractional part < prob, else its alias).
 * It replaces word2vec.c's 10^8-entry unigram table (400 MB) with 2·n numbers, exactly.
 */
export interface AliasTable {
  /** Accept threshold per bucket. */
  prob: Float64Array;
  /** The bucket's own word id. */
  bucketWord: Int32Array;
  /** The word drawn when the threshold rejects. */
  alias: Int32Array;
}

/** `weights[i]` is the (unnormalised) probability of word `words[i]`; all weights must be > 0. */
export function buildAliasTable(words: Int32Array, weights: Float64Array): AliasTable {
  const n = words.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) scaled[i] = (weights[i] * n) / total;
  const prob = new Float64Array(n);
  const aliasIdx = new Int32Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) (scaled[i] < 1 ? small : large).push(i);
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large[large.length - 1];
    prob[s] = scaled[s];
    aliasIdx[s] = l;
    scaled[l] -= 1 - scaled[s];
    if (scaled[l] < 1) {
      large.pop();
      small.push(l);
    }
  }
  // Leftovers are 1 up to rounding.
  for (const i of large) { prob[i] = 1; aliasIdx[i] = i; }
  for (const i of small) { prob[i] = 1; aliasIdx[i] = i; }
  const alias = new Int32Array(n);
  for (let i = 0; i < n; i++) alias[i] = words[aliasIdx[i]];
  return { prob, bucketWord: Int32Array.from(words), alias };
}
