import { createRng, deriveSeed } from '@numfeat/data-gen';
import type { CsrMatrix } from './cooccurrence.js';
import { symmetricEigen } from './jacobi-eigen.js';

export interface RandomizedSvdOptions {
  /** Extra random directions beyond k (default 10; Halko, Martinsson & Tropp 2011). */
  oversample?: number;
  /** Power (subspace) iterations; more sharpen slowly decaying spectra (default 4, sklearn's). */
  powerIterations?: number;
  seed?: number;
}

export interface TruncatedSvd {
  /** Left singular vectors, row-major [rows · k]. */
  u: Float64Array;
  /** Singular values, descending (zeros beyond the numerical rank). */
  s: Float64Array;
  k: number;
}

/** Y = A·X for CSR A (m×n) and row-major X (n×l). */
function csrTimes(A: CsrMatrix, X: Float64Array, l: number): Float64Array {
  const Y = new Float64Array(A.rows * l);
  const { rowPtr, colIdx, values } = A;
  for (let i = 0; i < A.rows; i++) {
    const yo = i * l;
    for (let p = rowPtr[i], e = rowPtr[i + 1]; p < e; p++) {
      const v = values[p];
      const xo = colIdx[p] * l;
      for (let j = 0; j < l; j++) Y[yo + j] += v * X[xo + j];
    }
  }
  return Y;
}

/** Z = Aᵀ·Q for CSR A (m×n) and row-major Q (m×l). */
function csrTransposeTimes(A: CsrMatrix, Q: Float64Array, l: number): Float64Array {
  const Z = new Float64Array(A.cols * l);
  const { rowPtr, colIdx, values } = A;
  for (let i = 0; i < A.rows; i++) {
    const qo = i * l;
    for (let p = rowPtr[i], e = rowPtr[i + 1]; p < e; p++) {
      const v = values[p];
      const zo = colIdx[p] * l;
      for (let j = 0; j < l; j++) Z[zo + j] += v * Q[qo + j];
    }
  }
  return Z;
}

/** G = YᵀY (l×l) for row-major Y (m×l). */
function gram(Y: Float64Array, m: number, l: number): Float64Array {
  const G = new Float64Array(l * l);
  for (let i = 0; i < m; i++) {
    const o = i * l;
    for (let a = 0; a < l; a++) {
      const ya = Y[o + a];
      if (ya === 0) continue;
      const ga = a * l;
      for (let b = a; b < l; b++) G[ga + b] += ya * Y[o + b];
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) G[a * l + b] = G[b * l + a];
  return G;
}

/** Row-major (m×l)·(l×r) product. */
function times(Y: Float64Array, m: number, l: number, W: Float64Array, r: number): Float64Array {
  const out = new Float64Array(m * r);
  for (let i = 0; i < m; i++) {
    const yo = i * l;
    const oo = i * r;
    for (let a = 0; a < l; a++) {
      const ya = Y[yo + a];
      if (ya === 0) continue;
      const wo = a * r;
      for (let j = 0; j < r; j++) out[oo + j] += ya * W[wo + j];
    }
  }
  return out;
}

/**
 * Orthonormal basis of span(Y) by SVQB (Stathopoulos & Wu 2002): Y ← Y·W·Λ^{-1/2} from the eigen-
 * decomposition of YᵀY, dropping directions below 1e-12·λ_max (so rank-deficient Y is fine).
 * `passes` = 2 restores orthogonality to working precision.
 */
function orthonormalize(Y: Float64Array, m: number, l: number, passes: number): { Q: Float64Array; l: number } {
  let Q = Y;
  let cols = l;
  for (let pass = 0; pass < passes; pass++) {
    const { values, vectors } = symmetricEigen(gram(Q, m, cols), cols);
    const cutoff = Math.max(values[0], 0) * 1e-12;
    let keep = 0;
    while (keep < cols && values[keep] > cutoff && values[keep] > 0) keep++;
    if (keep === 0) return { Q: new Float64Array(0), l: 0 };
    const W = new Float64Array(cols * keep);
    for (let a = 0; a < cols; a++) for (let j = 0; j < keep; j++) W[a * keep + j] = vectors[a * cols + j] / Math.sqrt(values[j]);
    Q = times(Q, m, cols, W, keep);
    cols = keep;
  }
  return { Q, l: cols };
}

/**
 * Top-k truncated SVD of a sparse matrix by randomized subspace iteration (Halko et al. 2011,
 * Alg. 4.4): float64 throughout, the whole matrix is used. Only U and Σ are formed (the
 * embeddings need no V): with B = QᵀA, BBᵀ = W Λ Wᵀ gives Σ = Λ^{1/2} and U = Q·W.
 */
export function randomizedSvd(A: CsrMatrix, k: number, opts: RandomizedSvdOptions = {}): TruncatedSvd {
  const oversample = opts.oversample ?? 10;
  const q = opts.powerIterations ?? 4;
  const m = A.rows;
  let l = Math.min(k + oversample, Math.min(A.rows, A.cols));
  const rng = createRng(deriveSeed(opts.seed ?? 0, 7));
  const omega = new Float64Array(A.cols * l);
  for (let i = 0; i < omega.length; i += 2) {
    // Box–Muller: two standard normals per pair of uniforms.
    const r = Math.sqrt(-2 * Math.log(1 - rng.next()));
    const t = 2 * Math.PI * rng.next();
    omega[i] = r * Math.cos(t);
    if (i + 1 < omega.length) omega[i + 1] = r * Math.sin(t);
  }
  let basis = orthonormalize(csrTimes(A, omega, l), m, l, 1);
  for (let it = 0; it < q && basis.l > 0; it++) {
    const z = orthonormalize(csrTransposeTimes(A, basis.Q, basis.l), A.cols, basis.l, 1);
    if (z.l === 0) break;
    basis = orthonormalize(csrTimes(A, z.Q, z.l), m, z.l, 1);
  }
  basis = orthonormalize(basis.Q, m, basis.l, 2);
  l = basis.l;
  const u = new Float64Array(m * k);
  const s = new Float64Array(k);
  if (l === 0) return { u, s, k };
  const Bt = csrTransposeTimes(A, basis.Q, l); // n × l, = (QᵀA)ᵀ
  const { values, vectors } = symmetricEigen(gram(Bt, A.cols, l), l);
  const r = Math.min(k, l);
  const W = new Float64Array(l * r);
  for (let a = 0; a < l; a++) for (let j = 0; j < r; j++) W[a * r + j] = vectors[a * l + j];
  const U = times(basis.Q, m, l, W, r);
  for (let i = 0; i < m; i++) for (let j = 0; j < r; j++) u[i * k + j] = U[i * r + j];
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
