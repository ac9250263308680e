import type { Matrix64, MatrixInput } from '@numfeat/core';
import { accuracyOf, argmaxLabels, notFitted } from './fit-input.js';

/**
 * What every probe shares (scikit-learn's ClassifierMixin): `predict` is the argmax of a fitted
 * probe's `decisionFunction`, and `score` is the accuracy of `predict`. A probe implements `fit` and
 * `decisionFunction` (or overrides `predict`, as the circular probe does).
 */
export abstract class Probe {
  /** The class labels seen by `fit`, in column order of `decisionFunction`. */
  classes?: number[];

  /** Class scores per row: N × K, columns in the order of `classes`. */
  abstract decisionFunction(X: MatrixInput): Matrix64;

  predict(X: MatrixInput): Int32Array {
    const z = this.decisionFunction(X);
    if (!this.classes) throw notFitted(this.constructor.name);
    return argmaxLabels(z.data, z.rows, z.cols, this.classes);
  }

  /** Accuracy of `predict(X)` against y. */
  score(X: MatrixInput, y: ArrayLike<number>): number {
    const pred = this.predict(X);
    return accuracyOf(pred, y, pred.length);
  }
}
