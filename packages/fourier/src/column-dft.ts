/**
 * DFT down the columns of a row-major N × d matrix (one transform per embedding dimension).
 *
 * Two real columns a, b are packed into one complex column z = a + i·b, so d real transforms cost
 * d/2 complex ones. Columns are processed in blocks small enough for the FFT's two buffers to stay in
 * cache; within a block the row-major layout means a row's block columns are contiguous, which is
 * exactly the batch layout the Stockham kernels want.
 */
import type { Matrix64 } from '@numfeat/tensor/core';
import { createWorkspace, fftBatch, type BatchWorkspace } from './stockham.js';

/** Complex columns per batch. 16 keeps 4 buffers of N = 1000 rows at 512 KB (an L2's worth). */
const BLOCK_COMPLEX = 16;

function blockWidth(n: number, cols: number): number {
  const byCache = Math.max(4, Math.floor(65536 / Math.max(1, n)));
  return Math.max(1, Math.min(BLOCK_COMPLEX, byCache, Math.ceil(cols / 2)));
}

/**
 * Loads real columns c0..c0+w−1 into the workspace as h = ⌈w/2⌉ complex columns (first half → real
 * parts, second half → imaginary parts; a missing partner is 0), transforms, and hands Z to `visit`.
 */
function forEachPackedBlock(
  m: Matrix64,
  visit: (zr: Float64Array, zi: Float64Array, V: number, c0: number, w: number, h: number) => void,
): void {
  const { data, rows: n, cols: d } = m;
  const V = blockWidth(n, d);
  const ws: BatchWorkspace = createWorkspace(n, V);
  const { re, im } = ws;
  for (let c0 = 0; c0 < d; c0 += 2 * V) {
    const w = Math.min(2 * V, d - c0);
    const h = Math.ceil(w / 2);
    const b = w - h;
    for (let j = 0; j < n; j++) {
      const src = j * d + c0;
      const dst = j * V;
      for (let c = 0; c < h; c++) re[dst + c] = data[src + c];
      for (let c = 0; c < b; c++) im[dst + c] = data[src + h + c];
      for (let c = b; c < V; c++) im[dst + c] = 0;
      for (let c = h; c < V; c++) re[dst + c] = 0;
    }
    const z = fftBatch(ws);
    visit(z.re, z.im, V, c0, w, h);
  }
}

/**
 * power[k] = Σ_dims |F_k|² for k = 0..⌊N/2⌋ with F = N^{-1/2}·DFT (the paper's normalisation).
 * For z = a + i·b: |A_k|² + |B_k|² = (|Z_k|² + |Z_{N−k}|²)/2, so no unpacking is needed.
 */
export function columnPowerSpectrum(m: Matrix64): Float64Array {
  const n = m.rows;
  const half = Math.floor(n / 2);
  const power = new Float64Array(half + 1);
  forEachPackedBlock(m, (zr, zi, V, _c0, _w, h) => {
    for (let k = 0; k <= half; k++) {
      const a = k * V;
      const b = ((n - k) % n) * V;
      let acc = 0;
      for (let c = 0; c < h; c++) {
        acc += zr[a + c] * zr[a + c] + zi[a + c] * zi[a + c] + zr[b + c] * zr[b + c] + zi[b + c] * zi[b + c];
      }
      power[k] += acc;
    }
  });
  const scale = 0.5 / n;
  for (let k = 0; k <= half; k++) power[k] *= scale;
  return power;
}

/** Complex coefficients F_k (paper normalisation) for k = 0..⌊N/2⌋, stored (⌊N/2⌋+1) × d row-major. */
export function columnCoefficients(m: Matrix64): { re: Float64Array; im: Float64Array } {
  const { rows: n, cols: d } = m;
  const half = Math.floor(n / 2);
  const re = new Float64Array((half + 1) * d);
  const im = new Float64Array((half + 1) * d);
  const scale = 0.5 / Math.sqrt(n);
  forEachPackedBlock(m, (zr, zi, V, c0, w, h) => {
    const b = w - h;
    for (let k = 0; k <= half; k++) {
      const p = k * V;
      const q = ((n - k) % n) * V;
      const o = k * d + c0;
      // A_k = (Z_k + conj Z_{N−k})/2,  B_k = (Z_k − conj Z_{N−k})/(2i)
      for (let c = 0; c < h; c++) {
        re[o + c] = (zr[p + c] + zr[q + c]) * scale;
        im[o + c] = (zi[p + c] - zi[q + c]) * scale;
      }
      for (let c = 0; c < b; c++) {
        re[o + h + c] = (zi[p + c] + zi[q + c]) * scale;
        im[o + h + c] = (zr[q + c] - zr[p + c]) * scale;
      }
    }
  });
  return { re, im };
}
