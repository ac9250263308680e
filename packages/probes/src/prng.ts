import { mulberry32 } from '@numfeat/core';

/**
 * The probes' seeded stream: numfeat's mulberry32 with the seed xor-mixed so that seeds 0, 1, 2 …
 * start far apart. Splits and folds depend on this exact stream (fixtures reproduce it in Python).
 */
export function probeRandom(seed: number): () => number {
  return mulberry32((seed >>> 0) ^ 0x9e3779b9);
}
