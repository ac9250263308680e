import { NumfeatError, type Matrix64 } from '@numfeat/core';
import { cholesky, crossProduct, invertLower } from './linalg.js';
import { lbfgs, type LbfgsResult } from './lbfgs.js';

/**
 * Exact L2-penalised logistic regression, sklearn objective C·Σ CE + ½‖W‖² (intercept free),
 * minimised by L-BFGS after two EXACT reparameterisations that only change the conditioning:
 *
 * 1. Classes: the optimal multinomial W has rows summing to zero (CE is invariant to adding one
 *    vector to every row, the penalty is not), so W = Q·Ω with Q a K×(K−1) orthonormal basis
 *    orthogonal to 1 (Helmert). This removes the direction whose curvature is only 1/(C·N).
 * 2. Features: with x̃ = [x, 1] and G = c·X̃ᵀX̃/N + λ·diag(1,…,1,0) (λ = 1/(C·N), c the softmax
 *    curvature at the start, 1/K or 1/4 for binary), G = L·Lᵀ, we optimise Θ with Ω = Θ·L⁻¹ on
 *    features z = L⁻¹·x̃. The Hessian in Θ starts as the identity, so L-BFGS needs far fewer steps.
 *
 * The minimiser is the same point as in the original parameters; only the path to it changes.
 */
export interface LogisticSolution {
  /** rows × d weights (rows = K, or 1 for the binary form). */
  coef: Float64Array;
  intercept: Float64Array;
  rows: number;
  result: LbfgsResult;
}

export interface SolveOptions {
  tol: number;
  maxIter: number;
  /** Iterations after which the preconditioner is rebuilt from the current per-sample curvature (0 = never). */
  refreshAfter?: number;
  /** Starting weights (rows × d, rows = K or 1) and intercepts in the same feature space; default zero. */
  init?: { coef: Float64Array; intercept: Float64Array };
}

export function solveLogistic(
  X: Matrix64,
  y: Int32Array,
  K: number,
  binary: boolean,
  C: number,
  opts: SolveOptions,
): LogisticSolution {
  const { rows: N, cols: d } = X;
  const p = d + 1;
  const lambda = 1 / (C * N);
  const R = binary ? 1 : K - 1; // parameter rows
  const Q = binary ? new Float64Array([1]) : helmert(K);
  const Xt = new Float64Array(N * p);
  for (let i = 0; i < N; i++) {
    Xt.set(X.data.subarray(i * d, (i + 1) * d), i * p);
    Xt[i * p + d] = 1;
  }
  const start = binary ? 0.25 : 1 / K; // softmax curvature at Ω = 0, per sample
  const weights = new Float64Array(N).fill(start);
  let omega: Float64Array = new Float64Array(R * p); // parameters in x̃ coordinates (Helmert rows)
  if (opts.init) {
    // Ω = Qᵀ·[W, b] (exact for rows summing to zero; otherwise their projection, still a valid start).
    const rows = binary ? 1 : K;
    for (let k = 0; k < rows; k++) {
      for (let r = 0; r < R; r++) {
        const q = Q[k * R + r];
        for (let j = 0; j < d; j++) omega[r * p + j] += q * opts.init.coef[k * d + j];
        omega[r * p + d] += q * opts.init.intercept[k];
      }
    }
  }
  let total: LbfgsResult | undefined;
  let iterations = 0;
  let evaluations = 0;
  // A refresh costs about one preconditioner build (~N·p² flops) ≈ p/(4R) evaluations: worth it only for small p.
  const refresh = opts.refreshAfter && p <= 40 * R ? opts.refreshAfter : 0;
  const stages = refresh ? [refresh, Infinity] : [Infinity];
  for (const budget of stages) {
    const { L, Linv, Z } = precondition(Xt, N, p, weights, lambda);
    const theta = timesLower(omega, R, p, L); // Θ = Ω·L
    const fg = objective(Z, N, p, d, y, K, R, Q, Linv, lambda, binary);
    const maxIter = Math.min(budget, opts.maxIter - iterations);
    total = lbfgs(fg, theta, { gtol: opts.tol, maxIter });
    iterations += total.iterations;
    evaluations += total.evaluations;
    omega = timesLower(total.x, R, p, Linv); // Ω = Θ·L⁻¹
    if (total.converged || iterations >= opts.maxIter) break;
    curvatureWeights(Xt, N, p, omega, R, K, Q, binary, start, weights);
  }
  const result = { ...total!, x: omega, iterations, evaluations };
  // Back to the original parameters: W = Q·Ω.
  const rows = binary ? 1 : K;
  const coef = new Float64Array(rows * d);
  const intercept = new Float64Array(rows);
  for (let k = 0; k < rows; k++) {
    for (let r = 0; r < R; r++) {
      const q = Q[k * R + r];
      for (let j = 0; j < d; j++) coef[k * d + j] += q * omega[r * p + j];
      intercept[k] += q * omega[r * p + d];
    }
  }
  return { coef, intercept, rows, result };
}

