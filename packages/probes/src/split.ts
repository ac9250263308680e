import { NumfeatError, assertInteger } from '@numfeat/core';
import { classCounts, encodeLabels } from './labels.js';
import { shuffleInPlace } from '@numfeat/core';
import { probeRandom } from './prng.js';

/** Row indices of one train/test split, each sorted ascending. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

function membersByClass(index: Int32Array, K: number): Int32Array[] {
  const counts = classCounts(index, K);
  const members = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(K);
  for (let i = 0; i < index.length; i++) members[index[i]][fill[index[i]]++] = i;
  return members;
}

function sorted(list: number[]): Int32Array {
  return Int32Array.from(list).sort();
}

/**
 * Stratified random split: each class is shuffled with a seeded PRNG and round(n_c·testSize) of its
 * rows (clamped to [1, n_c − 1]) go to the test set, so every class is in both train and test.
 */
export function stratifiedSplit(labels: ArrayLike<number>, opts: { testSize?: number; seed?: number } = {}): Split {
  const testSize = opts.testSize ?? 0.2;
  const seed = opts.seed ?? 0;
  if (typeof testSize !== 'number' || !(testSize > 0 && testSize < 1)) {
    throw new NumfeatError('BAD_RANGE', `testSize must be in (0, 1), got ${String(testSize)}`, {
      fix: 'pass a fraction such as 0.2',
    });
  }
  assertInteger(seed, 'seed');
  const { classes, index } = encodeLabels(labels);
  const members = membersByClass(index, classes.length);
  const random = probeRandom(seed);
  const train: number[] = [];
  const test: number[] = [];
  members.forEach((rows, k) => {
    if (rows.length < 2) {
      throw new NumfeatError('BAD_RANGE', `class ${classes[k]} has ${rows.length} row(s); a split needs at least 2`, {
        fix: 'give every class at least 2 rows (for mod-T probes: N ≥ 2T)',
      });
    }
    const shuffled = Int32Array.from(rows);
    shuffleInPlace(shuffled, random);
    const nTest = Math.min(rows.length - 1, Math.max(1, Math.round(rows.length * testSize)));
    for (let i = 0; i < shuffled.length; i++) (i < nTest ? test : train).push(shuffled[i]);
  });
  return { train: sorted(train), test: sorted(test) };
}

/**
 * Stratified k-fold: each class is shuffled with a seeded PRNG and dealt round-robin to the k folds
 * (continuing where the previous class stopped, so fold sizes differ by at most one).
 * Every row is in exactly one test fold; every class must have at least k rows.
 */
export function kFoldSplits(labels: ArrayLike<number>, opts: { k?: number; seed?: number } = {}): Split[] {
  const k = assertInteger(opts.k ?? 5, 'k', 2);
  const seed = assertInteger(opts.seed ?? 0, 'seed');
  const { classes, index } = encodeLabels(labels);
  const members = membersByClass(index, classes.length);
  const random = probeRandom(seed);
  const foldOf = new Int32Array(index.length);
  let next = 0;
  members.forEach((rows, c) => {
    if (rows.length < k) {
      throw new NumfeatError('BAD_RANGE', `class ${classes[c]} has ${rows.length} row(s), fewer than k = ${k} folds`, {
        fix: `use k ≤ ${rows.length} or more rows per class`,
      });
    }
    const shuffled = Int32Array.from(rows);
    shuffleInPlace(shuffled, random);
    for (let i = 0; i < shuffled.length; i++) foldOf[shuffled[i]] = next++ % k;
  });
  const splits: Split[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < foldOf.length; i++) (foldOf[i] === f ? test : train).push(i);
    splits.push({ train: sorted(train), test: sorted(test) });
  }
  return splits;
}
