import { NumfeatError, toMatrix64, type Matrix64, type MatrixInput } from '@numfeat/core';
import { encodeLabels, type EncodedLabels } from './labels.js';

/** Validated training data shared by every probe's fit(). */
export function prepareFit(X: MatrixInput, y: ArrayLike<number>): { m: Matrix64 } & EncodedLabels {
  const m = toMatrix64(X, 'X');
  const encoded = encodeLabels(y, 'y', m.rows);
  if (encoded.classes.length < 2) {
    throw new NumfeatError('BAD_RANGE', `y contains a single class (${encoded.classes[0]}); a probe needs at least 2`, {
      fix: 'fit on rows that cover at least two classes',
    });
  }
  return { m, ...encoded };
}

export function notFitted(name: string): NumfeatError {
  return new NumfeatError('NOT_FITTED', `${name} has not been fitted yet`, { fix: `call ${name}.fit(X, y) before predict/score` });
}

/** Accuracy of predicted labels against y (sklearn's `score`). */
export function accuracyOf(pred: Int32Array, y: ArrayLike<number>, rows: number): number {
  if (y.length !== rows) {
    throw new NumfeatError('SHAPE_MISMATCH', `y has ${y.length} labels but X has ${rows} rows`, {
      fix: 'pass exactly one label per row',
    });
  }
  let hits = 0;
  for (let i = 0; i < rows; i++) if (pred[i] === y[i]) hits++;
  return hits / rows;
}

/** Index of the largest entry in each row of a row-major K-column score matrix, mapped to class labels. */
export function argmaxLabels(scores: Float64Array, rows: number, K: number, classes: readonly number[]): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    let bestValue = scores[i * K];
    for (let k = 1; k < K; k++) {
      const v = scores[i * K + k];
      if (v > bestValue) {
        bestValue = v;
        best = k;
      }
    }
    out[i] = classes[best];
  }
  return out;
}
