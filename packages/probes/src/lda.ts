import { NumfeatError, toMatrix64, type Matrix64, type MatrixInput } from '@numfeat/core';
import { applyScaler, assertColumns, fitScaler, type Scaler } from './dense.js';
import { notFitted, prepareFit } from './fit-input.js';
import { cholesky, choleskySolveInPlace, crossProduct } from './linalg.js';
import { classStatistics } from './scatter.js';
import { Probe } from './base.js';

export interface LDAOptions {
  /**
   * Shrinkage α of the shared covariance towards (tr Σ/d)·I: Σ' = (1 − α)Σ + α·(tr Σ/d)·I.
   * 'auto' (default) = Ledoit–Wolf α estimated from the pooled within-class residuals; 0 = plain LDA.
   */
  shrinkage?: number | 'auto';
  /** Standardise with the training mean/std first (default true). */
  standardize?: boolean;
}

/**
 * Linear discriminant analysis: Gaussian classes with one shared covariance (the pooled,
 * biased within-class covariance Σ_k π_k Σ_k, as in sklearn), priors = class frequencies.
 * δ_k(x) = xᵀΣ⁻¹μ_k − ½ μ_kᵀΣ⁻¹μ_k + log π_k.
 */
export class LDAProbe extends Probe {
  readonly options: { shrinkage: number | 'auto'; standardize: boolean };
  /** K × d discriminant weights Σ⁻¹μ_k (standardised space) and K offsets. */
  coef?: Matrix64;
  intercept?: Float64Array;
  scaler?: Scaler;
  /** The shrinkage α actually used. */
  shrinkageUsed?: number;

  constructor(options: LDAOptions = {}) {
    super();
    const shrinkage = options.shrinkage ?? 'auto';
    if (shrinkage !== 'auto' && !(typeof shrinkage === 'number' && shrinkage >= 0 && shrinkage <= 1)) {
      throw new NumfeatError('BAD_RANGE', `shrinkage must be 'auto' or a number in [0, 1], got ${String(shrinkage)}`, {
        fix: "pass shrinkage: 'auto' (Ledoit–Wolf) or a fraction such as 0.1",
      });
    }
    this.options = { shrinkage, standardize: options.standardize ?? true };
  }

  fit(X: MatrixInput, y: ArrayLike<number>): this {
    const { m, classes, index } = prepareFit(X, y);
    const scaler = this.options.standardize ? fitScaler(m) : undefined;
    const Xs = applyScaler(m, scaler);
    const K = classes.length;
    const { rows: N, cols: d } = Xs;
    const { means, counts, within } = classStatistics(Xs, index, K);
    const sigma = crossProduct(within, N, d, N);
    let mu = 0;
    for (let j = 0; j < d; j++) mu += sigma[j * d + j];
    mu /= d;
    const alpha = this.options.shrinkage === 'auto' ? ledoitWolf(within, N, d, sigma, mu) : this.options.shrinkage;
    for (let v = 0; v < d * d; v++) sigma[v] *= 1 - alpha;
    for (let j = 0; j < d; j++) sigma[j * d + j] += alpha * mu;
    const L = cholesky(sigma, d);
    if (!L) {
      throw new NumfeatError('SINGULAR_MATRIX', `the shared covariance is singular (d = ${d}, N = ${N}, shrinkage ${alpha})`, {
        fix: "use shrinkage: 'auto' or a positive shrinkage such as 0.1",
      });
    }
    const coef = new Float64Array(K * d);
    const intercept = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const w = means.slice(k * d, (k + 1) * d);
      choleskySolveInPlace(L, d, w);
      coef.set(w, k * d);
      let quad = 0;
      for (let j = 0; j < d; j++) quad += w[j] * means[k * d + j];
      intercept[k] = -0.5 * quad + Math.log(counts[k] / N);
    }
    this.classes = classes;
    this.scaler = scaler;
    this.coef = { data: coef, rows: K, cols: d };
    this.intercept = intercept;
    this.shrinkageUsed = alpha;
    return this;
  }

  decisionFunction(X: MatrixInput): Matrix64 {
    const { coef, intercept } = this;
    if (!coef || !intercept) throw notFitted('LDAProbe');
    const m = toMatrix64(X, 'X');
    assertColumns(m, coef.cols, 'X');
    const Xs = applyScaler(m, this.scaler);
    const K = coef.rows;
    const d = coef.cols;
    const out = new Float64Array(m.rows * K);
    for (let i = 0; i < m.rows; i++) {
      for (let k = 0; k < K; k++) {
        let s = intercept[k];
        for (let j = 0; j < d; j++) s += Xs.data[i * d + j] * coef.data[k * d + j];
        out[i * K + k] = s;
      }
    }
    return { data: out, rows: m.rows, cols: K };
  }

}

/** Ledoit–Wolf shrinkage for centred rows R (N×d) with sample covariance S (sklearn's formula). */
function ledoitWolf(R: Float64Array, N: number, d: number, S: Float64Array, mu: number): number {
  let beta_ = 0;
  for (let i = 0; i < N; i++) {
    let sq = 0;
    for (let j = 0; j < d; j++) sq += R[i * d + j] * R[i * d + j];
    beta_ += sq * sq;
  }
  let delta_ = 0;
  for (let v = 0; v < d * d; v++) delta_ += S[v] * S[v];
  const beta = (beta_ / N - delta_) / (d * N);
  const delta = (delta_ - 2 * mu * mu * d + d * mu * mu) / d;
  const b = Math.min(beta, delta);
  return b <= 0 ? 0 : b / delta;
}
