import { describe, expect, it } from 'vitest';
import { isNumfeatError, toMatrix64 } from '@numfeat/core';
import { counterexample } from './counterexample.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isNumfeatError(e) ? e.code : 'not a NumfeatError';
  }
  return undefined;
}

describe('counterexample', () => {
  it('builds e(n) = A·r + B·m row by row (1-D)', () => {
    const ce = counterexample({ N: 1000, T: 10, A: 5, B: 31 });
    expect([ce.rows, ce.cols, ce.K, ce.d]).toEqual([1000, 1, 100, 1]);
    expect(ce.data[0]).toBe(0);
    expect(ce.data[7]).toBe(35); // r = 7, m = 0
    expect(ce.data[123]).toBe(5 * 3 + 31 * 12);
    expect(ce.data[999]).toBe(5 * 9 + 31 * 99);
    expect(ce.labels[123]).toBe(3);
    expect(ce.phiClosedForm).toBe(206250);
    expect(ce.traceSBClosedForm).toBe(206.25);
  });

  it('builds d-D embeddings from vectors and is a valid matrix input', () => {
    const ce = counterexample({ N: 12, T: 3, A: [1, -2], B: [0.5, 4] });
    const m = toMatrix64(ce);
    expect([m.rows, m.cols]).toEqual([12, 2]);
    // n = 8 → r = 2, m = 2
    expect(Array.from(m.data.subarray(16, 18))).toEqual([1 * 2 + 0.5 * 2, -2 * 2 + 4 * 2]);
    expect(ce.phiClosedForm).toBeCloseTo((12 * 5 * 8) / 12, 12);
    expect(ce.traceSWClosedForm).toBeCloseTo((16.25 * 15) / 12, 12);
  });

  it('closed forms match direct class-mean and within-class computations', () => {
    const ce = counterexample({ N: 60, T: 4, A: [2, 0.3, -1], B: [0.7, -5, 1.5] });
    const { N, T, d } = ce;
    const means = Array.from({ length: T }, () => new Array<number>(d).fill(0));
    const grand = new Array<number>(d).fill(0);
    for (let n = 0; n < N; n++) {
      for (let j = 0; j < d; j++) {
        means[ce.labels[n]][j] += ce.data[n * d + j] / (N / T);
        grand[j] += ce.data[n * d + j] / N;
      }
    }
    let traceSB = 0;
    for (const mu of means) for (let j = 0; j < d; j++) traceSB += (mu[j] - grand[j]) ** 2 / T;
    let traceSW = 0;
    for (let n = 0; n < N; n++) for (let j = 0; j < d; j++) traceSW += (ce.data[n * d + j] - means[ce.labels[n]][j]) ** 2 / N;
    expect(traceSB).toBeCloseTo(ce.traceSBClosedForm, 10);
    expect(traceSW).toBeCloseTo(ce.traceSWClosedForm, 10);
  });

  it('validates N, T, A and B with actionable errors', () => {
    expect(codeOf(() => counterexample({ N: 1001, T: 10, A: 5, B: 1 }))).toBe('NOT_DIVISIBLE');
    expect(codeOf(() => counterexample({ N: 10, T: 10, A: 5, B: 1 }))).toBe('BAD_RANGE'); // N < 2T
    expect(codeOf(() => counterexample({ N: 10, T: 1, A: 5, B: 1 }))).toBe('BAD_RANGE');
    expect(codeOf(() => counterexample({ N: 10.5, T: 5, A: 5, B: 1 }))).toBe('BAD_ARGUMENT');
    expect(codeOf(() => counterexample({ N: 20, T: 5, A: [1, 2], B: [1] }))).toBe('SHAPE_MISMATCH');
    expect(codeOf(() => counterexample({ N: 20, T: 5, A: NaN, B: 1 }))).toBe('NON_FINITE');
    expect(codeOf(() => counterexample({ N: 20, T: 5, A: [], B: [] }))).toBe('EMPTY_INPUT');
    expect(() => counterexample({ N: 1001, T: 10, A: 5, B: 1 })).toThrow(/N = 1000 or N = 1010/);
  });
});
