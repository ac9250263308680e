import { describe, expect, it } from 'vitest';
import { residueLabels } from './labels.js';
import { scatterMatrices } from './scatter.js';
import { noiseMatrix } from './test-helpers.js';

/** Brute force with explicit outer products on nested arrays (independent of the fast path). */
function bruteScatter(E: number[][], labels: number[]) {
  const d = E[0].length;
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const T = classes.length;
  const N = E.length;
  const mu = Array.from({ length: d }, (_, j) => E.reduce((s, e) => s + e[j], 0) / N);
  const zero = () => Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const SB = zero();
  const SW = zero();
  for (const c of classes) {
    const members = E.filter((_, i) => labels[i] === c);
    const m = Array.from({ length: d }, (_, j) => members.reduce((s, e) => s + e[j], 0) / members.length);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) SB[a][b] += ((m[a] - mu[a]) * (m[b] - mu[b])) / T;
    for (const e of members) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) SW[a][b] += ((e[a] - m[a]) * (e[b] - m[b])) / N;
  }
  return { SB, SW };
}

describe('scatterMatrices (paper.md §1.3)', () => {
  it('matches a brute-force computation for residue labels and for arbitrary, unbalanced labels', () => {
    const E = noiseMatrix(37, 4, 11);
    for (const labels of [Array.from(residueLabels(37, 5)), E.map((_, i) => [7, -2, 7, 30][i % 4])]) {
      const s = scatterMatrices(E, labels);
      const b = bruteScatter(E, labels);
      for (let a = 0; a < 4; a++) {
        for (let c = 0; c < 4; c++) {
          expect(s.SB.data[a * 4 + c]).toBeCloseTo(b.SB[a][c], 12);
          expect(s.SW.data[a * 4 + c]).toBeCloseTo(b.SW[a][c], 12);
        }
      }
      expect(s.traceSB).toBeCloseTo(b.SB.reduce((t, r, i) => t + r[i], 0), 12);
      expect(s.traceSW).toBeCloseTo(b.SW.reduce((t, r, i) => t + r[i], 0), 12);
    }
  });

  it('Tr(S_B) = 206.25 for the counterexample e(n) = 5·(n mod 10) + B·⌊n/10⌋, N = 1000, for any B', () => {
    for (const B of [0.03, 31]) {
      const E = Array.from({ length: 1000 }, (_, n) => [5 * (n % 10) + B * Math.floor(n / 10)]);
      const s = scatterMatrices(E, residueLabels(1000, 10), 10);
      expect(s.traceSB).toBeCloseTo(206.25, 9);
      expect(s.T).toBe(10);
      // Within-class spread comes only from the B·⌊n/10⌋ ramp: B²·(100² − 1)/12.
      expect(s.traceSW).toBeCloseTo((B * B * (100 * 100 - 1)) / 12, 6);
    }
  });

  it('reports classes, class means and the grand mean', () => {
    const s = scatterMatrices([[0], [2], [4], [10]], [1, 1, 5, 5]);
    expect(s.classes).toEqual([1, 5]);
    expect(Array.from(s.classMeans.data)).toEqual([1, 7]);
    expect(Array.from(s.grandMean)).toEqual([4]);
    expect(s.SB.data[0]).toBeCloseTo((9 + 9) / 2, 12);
    expect(s.SW.data[0]).toBeCloseTo((1 + 1 + 9 + 9) / 4, 12);
  });
});
