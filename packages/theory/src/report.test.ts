import { describe, expect, it } from 'vitest';
import { counterexample } from './counterexample.js';
import { theorem1Report } from './report.js';
import { randomEmbeddings } from './test-data.js';

describe('theorem1Report', () => {
  it('collects every Theorem 1 quantity for the paper counterexample, JSON round-trippable', () => {
    const report = theorem1Report(counterexample({ N: 1000, T: 10, A: 5, B: 31 }), 10, { fisher: { treatment: 'none' } });
    const json = JSON.parse(JSON.stringify(report));
    expect(json.N).toBe(1000);
    expect(json.d).toBe(1);
    expect(Math.abs(json.phi - 206250) / 206250).toBeLessThan(1e-9);
    expect(Math.abs(json.traceSB - 206.25) / 206.25).toBeLessThan(1e-9);
    expect(json.lemma.holds).toBe(true);
    expect(json.fisher.holdsLower && json.fisher.holdsUpper).toBe(true);
    expect(json.bestLinear1D.accuracy).toBe(0.109);
    expect(json.bestLinear1D.correct).toBe(109);
    // Harmonics: |F_{ℓ/T}|² = N·A²/(4 sin²(πℓ/T)), summing to Φ_T.
    expect(json.harmonics).toHaveLength(9);
    for (const h of json.harmonics) {
      expect(h.power).toBeCloseTo((1000 * 25) / (4 * Math.sin((Math.PI * h.ell) / 10) ** 2), 6);
    }
    const sum = json.harmonics.reduce((s: number, h: { power: number }) => s + h.power, 0);
    expect(Math.abs(sum - json.phi) / json.phi).toBeLessThan(1e-9);
  });

  it('omits the 1-D accuracy for d > 1 and passes Fisher options through', () => {
    const report = theorem1Report(randomEmbeddings(2, 60, 3, 6), 6, { fisher: { treatment: 'none' } });
    expect(report.bestLinear1D).toBeUndefined();
    expect(report.d).toBe(3);
    expect(report.fisher.treatment.kind).toBe('none');
    expect(report.lemma.holds).toBe(true);
  });
});
