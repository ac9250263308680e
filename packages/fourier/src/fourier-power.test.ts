import { describe, expect, it } from 'vitest';
import { isNumfeatError, NumfeatError } from '@numfeat/core';
import { fourierPower, fourierPowers, oneSidedPower, signalSpectrum, spectrum, spectrumFourierPower } from './index.js';
import { randomMatrix, sawtooth } from './testing/reference.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('Φ_T closed form for e(n) = A·(n mod T) + B·⌊n/T⌋ (paper §1.2)', () => {
  // Φ_T = N·A²·(T²−1)/12, independent of B.
  for (const B of [0.03, 31]) {
    it(`N = 1000, T = 10, A = 5, B = ${B} gives 206250 by every route`, () => {
      const E = sawtooth(1000, 10, 5, B);
      expect(rel(fourierPower(E, 10), 206250)).toBeLessThan(1e-6);
      expect(rel(fourierPowers(E, [10])['10'], 206250)).toBeLessThan(1e-6);
      expect(rel(fourierPower(E, 10, { offGrid: 'exact' }), 206250)).toBeLessThan(1e-6);
      expect(rel(spectrumFourierPower(spectrum(E), 10), 206250)).toBeLessThan(1e-6);
    });
  }

  for (const [N, T, A, B] of [
    [60, 4, 2, 0.5],
    [210, 7, 1.5, -3],
    [999, 37, 0.25, 2],
  ] as const) {
    it(`N = ${N}, T = ${T}, A = ${A}, B = ${B}`, () => {
      const E = sawtooth(N, T, A, B);
      const expected = (N * A * A * (T * T - 1)) / 12;
      expect(rel(fourierPower(E, T), expected)).toBeLessThan(1e-9);
      expect(rel(spectrumFourierPower(spectrum(E), T), expected)).toBeLessThan(1e-9);
    });
  }

  it('one-sided power of the counterexample: 130902 at ν = 0.1, 36180 at 0.2, 6250 at 0.5', () => {
    const s = spectrum(sawtooth(1000, 10, 5, 0.03));
    const one = oneSidedPower(s);
    // |F_{ℓ/T}|² = N·A²/(4 sin²(πℓ/T)), doubled for the mirror except at ν = 1/2
    const closed = (l: number) => (1000 * 25) / (4 * Math.sin((Math.PI * l) / 10) ** 2);
    expect(rel(one[100], 2 * closed(1))).toBeLessThan(1e-9);
    expect(rel(one[200], 2 * closed(2))).toBeLessThan(1e-9);
    expect(rel(one[500], closed(5))).toBeLessThan(1e-9);
    expect(Math.round(one[100])).toBe(130902);
    expect(Math.round(one[200])).toBe(36180);
    expect(Math.round(one[500])).toBe(6250);
  });
});

describe('Φ_T identities on random matrices', () => {
  it('Φ_10 ≥ Φ_2 + Φ_5, with the difference the power at ℓ/10 for odd ℓ ≠ 5', () => {
    const E = randomMatrix(1000, 9, 11);
    const phi = fourierPowers(E, [2, 5, 10]);
    expect(phi['10']).toBeGreaterThanOrEqual(phi['2'] + phi['5']);
    const s = spectrum(E);
    const rest = [1, 3, 7, 9].reduce((acc, l) => acc + s.power[l * 100 <= 500 ? l * 100 : 1000 - l * 100], 0);
    expect(rel(phi['10'], phi['2'] + phi['5'] + rest)).toBeLessThan(1e-12);
  });

  it('class sums (fourierPower) and the FFT spectrum agree whenever T | N', () => {
    for (const [N, T] of [
      [1000, 2],
      [1000, 5],
      [1000, 10],
      [1000, 8],
      [999, 27],
      [96, 12],
      [210, 35],
    ]) {
      const E = randomMatrix(N, 5, N + T);
      expect(rel(fourierPower(E, T), spectrumFourierPower(spectrum(E), T))).toBeLessThan(1e-12);
    }
  });

  it('matches the lemma Tr(S_B) = Φ_T / N computed from class means', () => {
    const N = 120;
    const T = 6;
    const d = 4;
    const E = randomMatrix(N, d, 5);
    const mu = new Float64Array(d);
    const classMeans = Array.from({ length: T }, () => new Float64Array(d));
    for (let n = 0; n < N; n++) {
      for (let j = 0; j < d; j++) {
        mu[j] += E.data[n * d + j] / N;
        classMeans[n % T][j] += E.data[n * d + j] / (N / T);
      }
    }
    let traceSB = 0;
    for (const m of classMeans) for (let j = 0; j < d; j++) traceSB += (m[j] - mu[j]) ** 2 / T;
    expect(rel(fourierPower(E, T) / N, traceSB)).toBeLessThan(1e-12);
  });

  it("offGrid: 'exact' matches a direct DFT at ν = ℓ/T when T ∤ N", () => {
    for (const [N, T] of [
      [1000, 7],
      [1000, 3],
      [97, 10],
    ]) {
      const d = 3;
      const E = randomMatrix(N, d, N * T);
      let expected = 0;
      for (let l = 1; l < T; l++) {
        for (let j = 0; j < d; j++) {
          let re = 0;
          let im = 0;
          for (let n = 0; n < N; n++) {
            re += E.data[n * d + j] * Math.cos((2 * Math.PI * l * n) / T);
            im -= E.data[n * d + j] * Math.sin((2 * Math.PI * l * n) / T);
          }
          expected += (re * re + im * im) / N;
        }
      }
      expect(rel(fourierPower(E, T, { offGrid: 'exact' }), expected)).toBeLessThan(1e-10);
      expect(rel(fourierPowers(E, [T], { offGrid: 'exact' })[String(T)], expected)).toBeLessThan(1e-10);
    }
  });

  it('one-sided power sums to the total energy Σ_n ‖e(n)‖²', () => {
    for (const N of [100, 101]) {
      const E = randomMatrix(N, 3, N);
      const total = oneSidedPower(spectrum(E)).reduce((a, b) => a + b, 0);
      const energy = E.data.reduce((a, v) => a + v * v, 0);
      expect(rel(total, energy)).toBeLessThan(1e-12);
    }
  });
});

