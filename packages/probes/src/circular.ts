import { NumfeatError, toMatrix64, type Matrix64, type MatrixInput } from '@numfeat/core';
import { applyScaler, assertColumns, fitScaler, type Scaler } from './dense.js';
import { notFitted, prepareFit } from './fit-input.js';
import { cholesky, choleskySolveInPlace, crossProduct } from './linalg.js';
import { Probe } from './base.js';

export interface CircularOptions {
  /** Modulus; default max(label) + 1. Labels must be residues 0..T−1. */
  T?: number;
  /** Ridge penalty α on the standardised weights (default 1e-3; > 0 keeps d ≥ N solvable). */
  alpha?: number;
  standardize?: boolean;
}

/**
 * Circular probe: least-squares (ridge) fit of the point (cos, sin)(2π·y/T) on the unit circle,
 * decoded by its angle to the nearest residue. It tests for a rotating 2-D plane — the Fourier
 * picture of a mod-T feature — rather than for arbitrary linear separability.
 */
export class CircularProbe extends Probe {
  readonly options: { T?: number; alpha: number; standardize: boolean };
  T?: number;
  /** d × 2 weights (standardised space) and the 2 intercepts. */
  coef?: Float64Array;
  intercept?: [number, number];
  scaler?: Scaler;

  constructor(options: CircularOptions = {}) {
    super();
    const alpha = options.alpha ?? 1e-3;
    if (typeof alpha !== 'number' || !(alpha > 0) || !Number.isFinite(alpha)) {
      throw new NumfeatError('BAD_RANGE', `alpha must be a positive number, got ${String(alpha)}`, { fix: 'pass e.g. alpha: 1e-3' });
    }
    if (options.T !== undefined && (!Number.isInteger(options.T) || options.T < 2)) {
      throw new NumfeatError('BAD_RANGE', `T must be an integer ≥ 2, got ${String(options.T)}`, { fix: 'pass the modulus' });
    }
    this.options = { T: options.T, alpha, standardize: options.standardize ?? true };
  }

  fit(X: MatrixInput, y: ArrayLike<number>): this {
    const { m, classes } = prepareFit(X, y);
    const T = this.options.T ?? classes[classes.length - 1] + 1;
    if (classes[0] < 0 || classes[classes.length - 1] >= T) {
      throw new NumfeatError('BAD_RANGE', `CircularProbe labels must be residues in 0..${T - 1}`, {
        fix: 'pass labels n mod T (and T if some residues are absent)',
      });
    }
    const scaler = this.options.standardize ? fitScaler(m) : undefined;
    const Xs = applyScaler(m, scaler);
    const { rows: N, cols: d, data } = Xs;
    // Centre X and the targets so the intercept is unpenalised.
    const xMean = new Float64Array(d);
    for (let i = 0; i < N; i++) for (let j = 0; j < d; j++) xMean[j] += data[i * d + j] / N;
    const Xc = new Float64Array(N * d);
    for (let i = 0; i < N; i++) for (let j = 0; j < d; j++) Xc[i * d + j] = data[i * d + j] - xMean[j];
    const targets = [new Float64Array(N), new Float64Array(N)];
    for (let i = 0; i < N; i++) {
      const angle = (2 * Math.PI * y[i]) / T;
      targets[0][i] = Math.cos(angle);
      targets[1][i] = Math.sin(angle);
    }
    const G = crossProduct(Xc, N, d);
    for (let j = 0; j < d; j++) G[j * d + j] += this.options.alpha;
    const L = cholesky(G, d);
    if (!L) throw new NumfeatError('SINGULAR_MATRIX', 'XᵀX + αI is not positive definite', { fix: 'increase alpha' });
    const coef = new Float64Array(d * 2);
    const intercept: [number, number] = [0, 0];
    for (let c = 0; c < 2; c++) {
      const t = targets[c];
      let tMean = 0;
      for (let i = 0; i < N; i++) tMean += t[i] / N;
      const rhs = new Float64Array(d);
      for (let i = 0; i < N; i++) {
        const r = t[i] - tMean;
        for (let j = 0; j < d; j++) rhs[j] += Xc[i * d + j] * r;
      }
      choleskySolveInPlace(L, d, rhs);
      let off = tMean;
      for (let j = 0; j < d; j++) {
        coef[j * 2 + c] = rhs[j];
        off -= xMean[j] * rhs[j];
      }
      intercept[c] = off;
    }
    this.T = T;
    this.classes = Array.from({ length: T }, (_, r) => r);
    this.scaler = scaler;
    this.coef = coef;
    this.intercept = intercept;
    return this;
  }

  /** Predicted (cos, sin) points, N × 2 row-major. */
  predictPoints(X: MatrixInput): Float64Array {
    const { coef, intercept } = this;
    if (!coef || !intercept) throw notFitted('CircularProbe');
    const m = toMatrix64(X, 'X');
    assertColumns(m, coef.length / 2, 'X');
    const Xs = applyScaler(m, this.scaler);
    const d = m.cols;
    const out = new Float64Array(m.rows * 2);
    for (let i = 0; i < m.rows; i++) {
      let c = intercept[0];
      let s = intercept[1];
      for (let j = 0; j < d; j++) {
        c += Xs.data[i * d + j] * coef[j * 2];
        s += Xs.data[i * d + j] * coef[j * 2 + 1];
      }
      out[i * 2] = c;
      out[i * 2 + 1] = s;
    }
    return out;
  }

  /** Class scores cos(θ − 2πr/T) of the predicted angle θ against each residue r: N × T. */
  decisionFunction(X: MatrixInput): Matrix64 {
    const points = this.predictPoints(X);
    const T = this.T!;
    const rows = points.length / 2;
    const out = new Float64Array(rows * T);
    for (let i = 0; i < rows; i++) {
      const angle = Math.atan2(points[i * 2 + 1], points[i * 2]);
      for (let r = 0; r < T; r++) out[i * T + r] = Math.cos(angle - (2 * Math.PI * r) / T);
    }
    return { data: out, rows, cols: T };
  }

  /** The residue nearest the predicted angle (the argmax of decisionFunction, without its T cosines). */
  override predict(X: MatrixInput): Int32Array {
    const points = this.predictPoints(X);
    const T = this.T!;
    const out = new Int32Array(points.length / 2);
    for (let i = 0; i < out.length; i++) {
      const angle = Math.atan2(points[i * 2 + 1], points[i * 2]);
      out[i] = ((Math.round((angle * T) / (2 * Math.PI)) % T) + T) % T;
    }
    return out;
  }
}
