import { describe, expect, it } from 'vitest';
import { CircularProbe } from './circular.js';
import { cohenKappa } from './kappa.js';
import { residueLabels } from './labels.js';
import { LDAProbe } from './lda.js';
import { LogisticProbe } from './logistic.js';
import { shuffleInPlace } from '@numfeat/core';
import { probeRandom } from './prng.js';
import { probeModuli, probeModulus } from './probe.js';
import { gaussian } from './test-helpers.js';

/** Rows (cos, sin)(2πn/T) rotated into `d` dims, plus optional noise. */
function circle(N: number, T: number, d: number, noise = 0, seed = 1): number[][] {
  const g = gaussian(seed);
  const a = Array.from({ length: d }, () => g());
  const b = Array.from({ length: d }, () => g());
  return Array.from({ length: N }, (_, n) => {
    const c = Math.cos((2 * Math.PI * n) / T);
    const s = Math.sin((2 * Math.PI * n) / T);
    return a.map((aj, j) => c * aj + s * b[j] + noise * g());
  });
}

describe('probeModulus', () => {
  it('κ = 100 on perfectly circular embeddings (logistic, circular; LDA with tiny noise)', () => {
    const E = circle(200, 10, 6);
    expect(probeModulus(E, 10).kappa).toBe(100);
    expect(probeModulus(E, 10, { probe: 'circular' }).kappa).toBe(100);
    expect(probeModulus(circle(200, 10, 6, 1e-3), 10, { probe: 'lda' }).kappa).toBe(100);
    // n mod 5 IS a function of n mod 10, but on a period-10 circle its classes are antipodal pairs
    // (n and n + 5), which no linear probe separates: Fourier power at 1/10 is not mod-5 separability.
    expect(probeModulus(E, 5).kappa).toBeLessThan(30);
  });

  it('κ ≈ 0 when the rows are shuffled so labels carry no geometry', () => {
    const E = circle(400, 5, 8, 0.2);
    shuffleInPlace(E, probeRandom(3));
    const r = probeModulus(E, 5);
    expect(Math.abs(r.kappa)).toBeLessThan(8);
    expect(probeModulus(circle(400, 5, 8, 0.2), 5).kappa).toBeGreaterThan(90); // control: unshuffled
  });

  it('κ = (acc − 1/T)/(1 − 1/T) exactly when the test classes are balanced', () => {
    const E = circle(1000, 10, 12, 1.2, 4);
    for (const T of [2, 4, 5, 10]) {
      const r = probeModulus(E, T, { seeds: [0, 1] });
      for (const s of r.perSeed) {
        const acc = s.accuracy / 100;
        expect(s.kappa).toBeCloseTo((100 * (acc - 1 / T)) / (1 - 1 / T), 9);
      }
    }
  });

  it('defaults: logistic C = 1, standardised, stratified 80/20, seeds 0..4, protocol reported', () => {
    const r = probeModulus(circle(100, 10, 4, 0.5), 10);
    expect(r.perSeed.map((s) => s.seed)).toEqual([0, 1, 2, 3, 4]);
    expect(r.protocol).toMatchObject({ probe: 'logistic', C: 1, split: 'random', testSize: 0.2, seeds: [0, 1, 2, 3, 4], start: 0 });
    expect(r.protocol.standardize).toMatch(/TRAIN/);
    const total = r.confusion.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(5 * 20); // every seed tests 2 of the 10 numbers per residue
    const mean = r.perSeed.reduce((a, s) => a + s.kappa, 0) / 5;
    expect(r.kappa).toBeCloseTo(mean, 12);
    expect(r.perSeed.every((s) => s.converged)).toBe(true);
  });

  it('k-fold: every number is tested once per seed; results are deterministic', () => {
    const E = circle(150, 3, 5, 0.8);
    const r = probeModulus(E, 3, { split: 'kfold', k: 5 });
    expect(r.perSeed).toHaveLength(5);
    expect(r.perSeed.map((s) => s.fold)).toEqual([0, 1, 2, 3, 4]);
    expect(r.confusion.flat().reduce((a, b) => a + b, 0)).toBe(150);
    expect(r.protocol).toMatchObject({ split: 'kfold', k: 5, seeds: [0] });
    expect(probeModulus(E, 3, { split: 'kfold', k: 5 })).toEqual(r);
  });

  it('labels are (start + i) mod T: shifting start shifts the residues the probe must find', () => {
    const E = circle(100, 10, 4); // row i has angle 2πi/10
    const r = probeModulus(E, 10, { start: 3 });
    expect(r.kappa).toBe(100);
    expect(r.protocol.start).toBe(3);
  });

  it('probeModuli runs every modulus and smooth embeddings give negative κ at odd moduli', () => {
    // Smooth in n: a slow spiral. Held-out n gets its neighbours' residue, wrong for odd T.
    const E = Array.from({ length: 200 }, (_, n) => [Math.cos(n / 20), Math.sin(n / 20), n / 200]);
    const r = probeModuli(E, [2, 3]);
    expect(Object.keys(r)).toEqual(['2', '3']);
    expect(r[3].kappa).toBeLessThan(5);
  });
});