/** G = Σ_i w_i x̃_i x̃_iᵀ / N + λ·diag(1,…,1,0) = L·Lᵀ, and the whitened rows z_i = L⁻¹ x̃_i. */
function precondition(Xt: Float64Array, N: number, p: number, weights: Float64Array, lambda: number) {
  const scaled = new Float64Array(N * p);
  for (let i = 0; i < N; i++) {
    const w = Math.sqrt(weights[i]);
    for (let j = 0; j < p; j++) scaled[i * p + j] = w * Xt[i * p + j];
  }
  const G = crossProduct(scaled, N, p, N);
  for (let j = 0; j < p - 1; j++) G[j * p + j] += lambda;
  const L = cholesky(G, p);
  if (!L) {
    throw new NumfeatError('SINGULAR_MATRIX', 'the logistic preconditioner is not positive definite', {
      fix: 'check the features for constant or duplicated columns, or use a smaller C',
    });
  }
  const Linv = invertLower(L, p);
  // Z = X̃·L⁻ᵀ, four rows per pass so each L⁻¹ entry is loaded once for four products.
  const Z = new Float64Array(N * p);
  let i = 0;
  for (; i + 3 < N; i += 4) {
    const a = i * p;
    const b = a + p;
    const c = b + p;
    const e = c + p;
    for (let r = 0; r < p; r++) {
      const lr = r * p;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k <= r; k++) {
        const l = Linv[lr + k];
        s0 += l * Xt[a + k];
        s1 += l * Xt[b + k];
        s2 += l * Xt[c + k];
        s3 += l * Xt[e + k];
      }
      Z[a + r] = s0;
      Z[b + r] = s1;
      Z[c + r] = s2;
      Z[e + r] = s3;
    }
  }
  for (; i < N; i++) {
    const xi = i * p;
    for (let r = 0; r < p; r++) {
      let s = 0;
      const lr = r * p;
      for (let k = 0; k <= r; k++) s += Linv[lr + k] * Xt[xi + k];
      Z[xi + r] = s;
    }
  }
  return { L, Linv, Z };
}

/** A·M for A (rows×p) and a lower-triangular M (p×p): used for Θ = Ω·L and Ω = Θ·L⁻¹. */
function timesLower(A: Float64Array, rows: number, p: number, L: Float64Array): Float64Array {
  const out = new Float64Array(rows * p);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < p; j++) {
      const a = A[r * p + j];
      if (a === 0) continue;
      for (let k = 0; k <= j; k++) out[r * p + k] += a * L[j * p + k];
    }
  }
  return out;
}

/**
 * Per-sample curvature of the loss at Ω: tr of the softmax Hessian in the Helmert basis divided by
 * the rows, (1 − Σ_k p_k²)/(K − 1) (binary: p(1 − p)); floored so G stays well conditioned.
 */
function curvatureWeights(
  Xt: Float64Array,
  N: number,
  p: number,
  omega: Float64Array,
  R: number,
  K: number,
  Q: Float64Array,
  binary: boolean,
  start: number,
  out: Float64Array,
): void {
  const u = new Float64Array(R);
  const logits = new Float64Array(K);
  for (let i = 0; i < N; i++) {
    for (let r = 0; r < R; r++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += omega[r * p + j] * Xt[i * p + j];
      u[r] = s;
    }
    let w: number;
    if (binary) {
      const prob = 1 / (1 + Math.exp(-u[0]));
      w = prob * (1 - prob);
    } else {
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let r = 0; r < R; r++) s += Q[k * R + r] * u[r];
        logits[k] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) sum += logits[k] = Math.exp(logits[k] - max);
      let sq = 0;
      for (let k = 0; k < K; k++) sq += (logits[k] / sum) ** 2;
      w = (1 - sq) / R;
    }
    out[i] = Math.max(w, 1e-4 * start);
  }
}

/** Objective ÷ (C·N) in whitened coordinates: data loss + ½λ‖W̄‖² with W = Θ·L⁻¹ (W̄: no intercept). */
function objective(
  Z: Float64Array,
  N: number,
  p: number,
  d: number,
  y: Int32Array,
  K: number,
  R: number,
  Q: Float64Array,
  Linv: Float64Array,
  lambda: number,
  binary: boolean,
) {
  const dataLoss = binary ? binaryDataLoss(Z, N, p, y) : softmaxDataLoss(Z, N, p, y, K, Q);
  const wBar = new Float64Array(p);
  return (theta: Float64Array, grad: Float64Array): number => {
    let value = dataLoss(theta, grad);
    for (let r = 0; r < R; r++) {
      const o = r * p;
      wBar.fill(0);
      for (let i = 0; i < p; i++) {
        const t = theta[o + i];
        if (t === 0) continue;
        const li = i * p;
        for (let j = 0; j <= i; j++) wBar[j] += t * Linv[li + j];
      }
      wBar[d] = 0;
      let sq = 0;
      for (let j = 0; j < d; j++) sq += wBar[j] * wBar[j];
      value += 0.5 * lambda * sq;
      for (let i = 0; i < p; i++) {
        const li = i * p;
        let s = 0;
        for (let j = 0; j <= i; j++) s += Linv[li + j] * wBar[j];
        grad[o + i] += lambda * s;
      }
    }
    return value;
  };
}

