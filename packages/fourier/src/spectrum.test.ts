import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { fourierCoefficients, signalSpectrum, spectrum } from './index.js';
import { naiveDft, randomMatrix } from './testing/reference.js';

// Smooth, prime (Bluestein), generic-odd-radix and mixed lengths.
const LENGTHS = [2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 16, 25, 31, 37, 64, 97, 100, 128, 210, 243, 256, 999, 997, 1000, 1024, 2310];

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, scale: number, tol = 1e-10): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst / scale).toBeLessThan(tol);
}

describe('spectrum matches a naive O(N²) float64 DFT', () => {
  for (const N of LENGTHS) {
    // Odd and even dimension counts, and more columns than one FFT block (32) for some N.
    const d = N <= 64 ? 37 : N >= 997 ? 3 : 6;
    it(`N = ${N}, d = ${d}`, () => {
      const E = randomMatrix(N, d, 1000 + N);
      const ref = naiveDft(E.data, N, d);
      const s = spectrum(E);
      expect(s.N).toBe(N);
      expect(s.dims).toBe(d);
      expect(s.k).toEqual(Array.from({ length: Math.floor(N / 2) + 1 }, (_, i) => i));
      const meanPower = ref.power.reduce((a, b) => a + b, 0) / ref.power.length;
      expectClose(s.power, ref.power, meanPower);
      const coef = fourierCoefficients(E);
      const rms = Math.sqrt(meanPower / d);
      expectClose(coef.re, ref.re, rms);
      expectClose(coef.im, ref.im, rms);
    });
  }
});

describe('spectrum properties', () => {
  it('satisfies Parseval: Σ_k power over k = 0..N−1 equals Σ_n ‖e(n)‖²', () => {
    for (const N of [1000, 999, 97]) {
      const E = randomMatrix(N, 11, N);
      const s = spectrum(E);
      let full = 0;
      for (let k = 0; k < N; k++) full += s.power[k <= N / 2 ? k : N - k];
      const energy = E.data.reduce((a, v) => a + v * v, 0);
      expect(Math.abs(full - energy) / energy).toBeLessThan(1e-12);
    }
  });

  it('magnitude = √power, nu = k/N, and normalizers divide by the documented baseline', () => {
    const E = randomMatrix(200, 4, 7);
    const med = spectrum(E);
    const mean = spectrum(E, { normalizer: 'mean' });
    const none = spectrum(E, { normalizer: 'none' });
    const base = med.magnitude.slice(1).sort((a, b) => a - b);
    expect(med.normalizer).toEqual({ kind: 'median', value: (base[49] + base[50]) / 2, over: 'k=1..floor(N/2)' });
    expect(mean.normalizer.value).toBeCloseTo(base.reduce((a, b) => a + b, 0) / 100, 12);
    expect(none.normalizer.value).toBe(1);
    for (let k = 0; k <= 100; k++) {
      expect(med.magnitude[k]).toBeCloseTo(Math.sqrt(med.power[k]), 12);
      expect(med.nu[k]).toBe(k / 200);
      expect(med.normalized[k]).toBeCloseTo(med.magnitude[k] / med.normalizer.value, 12);
      expect(mean.normalized[k]).toBeCloseTo(mean.magnitude[k] / mean.normalizer.value, 12);
      expect(none.normalized[k]).toBe(none.magnitude[k]);
    }
  });

  it('falls back to unscaled output when the baseline is exactly zero', () => {
    const s = signalSpectrum([1, 1, 1, 1]);
    expect(s.normalizer).toMatchObject({ kind: 'none', value: 1, degenerateFrom: 'median' });
    expect(s.normalized).toEqual(s.magnitude);
    expect(s.power[0]).toBeCloseTo(4, 12); // |Σ 1|² / N
  });

  it('accepts number[][], typed arrays with a shape, tensor-likes and Matrix64 alike', () => {
    const E = randomMatrix(30, 3, 3);
    const nested = Array.from({ length: 30 }, (_, i) => Array.from(E.data.subarray(i * 3, i * 3 + 3)));
    const a = spectrum(E).power;
    expect(spectrum(nested).power).toEqual(a);
    expect(spectrum({ shape: [30, 3], dataSync: () => E.data }).power).toEqual(a);
    expect(spectrum({ data: E.data, rows: 30, cols: 3 }).power).toEqual(a);
    const f32 = spectrum({ data: Float32Array.from(E.data), shape: [30, 3] }).power;
    expectClose(f32, a, 1, 1e-5);
  });

  it('signalSpectrum equals spectrum of the N × 1 column', () => {
    const x = Array.from({ length: 50 }, (_, n) => Math.sin(n) + n * 0.01);
    expect(signalSpectrum(x).power).toEqual(spectrum(x.map((v) => [v])).power);
  });
});

describe('spectrum input validation', () => {
  const cases: [string, () => unknown, string][] = [
    ['NaN', () => spectrum([[1], [Number.NaN], [3]]), 'NON_FINITE'],
    ['Infinity', () => signalSpectrum([1, Infinity, 3]), 'NON_FINITE'],
    ['ragged', () => spectrum([[1, 2], [3]]), 'SHAPE_MISMATCH'],
    ['empty matrix', () => spectrum([]), 'EMPTY_INPUT'],
    ['empty signal', () => signalSpectrum([]), 'EMPTY_INPUT'],
    ['zero columns', () => spectrum({ data: new Float64Array(0), shape: [5, 0] }), 'EMPTY_INPUT'],
    ['one row', () => spectrum([[1, 2]]), 'BAD_RANGE'],
    ['unknown normalizer', () => spectrum([[1], [2]], { normalizer: 'max' as 'mean' }), 'BAD_ARGUMENT'],
  ];
  for (const [name, call, code] of cases) {
    it(`${name} → ${code}`, () => {
      let caught: unknown;
      try {
        call();
      } catch (e) {
        caught = e;
      }
      expect(isNumfeatError(caught, code as never), String(caught)).toBe(true);
    });
  }
});
