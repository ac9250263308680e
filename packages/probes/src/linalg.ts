import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/**
 * Small dense float64 linear algebra on row-major Float64Array n×n matrices.
 * Cholesky and triangular work is hand-written (hot path of the probes); the symmetric
 * eigendecomposition uses ml-matrix (JAMA's tred2/tql2).
 */

/** Lower Cholesky factor L (A = L·Lᵀ) as a new array, or null if A is not positive definite. */
export function cholesky(A: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const li = i * n;
    for (let j = 0; j <= i; j++) {
      const lj = j * n;
      let s = A[li + j];
      for (let k = 0; k < j; k++) s -= L[li + k] * L[lj + k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[li + i] = Math.sqrt(s);
      } else {
        L[li + j] = s / L[lj + j];
      }
    }
  }
  return L;
}

/** Inverse of a lower-triangular matrix (also lower triangular). */
export function invertLower(L: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    inv[j * n + j] = 1 / L[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i * n + k] * inv[k * n + j];
      inv[i * n + j] = s / L[i * n + i];
    }
  }
  return inv;
}

/** Solves A·x = b for symmetric positive definite A given its Cholesky factor (b overwritten with x). */
export function choleskySolveInPlace(L: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * b[k];
    b[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * b[k];
    b[i] = s / L[i * n + i];
  }
}

/** Cross-product XᵀX/scale of a row-major rows×cols matrix (symmetric cols×cols). */
export function crossProduct(X: Float64Array, rows: number, cols: number, scale = 1): Float64Array {
  const G = new Float64Array(cols * cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let i = 0; i < cols; i++) {
      const xi = X[o + i];
      if (xi === 0) continue;
      const gi = i * cols;
      for (let j = i; j < cols; j++) G[gi + j] += xi * X[o + j];
    }
  }
  for (let i = 0; i < cols; i++) {
    for (let j = i; j < cols; j++) {
      const v = G[i * cols + j] / scale;
      G[i * cols + j] = v;
      G[j * cols + i] = v;
    }
  }
  return G;
}

/** Eigen-decomposition of a symmetric matrix: eigenvalues descending, eigenvectors as columns (row-major n×n). */
export function symmetricEigen(A: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const rowsA: number[][] = [];
  for (let i = 0; i < n; i++) {
    const r = new Array<number>(n);
    for (let j = 0; j < n; j++) r[j] = 0.5 * (A[i * n + j] + A[j * n + i]); // symmetrise rounding noise
    rowsA.push(r);
  }
  const evd = new EigenvalueDecomposition(new Matrix(rowsA), { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const order = raw.map((_, i) => i).sort((a, b) => raw[b] - raw[a]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = raw[src];
    for (let i = 0; i < n; i++) vectors[i * n + dst] = V.get(i, src);
  });
  return { values, vectors };
}
