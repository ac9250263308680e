import { aliasTable } from '@numfeat/core';

/**
 * Walker/Vose alias table: O(1) sampling from a discrete distribution with one uniform draw
 * (bucket = ⌊u·n⌋, accept the bucket's own word when the fractional part < prob, else its alias).
 * It replaces word2vec.c's 10^8-entry unigram table (400 MB) with 2·n numbers, exactly. The table
 * itself is tensor/core's aliasTable; this maps its buckets to word ids.
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
  const { prob, alias: aliasIdx } = aliasTable(weights);
  const alias = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) alias[i] = words[aliasIdx[i]!]!;
  return { prob, bucketWord: Int32Array.from(words), alias };
}
