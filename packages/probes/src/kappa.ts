import { NumfeatError } from '@numfeat/core';

function checkPair(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  for (const [y, name] of [[yTrue, 'yTrue'], [yPred, 'yPred']] as const) {
    if (y === null || typeof y !== 'object' || typeof y.length !== 'number') {
      throw new NumfeatError('BAD_ARGUMENT', `${name} must be an array of labels`, { fix: 'pass number[] or Int32Array' });
    }
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(y[i])) {
        throw new NumfeatError('NON_FINITE', `${name} contains ${String(y[i])} at index ${i}`, {
          fix: 'labels must be finite numbers',
        });
      }
    }
  }
  if (yTrue.length !== yPred.length) {
    throw new NumfeatError('SHAPE_MISMATCH', `yTrue has ${yTrue.length} labels but yPred has ${yPred.length}`, {
      fix: 'pass one prediction per true label',
    });
  }
  if (yTrue.length === 0) throw new NumfeatError('EMPTY_INPUT', 'no labels to compare', { fix: 'pass at least one label' });
}

/**
 * Confusion matrix over the sorted union of labels in yTrue and yPred (sklearn `confusion_matrix`):
 * rows = true label, columns = predicted label.
 */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  labels?: readonly number[],
): { labels: number[]; matrix: number[][] } {
  checkPair(yTrue, yPred);
  const all = labels ? [...labels] : [...new Set([...Array.from(yTrue), ...Array.from(yPred)])].sort((a, b) => a - b);
  const at = new Map(all.map((l, i) => [l, i]));
  const matrix = all.map(() => new Array<number>(all.length).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const r = at.get(yTrue[i]);
    const c = at.get(yPred[i]);
    if (r === undefined || c === undefined) continue; // sklearn ignores labels outside `labels`
    matrix[r][c]++;
  }
  return { labels: all, matrix };
}

/**
 * Cohen's κ with sklearn `cohen_kappa_score` semantics (unweighted), as a fraction (×100 for %):
 * κ = 1 − Σ_{i≠j} C_ij / Σ_{i≠j} E_ij with E = outer(column sums, row sums)/n, which equals
 * (p_o − p_e)/(1 − p_e). When p_e = 1 (both raters use one and the same single label) κ is 0/0 and,
 * exactly like sklearn, the result is NaN.
 */
export function cohenKappa(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { matrix } = confusionMatrix(yTrue, yPred);
  return kappaFromConfusion(matrix);
}

/** κ from a confusion matrix (same arithmetic as sklearn). */
export function kappaFromConfusion(matrix: readonly (readonly number[])[]): number {
  const K = matrix.length;
  const rowSums = new Float64Array(K);
  const colSums = new Float64Array(K);
  let total = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      rowSums[i] += matrix[i][j];
      colSums[j] += matrix[i][j];
      total += matrix[i][j];
    }
  }
  let observedOff = 0;
  let expectedOff = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      if (i === j) continue;
      observedOff += matrix[i][j];
      expectedOff += (colSums[i] * rowSums[j]) / total;
    }
  }
  return 1 - observedOff / expectedOff;
}

/** Fraction of equal labels. */
export function accuracyScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair(yTrue, yPred);
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}
