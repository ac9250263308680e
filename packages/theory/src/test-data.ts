// Test-only helpers (not exported from index.ts): seeded random embeddings for property tests.
import { gaussian, mulberry32 } from '@numfeat/core';

/**
 * N × d embeddings: anisotropic Gaussian noise plus a per-residue offset and a mean shift, so
 * Tr(S_B) > 0, S_W is well away from singular when N − T ≥ d, and cond(S_W) ≠ 1.
 */
export function randomEmbeddings(seed: number, N: number, d: number, T: number, signal = 1): number[][] {
  const rand = mulberry32(seed);
  const gauss = gaussian(rand);
  const offsets = Array.from({ length: T }, () => Array.from({ length: d }, () => signal * gauss()));
  const scales = Array.from({ length: d }, (_, j) => 0.2 + 3 * rand() * (j + 1));
  const shift = Array.from({ length: d }, () => 10 * gauss());
  return Array.from({ length: N }, (_, n) => Array.from({ length: d }, (_, j) => shift[j] + offsets[n % T][j] + scales[j] * gauss()));
}