/** K×(K−1) Helmert basis: orthonormal columns, each orthogonal to the all-ones vector. */
export function helmert(K: number): Float64Array {
  const Q = new Float64Array(K * (K - 1));
  for (let r = 1; r < K; r++) {
    const norm = Math.sqrt(r * (r + 1));
    for (let k = 0; k < r; k++) Q[k * (K - 1) + r - 1] = 1 / norm;
    Q[r * (K - 1) + r - 1] = -r / norm;
  }
  return Q;
}

/** U = Z·Θᵀ (N×R) for row-major Z (N×p) and Θ (R×p); four rows of Z per pass to reuse loads. */
function forward(Z: Float64Array, N: number, p: number, theta: Float64Array, R: number, U: Float64Array): void {
  let i = 0;
  for (; i + 3 < N; i += 4) {
    const a = i * p;
    const b = a + p;
    const c = b + p;
    const e = c + p;
    for (let r = 0; r < R; r++) {
      const o = r * p;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < p; j++) {
        const t = theta[o + j];
        s0 += Z[a + j] * t;
        s1 += Z[b + j] * t;
        s2 += Z[c + j] * t;
        s3 += Z[e + j] * t;
      }
      U[i * R + r] = s0;
      U[(i + 1) * R + r] = s1;
      U[(i + 2) * R + r] = s2;
      U[(i + 3) * R + r] = s3;
    }
  }
  for (; i < N; i++) {
    const a = i * p;
    for (let r = 0; r < R; r++) {
      const o = r * p;
      let s = 0;
      for (let j = 0; j < p; j++) s += Z[a + j] * theta[o + j];
      U[i * R + r] = s;
    }
  }
}

/** grad = dUᵀ·Z (R×p), four rows of Z per pass. */
function backward(Z: Float64Array, N: number, p: number, dU: Float64Array, R: number, grad: Float64Array): void {
  grad.fill(0);
  let i = 0;
  for (; i + 3 < N; i += 4) {
    const a = i * p;
    const b = a + p;
    const c = b + p;
    const e = c + p;
    for (let r = 0; r < R; r++) {
      const o = r * p;
      const c0 = dU[i * R + r];
      const c1 = dU[(i + 1) * R + r];
      const c2 = dU[(i + 2) * R + r];
      const c3 = dU[(i + 3) * R + r];
      for (let j = 0; j < p; j++) grad[o + j] += c0 * Z[a + j] + c1 * Z[b + j] + c2 * Z[c + j] + c3 * Z[e + j];
    }
  }
  for (; i < N; i++) {
    const a = i * p;
    for (let r = 0; r < R; r++) {
      const c0 = dU[i * R + r];
      const o = r * p;
      for (let j = 0; j < p; j++) grad[o + j] += c0 * Z[a + j];
    }
  }
}

/** Mean softmax cross-entropy over rows of Z with logits Q·(Θ·z); writes its gradient into grad. */
function softmaxDataLoss(Z: Float64Array, N: number, p: number, y: Int32Array, K: number, Q: Float64Array) {
  const R = K - 1;
  const U = new Float64Array(N * R);
  const dU = new Float64Array(N * R);
  const logits = new Float64Array(K);
  return (theta: Float64Array, grad: Float64Array): number => {
    forward(Z, N, p, theta, R, U);
    let loss = 0;
    dU.fill(0);
    for (let i = 0; i < N; i++) {
      const ui = i * R;
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let r = 0; r < R; r++) s += Q[k * R + r] * U[ui + r];
        logits[k] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) sum += logits[k] = Math.exp(logits[k] - max);
      loss += Math.log(sum) - Math.log(logits[y[i]]);
      for (let k = 0; k < K; k++) {
        const dz = (logits[k] / sum - (k === y[i] ? 1 : 0)) / N;
        for (let r = 0; r < R; r++) dU[ui + r] += Q[k * R + r] * dz;
      }
    }
    backward(Z, N, p, dU, R, grad);
    return loss / N;
  };
}

/** Mean binary cross-entropy, class index 1 positive; writes its gradient into grad. */
function binaryDataLoss(Z: Float64Array, N: number, p: number, y: Int32Array) {
  const U = new Float64Array(N);
  const dU = new Float64Array(N);
  return (theta: Float64Array, grad: Float64Array): number => {
    forward(Z, N, p, theta, 1, U);
    let loss = 0;
    for (let i = 0; i < N; i++) {
      const s = U[i];
      // log(1 + e^s) − y·s, computed stably.
      loss += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - (y[i] === 1 ? s : 0);
      const prob = s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
      dU[i] = (prob - y[i]) / N;
    }
    backward(Z, N, p, dU, 1, grad);
    return loss / N;
  };
}
