/**
 * DFT down the columns of a row-major N × d matrix (one transform per embedding dimension).
 *
 * Two real columns a, b are packed into one complex column z = a + i·b, so d real transforms cost
 * d/2 complex ones. Columns go in blocks of 2V (V complex transforms per batch) so the FFT's buffers
 * stay in cache; the first FFT stage reads the block straight from the row-major matrix (a block's
 * columns are contiguous within each row), so there is no separate packing pass.
 */
import type { Matrix64 } from '@numfeat/core';
import { fftBatch, getWorkspace, type BatchSource } from './stockham.js';

/** Complex transforms per batch: 16 keeps the 4 buffers of N = 1000 rows at 512 KB (an L2's worth). */
const BLOCK_COMPLEX = 16;

function blockWidth(n: number, cols: number): number {
  const byCache = Math.max(4, Math.floor(65536 / Math.max(1, n)));
  return Math.max(1, Math.min(BLOCK_COMPLEX, byCache, Math.ceil(cols / 2)));
}

/**
 * Transforms every block and hands its spectrum Z (n × h, element-major) to `visit`. Block columns
 * c0..c0+w−1 become h = ⌈w/2⌉ complex columns: the first h real columns are the real parts, the
 * remaining w − h the imaginary parts (a missing partner for odd w is 0). A short last block is
 * copied into a zero-padded buffer first; full blocks are read in place.
 */
function forEachPackedBlock(
  m: Matrix64,
  visit: (zr: Float64Array, zi: Float64Array, h: number, c0: number, w: number) => void,
): void {
  const { data, rows: n, cols: d } = m;
  const V = blockWidth(n, d);
  const ws = getWorkspace(n, V);
  for (let c0 = 0; c0 < d; c0 += 2 * V) {
    const w = Math.min(2 * V, d - c0);
    const h = (w + 1) >> 1;
    let src: BatchSource;
    if (w === 2 * V) {
      src = { re: data, im: data, reOff: c0, imOff: c0 + V, stride: d };
    } else {
      const buf = new Float64Array(n * 2 * h);
      for (let j = 0; j < n; j++) {
        for (let c = 0; c < w; c++) buf[j * 2 * h + c] = data[j * d + c0 + c];
      }
      src = { re: buf, im: buf, reOff: 0, imOff: h, stride: 2 * h };
    }
    const z = fftBatch(ws, src, h);
    visit(z.re, z.im, h, c0, w);
  }
}

/**
 * power[k] = Σ_dims |F_k|² for k = 0..⌊N/2⌋ with F = N^{-1/2}·DFT (the paper's normalisation).
 * For z = a + i·b: |A_k|² + |B_k|² = (|Z_k|² + |Z_{N−k}|²)/2, so no unpacking is needed: accumulate
 * |Z_k|² over all k in one sequential pass per block, then fold k with N − k.
 */
export function columnPowerSpectrum(m: Matrix64): Float64Array {
  const n = m.rows;
  const half = Math.floor(n / 2);
  const squares = new Float64Array(n);
  forEachPackedBlock(m, (zr, zi, h) => {
    for (let k = 0, o = 0; k < n; k++, o += h) {
      let acc = 0;
      for (let c = 0; c < h; c++) acc += zr[o + c] * zr[o + c] + zi[o + c] * zi[o + c];
      squares[k] += acc;
    }
  });
  const power = new Float64Array(half + 1);
  const scale = 0.5 / n;
  for (let k = 0; k <= half; k++) power[k] = (squares[k] + squares[(n - k) % n]) * scale;
  return power;
}

/** Complex coefficients F_k (paper normalisation) for k = 0..⌊N/2⌋, stored (⌊N/2⌋+1) × d row-major. */
export function columnCoefficients(m: Matrix64): { re: Float64Array; im: Float64Array } {
  const { rows: n, cols: d } = m;
  const half = Math.floor(n / 2);
  const re = new Float64Array((half + 1) * d);
  const im = new Float64Array((half + 1) * d);
  const scale = 0.5 / Math.sqrt(n);
  forEachPackedBlock(m, (zr, zi, h, c0, w) => {
    const b = w - h;
    for (let k = 0; k <= half; k++) {
      const p = k * h;
      const q = ((n - k) % n) * h;
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
