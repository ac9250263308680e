import { NumfeatError, assertInteger } from '@numfeat/core';

/** Residue labels (start + i) mod T for the numbers start .. start+N−1 (always in 0..T−1). */
export function residueLabels(N: number, T: number, start = 0): Int32Array {
  assertInteger(N, 'N', 1);
  assertInteger(T, 'T', 2);
  assertInteger(start, 'start');
  const out = new Int32Array(N);
  for (let i = 0; i < N; i++) out[i] = (((start + i) % T) + T) % T;
  return out;
}

/** Labels mapped to class indices 0..K−1 (classes sorted ascending, like sklearn's classes_). */
export interface EncodedLabels {
  classes: number[];
  index: Int32Array;
}

/** Validates integer labels (optionally their count) and encodes them as class indices. */
export function encodeLabels(labels: ArrayLike<number>, name = 'labels', expectedLength?: number): EncodedLabels {
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new NumfeatError('BAD_ARGUMENT', `${name} must be an array of integer labels`, {
      fix: 'pass number[] or Int32Array, one label per row',
    });
  }
  if (expectedLength !== undefined && labels.length !== expectedLength) {
    throw new NumfeatError(
      'SHAPE_MISMATCH',
      `${name} has ${labels.length} entries but the matrix has ${expectedLength} rows`,
      { fix: 'pass exactly one label per row of the matrix' },
    );
  }
  if (labels.length === 0) {
    throw new NumfeatError('EMPTY_INPUT', `${name} is empty`, { fix: 'pass at least one label' });
  }
  const seen = new Set<number>();
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (!Number.isFinite(v)) {
      throw new NumfeatError('NON_FINITE', `${name} contains ${String(v)} at index ${i}`, {
        fix: 'labels must be finite integers',
      });
    }
    if (!Number.isInteger(v)) {
      throw new NumfeatError('BAD_ARGUMENT', `${name}[${i}] = ${v} is not an integer`, {
        fix: 'use integer class labels, e.g. n mod T',
      });
    }
    seen.add(v);
  }
  const classes = [...seen].sort((a, b) => a - b);
  const lookup = new Map(classes.map((c, k) => [c, k]));
  const index = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) index[i] = lookup.get(labels[i])!;
  return { classes, index };
}

/** Number of rows of each class index. */
export function classCounts(index: Int32Array, K: number): Int32Array {
  const counts = new Int32Array(K);
  for (let i = 0; i < index.length; i++) counts[index[i]]++;
  return counts;
}
