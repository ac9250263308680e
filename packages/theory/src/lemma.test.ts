import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isNumfeatError } from '@numfeat/core';
import { oneSidedPower, spectrum } from '@numfeat/fourier';
import { counterexample } from './counterexample.js';
import { checkLemma } from './lemma.js';
import { randomEmbeddings } from './test-data.js';

describe('checkLemma', () => {
  it.each([0.03, 31])('gives Φ_T = 206250 and Tr(S_B) = 206.25 on the paper counterexample (B = %s)', (B) => {
    const ce = counterexample({ N: 1000, T: 10, A: 5, B });
    const lemma = checkLemma(ce, 10);
    expect(Math.abs(lemma.phi - 206250) / 206250).toBeLessThan(1e-9);
    expect(Math.abs(lemma.traceSB - 206.25) / 206.25).toBeLessThan(1e-9);
    expect(lemma.holds).toBe(true);
    expect(lemma.N).toBe(1000);
  });

  it('matches the closed form N·‖A‖²·(T²−1)/12 for vector A, B', () => {
    const ce = counterexample({ N: 120, T: 6, A: [1.5, -0.25, 2], B: [40, 3, -7] });
    const lemma = checkLemma(ce, 6);
    expect(Math.abs(lemma.phi - ce.phiClosedForm) / ce.phiClosedForm).toBeLessThan(1e-9);
    expect(lemma.holds).toBe(true);
  });

  it('reproduces the one-sided spectrum of the paper figure: 130902 at ν = 0.1, 6250 at ν = 0.5', () => {
    const ce = counterexample({ N: 1000, T: 10, A: 5, B: 31 });
    const s = spectrum(ce, { normalizer: 'none' });
    const oneSided = oneSidedPower(s);
    const at = (nu: number) => oneSided[s.nu.findIndex((v) => Math.abs(v - nu) < 1e-12)];
    expect(Math.round(at(0.1))).toBe(130902);
    expect(at(0.1)).toBeCloseTo((2 * 6250) / Math.sin(Math.PI / 10) ** 2, 6);
    expect(at(0.5)).toBeCloseTo(6250, 6);
  });

  it('holds to 1e-9 on random embeddings for every T dividing N (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 2, max: 10 }),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        (seed, T, K, d) => {
          const lemma = checkLemma(randomEmbeddings(seed, T * K, d, T), T);
          expect(lemma.relativeError).toBeLessThan(1e-9);
          expect(lemma.holds).toBe(true);
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });

  it('stays meaningful when both sides are at rounding level (constant embeddings)', () => {
    const flat = Array.from({ length: 20 }, () => [3, -1e6]);
    const lemma = checkLemma(flat, 5);
    expect(lemma.traceSB).toBe(0);
    expect(lemma.relativeError).toBeLessThan(1e-9);
    expect(lemma.holds).toBe(true);
  });

  it('rejects T ∤ N and N < 2T with a fix', () => {
    const E = randomEmbeddings(1, 25, 2, 5);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isNumfeatError(e) ? e.code : 'other';
      }
      return undefined;
    };
    expect(code(() => checkLemma(E, 10))).toBe('NOT_DIVISIBLE');
    expect(() => checkLemma(E, 10)).toThrow(/first 20 rows/);
    expect(code(() => checkLemma(E.slice(0, 5), 5))).toBe('BAD_RANGE');
    expect(code(() => checkLemma(E, 1))).toBe('BAD_RANGE');
    expect(code(() => checkLemma(E, 5, { tolerance: -1 }))).toBe('BAD_RANGE');
  });
});
