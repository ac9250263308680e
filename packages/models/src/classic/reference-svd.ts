/**
 * Test reference only (not exported): singular values and left vectors of a small dense matrix by
 * one-sided Jacobi (Hestenes) rotations — independent of the eigen-based randomized SVD it checks.
 * A is row-major m×n; returns s descending and U (m×min(m,n)) row-major.
 */
export function jacobiSvd(a: ArrayLike<number>, m: number, n: number): { s: Float64Array; u: Float64Array; r: number } {
  // Work on the columns of A (n ≤ m) or of Aᵀ; make it m ≥ n by transposing if needed.
  const tall = m >= n;
  const rows = tall ? m : n;
  const cols = tall ? n : m;
  // Column-major working copy X (rows × cols).
  const X = new Float64Array(rows * cols);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    if (tall) X[j * rows + i] = a[i * n + j];
    else X[i * rows + j] = a[i * n + j];
  }
  // Track right rotations (cols × cols) — for a wide A these give U.
  const Vr = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++) Vr[i * cols + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotated = false;
    for (let p = 0; p < cols - 1; p++) for (let q = p + 1; q < cols; q++) {
      let alpha = 0, beta = 0, gamma = 0;
      for (let i = 0; i < rows; i++) {
        const xp = X[p * rows + i], xq = X[q * rows + i];
        alpha += xp * xp; beta += xq * xq; gamma += xp * xq;
      }
      if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta) || gamma === 0) continue;
      rotated = true;
      const zeta = (beta - alpha) / (2 * gamma);
      const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
      const c = 1 / Math.sqrt(1 + t * t), s = c * t;
      for (let i = 0; i < rows; i++) {
        const xp = X[p * rows + i], xq = X[q * rows + i];
        X[p * rows + i] = c * xp - s * xq;
        X[q * rows + i] = s * xp + c * xq;
      }
      for (let i = 0; i < cols; i++) {
        const vp = Vr[p * cols + i], vq = Vr[q * cols + i];
        Vr[p * cols + i] = c * vp - s * vq;
        Vr[q * cols + i] = s * vp + c * vq;
      }
    }
    if (!rotated) break;
  }
  const norms = Array.from({ length: cols }, (_, j) => {
    let s = 0;
    for (let i = 0; i < rows; i++) s += X[j * rows + i] ** 2;
    return Math.sqrt(s);
  });
  const order = norms.map((_, j) => j).sort((x, y) => norms[y] - norms[x]);
  const r = cols;
  const s = Float64Array.from(order.map((j) => norms[j]));
  const u = new Float64Array(m * r);
  order.forEach((j, k) => {
    for (let i = 0; i < m; i++) {
      // Tall: U column = X column / σ. Wide: A = (Aᵀ)ᵀ = V Σ Uᵀ, so U of A is the rotation matrix.
      u[i * r + k] = tall ? (norms[j] > 0 ? X[j * rows + i] / norms[j] : 0) : Vr[j * cols + i];
    }
  });
  return { s, u, r };
}
