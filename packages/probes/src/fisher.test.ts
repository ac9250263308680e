import { EigenvalueDecomposition, Matrix, SingularValueDecomposition, inverse } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { fisherDiscriminant } from './fisher.js';
import { residueLabels } from './labels.js';
import { scatterMatrices } from './scatter.js';
import { gaussian, noiseMatrix } from './test-helpers.js';

function bruteEigenvalues(SW: number[][], SB: number[][]): number[] {
  const M = inverse(new Matrix(SW)).mmul(new Matrix(SB));
  return new EigenvalueDecomposition(M).realEigenvalues.sort((a, b) => b - a);
}

function toRows(data: Float64Array, d: number): number[][] {
  return Array.from({ length: d }, (_, i) => Array.from(data.subarray(i * d, (i + 1) * d)));
}

describe('fisherDiscriminant', () => {
  const g = gaussian(5);
  const N = 120;
  const T = 4;
  const labels = residueLabels(N, T);
  // Class-dependent shift in 5 dims + anisotropic noise: well conditioned, d = 5 < N − T.
  const E = Array.from({ length: N }, (_, n) => [0, 1, 2, 3, 4].map((j) => (j < 2 ? Math.cos(n + j) * (n % T) : 0) + (1 + j) * g()));

  it('λ_max and the T − 1 eigenvalues equal the brute-force generalized eigenproblem', () => {
    const f = fisherDiscriminant(E, labels);
    const s = scatterMatrices(E, labels);
    const brute = bruteEigenvalues(toRows(s.SW.data, 5), toRows(s.SB.data, 5));
    expect(f.treatment.kind).toBe('none');
    expect(f.eigenvalues).toHaveLength(T - 1);
    f.eigenvalues.forEach((v, i) => expect(v).toBeCloseTo(brute[i], 9));
    expect(f.lambdaMax).toBeCloseTo(brute[0], 9);
    expect(f.traceSB).toBeCloseTo(s.traceSB, 12);
    const swEig = new EigenvalueDecomposition(new Matrix(toRows(s.SW.data, 5))).realEigenvalues;
    expect(f.condSW).toBeCloseTo(Math.max(...swEig) / Math.min(...swEig), 8);
  });

  it('satisfies the paper.md §1.7 bounds', () => {
    const f = fisherDiscriminant(E, labels);
    const upper = f.traceSB / f.lambdaMinSW;
    const lower = upper / ((T - 1) * f.condSW);
    expect(f.lambdaMax).toBeLessThanOrEqual(upper * (1 + 1e-12));
    expect(f.lambdaMax).toBeGreaterThanOrEqual(lower * (1 - 1e-12));
  });

  it("switches to PCA when d ≥ N − T, capping the dims at N − T − 1, and 'none' throws SINGULAR_MATRIX", () => {
    const wide = noiseMatrix(30, 40, 9);
    const lab = residueLabels(30, 3);
    const f = fisherDiscriminant(wide, lab);
    expect(f.treatment.kind).toBe('pca');
    expect(f.treatment.reason).toMatch(/N − T/);
    expect(f.dims).toBe(26);
    expect(f.eigenvalues).toHaveLength(2);
    expect(Number.isFinite(f.condSW)).toBe(true);
    expect(() => fisherDiscriminant(wide, lab, { treatment: 'none' })).toThrow(expect.objectContaining({ code: 'SINGULAR_MATRIX' }));
    const ridge = fisherDiscriminant(noiseMatrix(60, 8, 2), residueLabels(60, 3), { treatment: 'ridge' });
    expect(ridge.treatment).toMatchObject({ kind: 'ridge', ridge: 1e-6 });
  });

  it('PCA keeps the dims the data span and agrees with the untreated answer when nothing is lost', () => {
    const f0 = fisherDiscriminant(E, labels);
    const f1 = fisherDiscriminant(E, labels, { treatment: 'pca' });
    expect(f1.dims).toBe(5);
    f0.eigenvalues.forEach((v, i) => expect(f1.eigenvalues[i]).toBeCloseTo(v, 8));
    // A duplicated column makes S_W numerically singular: 'auto' drops it via PCA.
    const dup = E.map((r) => [...r, r[0]]);
    const f2 = fisherDiscriminant(dup, labels);
    expect(f2.treatment.kind).toBe('pca');
    expect(f2.treatment.reason).toMatch(/rank-deficient/);
    expect(f2.dims).toBe(5);
    f0.eigenvalues.forEach((v, i) => expect(f2.eigenvalues[i]).toBeCloseTo(v, 6));
  });

  it("'auto' adds a ridge when classes are perfectly separable inside the PCA space; explicit 'pca' throws", () => {
    // Perfect circle (no within-class variance in 2 dims) + a ramp: S_W singular even after PCA.
    const E = Array.from({ length: 100 }, (_, n) => [Math.cos((2 * Math.PI * n) / 10), Math.sin((2 * Math.PI * n) / 10), n / 100]);
    const lab = residueLabels(100, 10);
    const f = fisherDiscriminant(E, lab);
    expect(f.treatment).toMatchObject({ kind: 'pca', ridge: 1e-6 });
    expect(f.treatment.reason).toMatch(/perfectly separable/);
    expect(f.lambdaMax).toBeGreaterThan(1e3);
    expect(() => fisherDiscriminant(E, lab, { treatment: 'pca' })).toThrow(expect.objectContaining({ code: 'SINGULAR_MATRIX' }));
  });

  it('PCA from the N × N side (d > N) equals a brute-force SVD projection', () => {
    const wide = noiseMatrix(24, 50, 3);
    const lab = Array.from(residueLabels(24, 2));
    const f = fisherDiscriminant(wide, lab, { pcaDims: 10 });
    expect(f.dims).toBe(10);
    const mean = wide[0].map((_, j) => wide.reduce((s, r) => s + r[j], 0) / wide.length);
    const Xc = new Matrix(wide.map((r) => r.map((v, j) => v - mean[j])));
    const V = new SingularValueDecomposition(Xc, { autoTranspose: true }).rightSingularVectors.subMatrix(0, 49, 0, 9);
    const projected = Xc.mmul(V).to2DArray();
    const s = scatterMatrices(projected, lab);
    const brute = bruteEigenvalues(toRows(s.SW.data, 10), toRows(s.SB.data, 10));
    expect(f.lambdaMax).toBeCloseTo(brute[0], 8);
  });
});
