import { createRng, deriveSeed } from '@numfeat/data-gen';
import type { CsrMatrix } from './cooccurrence.js';
import { plainOps, wasmOps, type DenseOps } from './dense-ops.js';
import { symmetricEigen } from '@numfeat/probes';

export interface RandomizedSvdOptions {
  /** Extra random directions beyond k (default 10; Halko, Martinsson & Tropp 2011). */
  oversample?: number;
  /** Power (subspace) iterations; more sharpen slowly decaying spectra (default 4, sklearn's). */
  powerIterations?: number;
  seed?: number;
  /**
   * Run the dense/sparse products as f64x2 WebAssembly kernels (default true; float64 either way,
   * results agree with the plain loops to rounding).
   */
  simd?: boolean;
}

export interface TruncatedSvd {
  /** Left singular vectors, row-major [rows · k]. */
  u: Float64Array;
  /** Singular values, descending (zeros beyond the numerical rank). */
  s: Float64Array;
  k: number;
}

/**
 * Orthonormal basis of span(Y) by SVQB (Stathopoulos & Wu 2002): Y ← Y·W·Λ^{-1/2} from the eigen-
 * decomposition of YᵀY, dropping directions below 1e-12·λ_max (so rank-deficient Y is fine).
 * `passes` = 2 restores orthogonality to working precision. Releases Y.
 */
function orthonormalize(ops: DenseOps, Y: Float64Array, m: number, l: number, passes: number): { Q: Float64Array; l: number } {
  let Q = Y;
  let cols = l;
  for (let pass = 0; pass < passes; pass++) {
    const G = ops.alloc(cols * cols);
    ops.gram(Q, m, cols, G);
    const { values, vectors } = symmetricEigen(G, cols);
    ops.release(G);
    const cutoff = Math.max(values[0], 0) * 1e-12;
    let keep = 0;
    while (keep < cols && values[keep] > cutoff && values[keep] > 0) keep++;
    if (keep === 0) {
      ops.release(Q);
      return { Q: new Float64Array(0), l: 0 };
    }
    const W = ops.alloc(cols * keep);
    for (let a = 0; a < cols; a++) for (let j = 0; j < keep; j++) W[a * keep + j] = vectors[a * cols + j] / Math.sqrt(values[j]);
    const next = ops.alloc(m * keep);
    ops.times(Q, m, cols, W, keep, next);
    ops.release(W);
    ops.release(Q);
    Q = next;
    cols = keep;
  }
  return { Q, l: cols };
}

function gaussian(ops: DenseOps, n: number, seed: number): Float64Array {
  const rng = createRng(deriveSeed(seed, 7));
  const out = ops.alloc(n);
  for (let i = 0; i < n; i += 2) {
    // Box–Muller: two standard normals per pair of uniforms.
    const r = Math.sqrt(-2 * Math.log(1 - rng.next()));
    const t = 2 * Math.PI * rng.next();
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
  return out;
}

function run(A: CsrMatrix, k: number, l0: number, q: number, seed: number, ops: DenseOps): TruncatedSvd {
  const m = A.rows;
  const n = A.cols;
  const omega = gaussian(ops, n * l0, seed);
  let Y = ops.alloc(m * l0);
  ops.csrTimes(omega, l0, Y);
  ops.release(omega);
  let basis = orthonormalize(ops, Y, m, l0, 1);
  for (let it = 0; it < q && basis.l > 0; it++) {
    const Z = ops.alloc(n * basis.l);
    ops.csrTransposeTimes(basis.Q, basis.l, Z);
    ops.release(basis.Q);
    const z = orthonormalize(ops, Z, n, basis.l, 1);
    if (z.l === 0) {
      basis = z;
      break;
    }
    Y = ops.alloc(m * z.l);
    ops.csrTimes(z.Q, z.l, Y);
    ops.release(z.Q);
    basis = orthonormalize(ops, Y, m, z.l, 1);
  }
  const u = new Float64Array(m * k);
  const s = new Float64Array(k);
  if (basis.l === 0) return { u, s, k };
  basis = orthonormalize(ops, basis.Q, m, basis.l, 2);
  const l = basis.l;
  if (l === 0) return { u, s, k };
  const Bt = ops.alloc(n * l); // (QᵀA)ᵀ
  ops.csrTransposeTimes(basis.Q, l, Bt);
  const G = ops.alloc(l * l);
  ops.gram(Bt, n, l, G);
  ops.release(Bt);
  const { values, vectors } = symmetricEigen(G, l);
  ops.release(G);
  const r = Math.min(k, l);
  const W = ops.alloc(l * r);
  for (let a = 0; a < l; a++) for (let j = 0; j < r; j++) W[a * r + j] = vectors[a * l + j];
  const U = ops.alloc(m * r);
  ops.times(basis.Q, m, l, W, r, U);
  for (let i = 0; i < m; i++) for (let j = 0; j < r; j++) u[i * k + j] = U[i * r + j];
  for (const b of [W, U, basis.Q]) ops.release(b);
  for (let j = 0; j < r; j++) s[j] = Math.sqrt(Math.max(0, values[j]));
  // Sign convention: each column's largest-magnitude entry is positive (singular vectors are only
  // defined up to sign; this makes the output canonical).
  for (let j = 0; j < r; j++) {
    let best = 0;
    for (let i = 0; i < m; i++) if (Math.abs(u[i * k + j]) > Math.abs(best)) best = u[i * k + j];
    if (best < 0) for (let i = 0; i < m; i++) u[i * k + j] = -u[i * k + j];
  }
  return { u, s, k };
}

/**
 * Top-k truncated SVD of a sparse matrix by randomized subspace iteration (Halko et al. 2011,
 * Alg. 4.4): float64 throughout, the whole matrix is used. Only U and Σ are formed (the
 * embeddings need no V): with B = QᵀA, BBᵀ = W Λ Wᵀ gives Σ = Λ^{1/2} and U = Q·W.
 */
export function randomizedSvd(A: CsrMatrix, k: number, opts: RandomizedSvdOptions = {}): TruncatedSvd {
  const oversample = opts.oversample ?? 10;
  const q = opts.powerIterations ?? 4;
  const seed = opts.seed ?? 0;
  let l = Math.min(k + oversample, Math.min(A.rows, A.cols));
  // An even block width lets the f64x2 kernels run on every product.
  if (l % 2 === 1 && l < Math.min(A.rows, A.cols)) l++;
  if (opts.simd ?? true) {
    const ops = wasmOps(A, Math.max(A.rows, A.cols) * l, 6, l);
    if (ops) {
      try {
        return run(A, k, l, q, seed, ops);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e; // arena exhausted: redo with plain arrays
      }
    }
  }
  return run(A, k, l, q, seed, plainOps(A));
}
