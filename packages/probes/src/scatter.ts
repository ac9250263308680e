import { NumfeatError, toMatrix64, type Matrix64, type MatrixInput } from '@numfeat/core';
import { crossProduct } from './linalg.js';
import { encodeLabels } from './labels.js';

/** Between/within-class scatter with the paper's weighting (paper.md §1.3). */
export interface Scatter {
  /** Number of classes. */
  T: number;
  N: number;
  d: number;
  /** Sorted distinct labels; row r of classMeans belongs to classes[r]. */
  classes: number[];
  classMeans: Matrix64;
  /** Mean over all N points. */
  grandMean: Float64Array;
  /** S_B = (1/T) Σ_r (μ_r − μ)(μ_r − μ)ᵀ (unweighted over classes). */
  SB: Matrix64;
  /** S_W = (1/N) Σ_r Σ_{n∈C_r} (e(n) − μ_r)(e(n) − μ_r)ᵀ (averaged over points). */
  SW: Matrix64;
  traceSB: number;
  traceSW: number;
}

/** Class means, grand mean and the within-class-centred rows (shared by scatter and Fisher). */
export function classStatistics(m: Matrix64, index: Int32Array, K: number) {
  const { rows: N, cols: d, data } = m;
  const means = new Float64Array(K * d);
  const counts = new Float64Array(K);
  const grand = new Float64Array(d);
  for (let i = 0; i < N; i++) {
    const k = index[i];
    counts[k]++;
    for (let j = 0; j < d; j++) {
      means[k * d + j] += data[i * d + j];
      grand[j] += data[i * d + j];
    }
  }
  for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) means[k * d + j] /= counts[k];
  for (let j = 0; j < d; j++) grand[j] /= N;
  const within = new Float64Array(N * d);
  for (let i = 0; i < N; i++) {
    const k = index[i];
    for (let j = 0; j < d; j++) within[i * d + j] = data[i * d + j] - means[k * d + j];
  }
  const between = new Float64Array(K * d);
  for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) between[k * d + j] = means[k * d + j] - grand[j];
  return { means, counts, grand, within, between };
}

/** Validated matrix + labels for the scatter/Fisher family. */
export function prepareLabelled(E: MatrixInput, labels: ArrayLike<number>, T?: number) {
  const m = toMatrix64(E, 'E');
  const { classes, index } = encodeLabels(labels, 'labels', m.rows);
  if (T !== undefined) {
    if (typeof T !== 'number' || !Number.isInteger(T) || T < 2) {
      throw new NumfeatError('BAD_RANGE', `T must be an integer ≥ 2, got ${String(T)}`, { fix: 'pass the number of classes, e.g. the modulus' });
    }
    if (classes.length !== T) {
      throw new NumfeatError('BAD_RANGE', `labels contain ${classes.length} distinct classes but T = ${T}`, {
        fix: `make every one of the T classes occur (N ≥ T rows), or omit T`,
      });
    }
  }
  if (classes.length < 2) {
    throw new NumfeatError('BAD_RANGE', `labels contain a single class; scatter needs T ≥ 2 classes`, {
      fix: 'use labels with at least two distinct values (e.g. n mod T with T ≥ 2)',
    });
  }
  return { m, classes, index };
}

/** S_B and S_W exactly as paper.md §1.3, for arbitrary integer labels. */
export function scatterMatrices(E: MatrixInput, labels: ArrayLike<number>, T?: number): Scatter {
  const { m, classes, index } = prepareLabelled(E, labels, T);
  const K = classes.length;
  const { rows: N, cols: d } = m;
  const { means, grand, within, between } = classStatistics(m, index, K);
  const SB = crossProduct(between, K, d, K);
  const SW = crossProduct(within, N, d, N);
  let traceSB = 0;
  let traceSW = 0;
  for (let j = 0; j < d; j++) {
    traceSB += SB[j * d + j];
    traceSW += SW[j * d + j];
  }
  return {
    T: K,
    N,
    d,
    classes,
    classMeans: { data: means, rows: K, cols: d },
    grandMean: grand,
    SB: { data: SB, rows: d, cols: d },
    SW: { data: SW, rows: d, cols: d },
    traceSB,
    traceSW,
  };
}
