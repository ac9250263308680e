import { NumfeatError, type Matrix64 } from '@numfeat/core';

/** Copy of the given rows of a row-major matrix. */
export function gatherRows(m: Matrix64, rows: ArrayLike<number>): Matrix64 {
  const { cols } = m;
  const data = new Float64Array(rows.length * cols);
  for (let i = 0; i < rows.length; i++) data.set(m.data.subarray(rows[i] * cols, (rows[i] + 1) * cols), i * cols);
  return { data, rows: rows.length, cols };
}

/** Per-column mean and scale (population std, ddof = 0; constant columns get scale 1, like sklearn's StandardScaler). */
export interface Scaler {
  mean: Float64Array;
  scale: Float64Array;
}

export function fitScaler(m: Matrix64): Scaler {
  const { rows, cols, data } = m;
  const mean = new Float64Array(cols);
  const scale = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const c = data[i * cols + j] - mean[j];
      scale[j] += c * c;
    }
  }
  for (let j = 0; j < cols; j++) {
    const variance = scale[j] / rows;
    // sklearn's _is_constant_feature: a column whose variance is round-off is left unscaled.
    const bound = rows * Number.EPSILON * variance + (rows * Math.abs(mean[j]) * Number.EPSILON) ** 2;
    scale[j] = variance <= bound ? 1 : Math.sqrt(variance);
  }
  return { mean, scale };
}

/** (x − mean)/scale for every row, as a new matrix (or a copy when no scaler is given). */
export function applyScaler(m: Matrix64, scaler: Scaler | undefined): Matrix64 {
  const data = Float64Array.from(m.data);
  if (scaler) {
    const { cols } = m;
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < cols; j++) data[i * cols + j] = (data[i * cols + j] - scaler.mean[j]) / scaler.scale[j];
    }
  }
  return { data, rows: m.rows, cols: m.cols };
}

export function assertColumns(m: Matrix64, expected: number, what: string): void {
  if (m.cols !== expected) {
    throw new NumfeatError('SHAPE_MISMATCH', `${what} has ${m.cols} columns but the probe was fitted on ${expected}`, {
      fix: 'pass features with the same dimension as the training matrix',
    });
  }
}
