import { describe, expect, it } from 'vitest';
import { fitParametricPrior, measuredNumberCounts, numberPrior, parametricPrior } from './prior.js';

describe('numberPrior', () => {
  it('is a distribution over 0..999 with the uniform floor', () => {
    for (const kind of ['measured', 'parametric'] as const) {
      const p = numberPrior({ kind, uniformFloor: 0.3 });
      expect(p.length).toBe(1000);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(Math.min(...p)).toBeGreaterThanOrEqual(0.3 / 1000 - 1e-15);
    }
    expect(() => numberPrior({ uniformFloor: 2 })).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }));
  });

  it('the committed measurement has the corpus shape: small and round numbers common', () => {
    const c = measuredNumberCounts();
    expect(c.length).toBe(1000);
    expect(c[1] + c[2] + c[3]).toBeGreaterThan(c[701] + c[702] + c[703]);
    let round = 0;
    let other = 0;
    for (let n = 100; n < 1000; n++) (n % 10 === 0 ? (round += c[n]) : (other += c[n]));
    expect(round / 90 / (other / 810)).toBeGreaterThan(3);
  });

  it('the Poisson fit recovers known parameters from exact expected counts', () => {
    const truth = { alpha: 0.9, round5: 1.5, round10: 3, round100: 2 };
    const counts = parametricPrior(truth).map((p) => p * 1e7);
    const fit = fitParametricPrior(counts);
    expect(fit.alpha).toBeCloseTo(0.9, 6);
    expect(fit.round5).toBeCloseTo(1.5, 6);
    expect(fit.round10).toBeCloseTo(3, 6);
    expect(fit.round100).toBeCloseTo(2, 6);
  });
});