describe('probe classes', () => {
  it('LogisticProbe fits arbitrary integer labels and returns them', () => {
    const E = circle(90, 3, 4, 0.05);
    const y = Array.from(residueLabels(90, 3), (r) => [-5, 10, 42][r]);
    const p = new LogisticProbe().fit(E, y);
    expect(p.classes).toEqual([-5, 10, 42]);
    expect(p.score(E, y)).toBe(1);
    expect(cohenKappa(y, p.predict(E))).toBe(1);
    const proba = p.predictProba(E);
    for (let i = 0; i < 90; i++) expect(proba.data[i * 3] + proba.data[i * 3 + 1] + proba.data[i * 3 + 2]).toBeCloseTo(1, 12);
  });

  it("multiClass 'multinomial' for two classes gives the symmetric softmax (same predictions here)", () => {
    const E = circle(60, 2, 3, 0.3, 8);
    const y = residueLabels(60, 2);
    const a = new LogisticProbe().fit(E, y);
    const b = new LogisticProbe({ multiClass: 'multinomial' }).fit(E, y);
    expect(b.coef!.rows).toBe(2);
    expect(a.coef!.rows).toBe(1);
    expect(Array.from(b.predict(E))).toEqual(Array.from(a.predict(E)));
  });

  it('solver options change the path, not the optimum: preconditioner refresh and warm start', () => {
    const E = circle(240, 6, 10, 1.0, 12);
    const y = residueLabels(240, 6);
    const plain = new LogisticProbe({ refreshAfter: 0 }).fit(E, y);
    const refreshed = new LogisticProbe({ refreshAfter: 3 }).fit(E, y);
    const warm = new LogisticProbe().fit(E.slice(0, 200), y.slice(0, 200));
    const warmStarted = new LogisticProbe().fit(E, y, { warmStart: warm });
    const a = plain.predictProba(E).data;
    for (const other of [refreshed, warmStarted]) {
      expect(other.fitInfo!.converged).toBe(true);
      const b = other.predictProba(E).data;
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5);
    }
  });

  it('a stronger penalty (smaller C) shrinks the weights', () => {
    const E = circle(100, 5, 4, 0.3);
    const y = residueLabels(100, 5);
    const norm = (p: LogisticProbe) => Math.hypot(...p.coef!.data);
    expect(norm(new LogisticProbe({ C: 0.01 }).fit(E, y))).toBeLessThan(norm(new LogisticProbe({ C: 1 }).fit(E, y)));
  });

  it('LDAProbe reports the Ledoit–Wolf shrinkage it used and works when d > N', () => {
    const g = gaussian(2);
    const E = Array.from({ length: 30 }, () => Array.from({ length: 50 }, () => g()));
    const y = residueLabels(30, 3);
    const p = new LDAProbe().fit(E, y);
    expect(p.shrinkageUsed!).toBeGreaterThan(0);
    expect(p.shrinkageUsed!).toBeLessThanOrEqual(1);
    expect(p.predict(E)).toHaveLength(30);
    expect(() => new LDAProbe({ shrinkage: 0 }).fit(E, y)).toThrow(expect.objectContaining({ code: 'SINGULAR_MATRIX' }));
  });

  it('CircularProbe decodes the angle to the nearest residue', () => {
    const E = circle(50, 7, 3);
    const y = residueLabels(50, 7);
    const p = new CircularProbe().fit(E, y);
    expect(p.T).toBe(7);
    expect(Array.from(p.predict(E))).toEqual(Array.from(y));
    expect(p.score(E, y)).toBe(1);
  });
});
