import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isNumfeatError } from '@numfeat/core';
import { counterexample } from './counterexample.js';
import { bestLinearAccuracy1D, bestLinearClassifier1D } from './linear-1d.js';

/** argmax_c (w_c·x + b_c), ties to the lowest index. */
function predict(weights: number[], biases: number[], x: number): number {
  let best = 0;
  for (let c = 1; c < weights.length; c++) {
    if (weights[c] * x + biases[c] > weights[best] * x + biases[best]) best = c;
  }
  return best;
}

/**
 * Independent reference: enumerate every cut set between distinct sorted values and every
 * injective labelling of the resulting intervals; count the correct points directly.
 */
function bruteForce(x: number[], y: number[], T: number): number {
  const values = [...new Set(x)].sort((a, b) => a - b);
  const G = values.length;
  let best = 0;
  for (let cuts = 0; cuts < 1 << (G - 1); cuts++) {
    // segmentOf[g] = index of the interval holding value g
    const segmentOf: number[] = [0];
    for (let g = 1; g < G; g++) segmentOf.push(segmentOf[g - 1] + ((cuts >> (g - 1)) & 1));
    const K = segmentOf[G - 1] + 1;
    if (K > T) continue;
    const assign = (labelsSoFar: number[]): void => {
      if (labelsSoFar.length === K) {
        let correct = 0;
        x.forEach((xi, i) => {
          if (labelsSoFar[segmentOf[values.indexOf(xi)]] === y[i]) correct++;
        });
        best = Math.max(best, correct);
        return;
      }
      for (let c = 0; c < T; c++) if (!labelsSoFar.includes(c)) assign([...labelsSoFar, c]);
    };
    assign([]);
  }
  return best / x.length;
}

describe('bestLinearAccuracy1D', () => {
  it('reproduces the paper figure: 100% at B = 0.03 and exactly 10.9% at B = 31', () => {
    const small = counterexample({ N: 1000, T: 10, A: 5, B: 0.03 });
    const large = counterexample({ N: 1000, T: 10, A: 5, B: 31 });
    expect(bestLinearAccuracy1D(small.data, small.labels, 10)).toBe(1);
    const best = bestLinearClassifier1D(large.data, large.labels, 10);
    expect(best.correct).toBe(109);
    expect(best.accuracy).toBe(0.109);
  });

  it('returns affine functions whose argmax scores exactly the claimed optimum', () => {
    const ce = counterexample({ N: 1000, T: 10, A: 5, B: 31 });
    const best = bestLinearClassifier1D(ce.data, ce.labels, 10);
    let correct = 0;
    for (let n = 0; n < ce.N; n++) if (predict(best.weights, best.biases, ce.data[n]) === ce.labels[n]) correct++;
    expect(correct).toBe(best.correct);
    const labelsUsed = best.segments.map((s) => s.label);
    expect(new Set(labelsUsed).size).toBe(labelsUsed.length);
    expect(best.segments.reduce((s, seg) => s + seg.correct, 0)).toBe(best.correct);
  });

  it('agrees with brute force over all interval partitions on tiny random sets (with ties)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat()), { minLength: 1, maxLength: 9 }),
        (T, pts) => {
          const x = pts.map(([v]) => v); // small integer range forces repeated x values
          const y = pts.map(([, l]) => l % T);
          const exact = bruteForce(x, y, T);
          expect(bestLinearAccuracy1D(x, y, T)).toBe(exact);
          const cls = bestLinearClassifier1D(x, y, T);
          const realised = x.filter((xi, i) => predict(cls.weights, cls.biases, xi) === y[i]).length;
          expect(realised / x.length).toBe(exact);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('is never beaten by random argmax-of-affine classifiers', () => {
    const [x, y] = fc.sample(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3 })), { minLength: 60, maxLength: 60 }),
      { numRuns: 1, seed: 3 },
    )[0].reduce<[number[], number[]]>(([xs, ys], [v, l]) => [[...xs, v / 4], [...ys, l]], [[], []]);
    const best = bestLinearAccuracy1D(x, y, 4);
    const coeffs = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(coeffs, coeffs, (w, b) => {
        const acc = x.filter((xi, i) => predict(w, b, xi) === y[i]).length / x.length;
        expect(acc).toBeLessThanOrEqual(best);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('gives equal x values the same label', () => {
    // Two classes on one point: the best any function of x can do is 2 of 3.
    expect(bestLinearAccuracy1D([1, 1, 1], [0, 1, 1], 2)).toBeCloseTo(2 / 3, 15);
    // Labels 0,1,0 on a line need label 0 twice: only 2 of 3 are reachable.
    expect(bestLinearAccuracy1D([0, 1, 2], [0, 1, 0], 2)).toBeCloseTo(2 / 3, 15);
    expect(bestLinearAccuracy1D([0, 1, 2], [0, 1, 0], 3)).toBeCloseTo(2 / 3, 15);
  });

  it('rejects bad input with a fix', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect(isNumfeatError(err(() => bestLinearAccuracy1D([1, 2], [0, 1], 13)), 'BAD_RANGE')).toBe(true);
    expect(isNumfeatError(err(() => bestLinearAccuracy1D([1, 2], [0], 2)), 'SHAPE_MISMATCH')).toBe(true);
    expect(isNumfeatError(err(() => bestLinearAccuracy1D([1, NaN], [0, 1], 2)), 'NON_FINITE')).toBe(true);
    expect(isNumfeatError(err(() => bestLinearAccuracy1D([1, 2], [0, 2], 2)), 'BAD_RANGE')).toBe(true);
    expect(isNumfeatError(err(() => bestLinearAccuracy1D([1, 2], [0, 0.5], 2)), 'BAD_RANGE')).toBe(true);
    expect(String((err(() => bestLinearAccuracy1D([1], [0], 20)) as Error).message)).toMatch(/merge classes/);
  });
});
