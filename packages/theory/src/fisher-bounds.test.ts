import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { counterexample } from './counterexample.js';
import { fisherBounds } from './fisher-bounds.js';
import { randomEmbeddings } from './test-data.js';

const slack = (x: number) => x * (1 + 1e-9);

describe('fisherBounds', () => {
  it('is exact in 1-D on the counterexample: λ_max = Tr(S_B)/S_W = upper, lower = upper/(T−1)', () => {
    for (const B of [0.03, 31]) {
      const ce = counterexample({ N: 1000, T: 10, A: 5, B });
      const fb = fisherBounds(ce, 10, { treatment: 'none' });
      const expected = ce.traceSBClosedForm / ce.traceSWClosedForm; // 206.25 / (B²(K²−1)/12)
      expect(Math.abs(fb.lambdaMax - expected) / expected).toBeLessThan(1e-9);
      expect(Math.abs(fb.upper - expected) / expected).toBeLessThan(1e-9);
      expect(Math.abs(fb.lower - expected / 9) / expected).toBeLessThan(1e-9);
      expect(fb.condSW).toBeCloseTo(1, 12);
      expect(Math.abs(fb.phi - 206250) / 206250).toBeLessThan(1e-9);
      expect(fb.holdsLower && fb.holdsUpper).toBe(true);
    }
  });

  it('sandwiches λ_max(S_W⁻¹S_B) between the bounds on random embeddings (property, no treatment)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 3, max: 10 }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        (seed, T, K, d, signal) => {
          fc.pre(T * K - T >= d + 2); // S_W full rank
          const fb = fisherBounds(randomEmbeddings(seed, T * K, d, T, signal), T, { treatment: 'none' });
          expect(fb.lower).toBeLessThanOrEqual(slack(fb.lambdaMax));
          expect(fb.lambdaMax).toBeLessThanOrEqual(slack(fb.upper));
          expect(fb.holdsLower && fb.holdsUpper).toBe(true);
          // Without a projection the consistent Tr(S_B) is the Lemma's Φ_T/N.
          expect(Math.abs(fb.traceSB - fb.phiOverN) / fb.phiOverN).toBeLessThan(1e-9);
          expect(fb.fourier.holdsLower && fb.fourier.holdsUpper).toBe(true);
          expect(fb.eigenvalues[0]).toBeCloseTo(fb.lambdaMax, 9);
        },
      ),
      { numRuns: 100, seed: 9 },
    );
  });

  it('holds for every treatment, including singular S_W (property: pca, ridge, auto)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom('pca' as const, 'ridge' as const, 'auto' as const),
        fc.integer({ min: 1, max: 12 }),
        (seed, T, K, d, treatment, pcaDims) => {
          const fb = fisherBounds(randomEmbeddings(seed, T * K, d, T), T, { treatment, pcaDims });
          expect(fb.holdsLower && fb.holdsUpper).toBe(true);
          expect(fb.traceSB).toBeLessThanOrEqual(slack(fb.phiOverN));
          expect(fb.fourier.holdsUpper).toBe(true);
        },
      ),
      { numRuns: 100, seed: 13 },
    );
  });

  it('uses the projected Tr(S_B) after PCA, which is ≤ Φ_T/N, and the bounds still hold', () => {
    // d > N − T: S_W is singular in the full space, so a projection is required.
    const E = randomEmbeddings(5, 40, 48, 4, 2);
    const fb = fisherBounds(E, 4, { treatment: 'pca', pcaDims: 6 });
    expect(fb.treatment.kind).toBe('pca');
    expect(fb.traceSB).toBeLessThanOrEqual(slack(fb.phiOverN));
    expect(fb.traceSB).toBeLessThan(fb.phiOverN); // 6 of 48 directions cannot hold all of S_B here
    expect(fb.lower).toBeLessThanOrEqual(slack(fb.lambdaMax));
    expect(fb.lambdaMax).toBeLessThanOrEqual(slack(fb.upper));
    // The full-space upper bound is larger, hence still valid.
    expect(fb.fourier.upper).toBeGreaterThanOrEqual(fb.upper);
    expect(fb.fourier.holdsUpper).toBe(true);
  });

  it('shows why the consistent Tr(S_B) matters: after PCA the Φ_T/N lower bound can exceed λ_max', () => {
    // Two high-variance columns vary only with m = ⌊n/3⌋ (identical class means); the residue signal
    // 3·(n mod 3) has far less variance, so a 2-component PCA discards it.
    const E = Array.from({ length: 60 }, (_, n) => {
      const m = Math.floor(n / 3);
      return [50 * Math.sin((2 * Math.PI * m) / 20), 40 * Math.cos((2 * Math.PI * m) / 20), 3 * (n % 3), 0.01 * Math.sin(5 * n)];
    });
    const fb = fisherBounds(E, 3, { treatment: 'pca', pcaDims: 2 });
    expect(fb.dims).toBe(2);
    expect(fb.traceSB).toBeLessThan(0.1 * fb.phiOverN);
    expect(fb.holdsLower && fb.holdsUpper).toBe(true);
    expect(fb.fourier.lower).toBeGreaterThan(fb.lambdaMax); // the printed formula fails here
    expect(fb.fourier.holdsLower).toBe(false);
    expect(fb.fourier.holdsUpper).toBe(true);
  });

  it('keeps Tr(S_B) = Φ_T/N with a ridge on S_W', () => {
    const E = randomEmbeddings(6, 40, 48, 4, 2);
    const fb = fisherBounds(E, 4, { treatment: 'ridge' });
    expect(fb.treatment.kind).toBe('ridge');
    expect(Math.abs(fb.traceSB - fb.phiOverN) / fb.phiOverN).toBeLessThan(1e-9);
    expect(fb.holdsLower && fb.holdsUpper).toBe(true);
  });

  it('shows the gap of Theorem 1(ii): B grows, Φ_T stays, λ_max falls as 1/B²', () => {
    const at = (B: number) => fisherBounds(counterexample({ N: 200, T: 5, A: 2, B }), 5, { treatment: 'none' });
    const small = at(1);
    const large = at(100);
    expect(Math.abs(small.phi - large.phi) / small.phi).toBeLessThan(1e-9);
    expect(small.lambdaMax / large.lambdaMax).toBeCloseTo(1e4, 6);
  });
});
