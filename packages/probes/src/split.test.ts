import { describe, expect, it } from 'vitest';
import { residueLabels } from './labels.js';
import { kFoldSplits, stratifiedSplit } from './split.js';

describe('stratifiedSplit', () => {
  const labels = residueLabels(103, 7);
  it('partitions the rows, puts every class in train and test with ≈ testSize of each class', () => {
    const s = stratifiedSplit(labels, { seed: 3 });
    const all = [...s.train, ...s.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 103 }, (_, i) => i));
    for (let r = 0; r < 7; r++) {
      const n = Array.from(labels).filter((l) => l === r).length;
      const inTest = Array.from(s.test).filter((i) => labels[i] === r).length;
      expect(inTest).toBe(Math.round(n * 0.2));
      expect(n - inTest).toBeGreaterThan(0);
    }
  });
  it('is deterministic per seed and differs across seeds', () => {
    expect(stratifiedSplit(labels, { seed: 1 })).toEqual(stratifiedSplit(labels, { seed: 1 }));
    expect(Array.from(stratifiedSplit(labels, { seed: 1 }).test)).not.toEqual(Array.from(stratifiedSplit(labels, { seed: 2 }).test));
  });
  it('keeps one row of a 2-row class on each side even for extreme testSize', () => {
    const s = stratifiedSplit([0, 0, 1, 1], { testSize: 0.9, seed: 0 });
    expect(s.train).toHaveLength(2);
    expect(s.test).toHaveLength(2);
  });
  it('rejects a bad testSize and a class with one row', () => {
    expect(() => stratifiedSplit(labels, { testSize: 1 })).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }));
    expect(() => stratifiedSplit([0, 1, 1])).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }));
  });
});

describe('kFoldSplits', () => {
  it('tests every row exactly once, folds differ in size by at most one, classes balanced', () => {
    const labels = residueLabels(53, 4);
    const folds = kFoldSplits(labels, { k: 5, seed: 9 });
    expect(folds).toHaveLength(5);
    const tested = folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
    expect(tested).toEqual(Array.from({ length: 53 }, (_, i) => i));
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const f of folds) {
      expect(f.train.length + f.test.length).toBe(53);
      for (let r = 0; r < 4; r++) expect(Array.from(f.test).filter((i) => labels[i] === r).length).toBeGreaterThanOrEqual(2);
    }
  });
  it('needs k ≥ 2 and at least k rows per class', () => {
    expect(() => kFoldSplits([0, 0, 1, 1], { k: 3 })).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }));
    expect(() => kFoldSplits([0, 0, 1, 1], { k: 1 })).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }));
  });
});
