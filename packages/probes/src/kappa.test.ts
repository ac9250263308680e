import { describe, expect, it } from 'vitest';
import { accuracyScore, cohenKappa, confusionMatrix } from './kappa.js';
import { residueLabels } from './labels.js';
import { probeRandom } from './prng.js';

describe('cohenKappa', () => {
  it('is 1 for perfect agreement, and (p_o − p_e)/(1 − p_e) by hand on a small table', () => {
    expect(cohenKappa([0, 1, 2, 2], [0, 1, 2, 2])).toBe(1);
    // yTrue = [0,0,1,1], yPred = [0,1,1,1]: p_o = 3/4, p_e = (2·1 + 2·3)/16 = 1/2 → κ = 1/2.
    expect(cohenKappa([0, 0, 1, 1], [0, 1, 1, 1])).toBeCloseTo(0.5, 15);
  });
  it('equals (acc − 1/T)/(1 − 1/T) whenever the true classes are balanced, whatever the predictions', () => {
    const random = probeRandom(7);
    for (const T of [2, 3, 5, 10]) {
      const truth = residueLabels(10 * T, T);
      const pred = Array.from(truth, (t) => (random() < 0.4 ? t : Math.floor(random() * T)));
      const acc = accuracyScore(truth, pred);
      expect(cohenKappa(truth, pred)).toBeCloseTo((acc - 1 / T) / (1 - 1 / T), 12);
    }
  });
  it('is NaN when p_e = 1 (one shared label), like sklearn', () => {
    expect(cohenKappa([4, 4], [4, 4])).toBeNaN();
  });
  it('is negative when predictions are systematically wrong', () => {
    expect(cohenKappa([0, 1, 0, 1], [1, 0, 1, 0])).toBe(-1);
  });
  it('confusion matrix uses the sorted union of labels', () => {
    expect(confusionMatrix([2, 0], [0, 5])).toEqual({ labels: [0, 2, 5], matrix: [[0, 0, 1], [1, 0, 0], [0, 0, 0]] });
  });
});