function codeOf(call: () => unknown): string | undefined {
  try {
    call();
  } catch (e) {
    if (e instanceof NumfeatError) return e.code;
    throw e;
  }
  return undefined;
}

describe('Φ_T input validation', () => {
  const E = randomMatrix(20, 2, 1);
  it('T < 2 → BAD_RANGE, non-integer T → BAD_ARGUMENT', () => {
    expect(codeOf(() => fourierPower(E, 1))).toBe('BAD_RANGE');
    expect(codeOf(() => fourierPower(E, 0))).toBe('BAD_RANGE');
    expect(codeOf(() => fourierPower(E, 2.5))).toBe('BAD_ARGUMENT');
    expect(codeOf(() => fourierPowers(E, [2, 1]))).toBe('BAD_RANGE');
  });

  it('N < 2T → BAD_RANGE, even with offGrid exact', () => {
    expect(codeOf(() => fourierPower(E, 20))).toBe('BAD_RANGE');
    expect(codeOf(() => fourierPower(E, 11, { offGrid: 'exact' }))).toBe('BAD_RANGE');
    expect(codeOf(() => fourierPower(E, 10))).toBeUndefined(); // N = 2T is allowed
  });

  it('T ∤ N → NOT_DIVISIBLE naming the nearest valid N and the offGrid option', () => {
    let caught: unknown;
    try {
      fourierPower(randomMatrix(1000, 2, 1), 7);
    } catch (e) {
      caught = e;
    }
    expect(isNumfeatError(caught, 'NOT_DIVISIBLE')).toBe(true);
    const msg = (caught as Error).message;
    expect(msg).toContain('994');
    expect(msg).toContain('1001');
    expect(msg).toContain("offGrid: 'exact'");
    expect(codeOf(() => spectrumFourierPower(spectrum(randomMatrix(1000, 2, 1)), 7))).toBe('NOT_DIVISIBLE');
    expect(codeOf(() => fourierPowers(E, [2, 3]))).toBe('NOT_DIVISIBLE');
  });

  it('bad matrices → NON_FINITE, SHAPE_MISMATCH, EMPTY_INPUT; bad options → BAD_ARGUMENT', () => {
    const nan = sawtooth(20, 2, 1, 0);
    nan[7][0] = Number.NaN;
    expect(codeOf(() => fourierPower(nan, 2))).toBe('NON_FINITE');
    expect(codeOf(() => fourierPower([[1, 2], [3], [4, 5], [6, 7]], 2))).toBe('SHAPE_MISMATCH');
    expect(codeOf(() => fourierPower([], 2))).toBe('EMPTY_INPUT');
    expect(codeOf(() => fourierPowers(E, []))).toBe('BAD_ARGUMENT');
    expect(codeOf(() => fourierPower(E, 2, { offGrid: 'nearest' as 'exact' }))).toBe('BAD_ARGUMENT');
  });

  it('a 1-D signal works through signalSpectrum + spectrumFourierPower', () => {
    const x = sawtooth(100, 10, 1, 0).map((r) => r[0]);
    expect(rel(spectrumFourierPower(signalSpectrum(x), 10), (100 * 99) / 12)).toBeLessThan(1e-12);
  });
});
