import { NumfeatError, assertInteger, toMatrix64, type Matrix64, type MatrixInput } from '@numfeat/core';
import { applyScaler, assertColumns, fitScaler, type Scaler } from './dense.js';
import { notFitted, prepareFit } from './fit-input.js';
import { solveLogistic } from './logistic-solver.js';
import { Probe } from './base.js';

export interface LogisticOptions {
  /** Inverse L2 strength, sklearn semantics: minimise C·Σ cross-entropy + ½‖W‖² (intercept unpenalised). Default 1. */
  C?: number;
  /** Standardise features with the TRAINING mean/std (sklearn StandardScaler). Default true. */
  standardize?: boolean;
  /**
   * 'auto' (default, sklearn's default): two classes → one weight vector (binary logistic),
   * more → multinomial softmax. 'multinomial': always one weight vector per class.
   */
  multiClass?: 'auto' | 'multinomial';
  /** Convergence: max |∇| of the objective ÷ (C·N) in the preconditioned coordinates (≈ distance to the optimum). Default 1e-7. */
  tol?: number;
  maxIter?: number;
  /** Rebuild the preconditioner from the current curvature after this many iterations (default 25; 0 = never; skipped when d+1 > 40·(K−1), where a rebuild costs more than it saves). Speed only. */
  refreshAfter?: number;
}

export interface LogisticFitInfo {
  iterations: number;
  evaluations: number;
  converged: boolean;
  reason: string;
  gradMax: number;
  /** Objective C·Σ CE + ½‖W‖² at the solution. */
  objective: number;
}

/**
 * Multinomial logistic-regression probe with an L2 penalty, fitted exactly by L-BFGS in float64.
 * Same objective and scaling as scikit-learn's StandardScaler + LogisticRegression(C, lbfgs).
 */
export class LogisticProbe extends Probe {
  readonly options: Required<LogisticOptions>;
  /** Weights in the standardised feature space: rows = classes (one row for binary 'auto'). */
  coef?: Matrix64;
  intercept?: Float64Array;
  scaler?: Scaler;
  fitInfo?: LogisticFitInfo;

  constructor(options: LogisticOptions = {}) {
    super();
    const C = options.C ?? 1;
    if (typeof C !== 'number' || !(C > 0) || !Number.isFinite(C)) {
      throw new NumfeatError('BAD_RANGE', `C must be a positive finite number, got ${String(C)}`, {
        fix: 'pass C > 0 (1 is sklearn’s default; smaller means stronger regularisation)',
      });
    }
    const multiClass = options.multiClass ?? 'auto';
    if (multiClass !== 'auto' && multiClass !== 'multinomial') {
      throw new NumfeatError('BAD_ARGUMENT', `multiClass must be 'auto' or 'multinomial', got ${String(multiClass)}`, {
        fix: "use 'auto' (sklearn default) or 'multinomial'",
      });
    }
    const tol = options.tol ?? 1e-7;
    if (typeof tol !== 'number' || !(tol > 0)) {
      throw new NumfeatError('BAD_RANGE', `tol must be a positive number, got ${String(tol)}`, { fix: 'pass e.g. tol: 1e-7' });
    }
    const maxIter = assertInteger(options.maxIter ?? 2000, 'maxIter', 1);
    const refreshAfter = assertInteger(options.refreshAfter ?? 25, 'refreshAfter', 0);
    this.options = {
      C,
      standardize: options.standardize ?? true,
      multiClass,
      tol,
      maxIter,
      refreshAfter,
    };
  }

  /**
   * Fits by minimising the objective. `warmStart`: a probe already fitted on similar data (same
   * classes and dimension) whose solution is the starting point; the optimum is the same.
   */
  fit(X: MatrixInput, y: ArrayLike<number>, fitOptions: { warmStart?: LogisticProbe } = {}): this {
    const { m, classes, index } = prepareFit(X, y);
    const scaler = this.options.standardize ? fitScaler(m) : undefined;
    const Xs = applyScaler(m, scaler);
    const K = classes.length;
    const rowsW = K === 2 && this.options.multiClass === 'auto' ? 1 : K;
    const { C, tol, maxIter } = this.options;
    const init = warmStartFrom(fitOptions.warmStart, classes, rowsW, m.cols, scaler);
    const sol = solveLogistic(Xs, index, K, rowsW === 1, C, {
      tol,
      maxIter,
      refreshAfter: this.options.refreshAfter,
      init,
    });
    const result = sol.result;
    this.classes = classes;
    this.scaler = scaler;
    this.coef = { data: sol.coef, rows: sol.rows, cols: m.cols };
    this.intercept = sol.intercept;
    this.fitInfo = {
      iterations: result.iterations,
      evaluations: result.evaluations,
      converged: result.converged,
      reason: result.reason,
      gradMax: result.gradMax,
      objective: result.f * C * m.rows,
    };
    return this;
  }

  /** Class scores (logits) per row: N × K (binary 'auto': N × 2 with the first column 0). */
  decisionFunction(X: MatrixInput): Matrix64 {
    const { coef, intercept, classes } = this;
    if (!coef || !intercept || !classes) throw notFitted('LogisticProbe');
    const m = toMatrix64(X, 'X');
    assertColumns(m, coef.cols, 'X');
    const Xs = applyScaler(m, this.scaler);
    const K = classes.length;
    const d = coef.cols;
    const out = new Float64Array(m.rows * K);
    const offset = coef.rows === 1 ? 1 : 0;
    for (let i = 0; i < m.rows; i++) {
      for (let r = 0; r < coef.rows; r++) {
        let s = intercept[r];
        for (let j = 0; j < d; j++) s += Xs.data[i * d + j] * coef.data[r * d + j];
        out[i * K + r + offset] = s;
      }
    }
    return { data: out, rows: m.rows, cols: K };
  }

  /** Softmax class probabilities, N × K. */
  predictProba(X: MatrixInput): Matrix64 {
    const z = this.decisionFunction(X);
    const K = z.cols;
    for (let i = 0; i < z.rows; i++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, z.data[i * K + k]);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += z.data[i * K + k] = Math.exp(z.data[i * K + k] - max);
      for (let k = 0; k < K; k++) z.data[i * K + k] /= sum;
    }
    return z;
  }

}

/** A fitted probe's weights re-expressed for a new scaler (same raw-feature logits), or undefined. */
function warmStartFrom(
  prev: LogisticProbe | undefined,
  classes: number[],
  rows: number,
  d: number,
  scaler: Scaler | undefined,
): { coef: Float64Array; intercept: Float64Array } | undefined {
  if (!prev?.coef || !prev.intercept || !prev.classes) return undefined;
  if (prev.coef.rows !== rows || prev.coef.cols !== d || prev.classes.join() !== classes.join()) return undefined;
  if (Boolean(prev.scaler) !== Boolean(scaler)) return undefined;
  const coef = Float64Array.from(prev.coef.data);
  const intercept = Float64Array.from(prev.intercept);
  if (scaler && prev.scaler) {
    // logit = Σ_j w_j (x_j − m_j)/s_j + b  ⇒  w'_j = w_j s'_j/s_j,  b' = b + Σ_j w_j (m'_j − m_j)/s_j.
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < d; j++) {
        const w = coef[r * d + j] / prev.scaler.scale[j];
        intercept[r] += w * (scaler.mean[j] - prev.scaler.mean[j]);
        coef[r * d + j] = w * scaler.scale[j];
      }
    }
  }
  return { coef, intercept };
}
