import { describe, expect, it } from 'vitest';
import { NumfeatError } from '@numfeat/core';
import { dominantPeriods, signalSpectrum, spectrum } from './index.js';
import { mulberry32 } from './testing/reference.js';

describe('dominantPeriods', () => {
  it('detects a pure cosine at period 10 as the dominant period', () => {
    const x = Array.from({ length: 1000 }, (_, n) => Math.cos((2 * Math.PI * n) / 10));
    const [top] = dominantPeriods(signalSpectrum(x), { top: 1 });
    expect(top.k).toBe(100);
    expect(top.nu).toBe(0.1);
    expect(top.period).toBe(10);
    expect(top.periodFraction).toEqual({ numerator: 10, denominator: 1 });
  });

  it('ranks period-10, 5 and 2.5 components in a noisy embedding by strength and reports 2.5 as 5/2', () => {
    const rand = mulberry32(3);
    const N = 1000;
    const d = 16;
    const rows = Array.from({ length: N }, (_, n) =>
      Array.from({ length: d }, (_, j) => {
        const phase = j * 0.7;
        return (
          3 * Math.cos((2 * Math.PI * n) / 10 + phase) +
          2 * Math.cos((2 * Math.PI * n) / 5 + phase) +
          1 * Math.cos((2 * Math.PI * n) / 2.5 + phase) +
          (rand() - 0.5)
        );
      }),
    );
    const peaks = dominantPeriods(spectrum(rows), { top: 3 });
    expect(peaks.map((p) => p.period)).toEqual([10, 5, 2.5]);
    expect(peaks[2].periodFraction).toEqual({ numerator: 5, denominator: 2 });
    expect(peaks[0].ratio).toBeGreaterThan(peaks[1].ratio);
    expect(peaks[0].ratio).toBeGreaterThan(20); // far above the median noise floor
    // minRatio keeps only the spikes; the noise peaks sit near ratio 1
    const strong = dominantPeriods(spectrum(rows), { top: 50, minRatio: 5 });
    expect(strong.map((p) => p.k).sort((a, b) => a - b)).toEqual([100, 200, 400]);
  });

  it('counts local maxima only, including the Nyquist bin', () => {
    const x = Array.from({ length: 100 }, (_, n) => (n % 2 === 0 ? 1 : -1) + 0.5 * Math.cos((2 * Math.PI * n) / 4));
    // minRatio drops the rounding-level (1e-15) wiggles of the empty bins
    const peaks = dominantPeriods(signalSpectrum(x, { normalizer: 'none' }), { top: 10, minRatio: 1e-6 });
    expect(peaks.map((p) => p.period)).toEqual([2, 4]);
    expect(peaks[1].ratio).toBeCloseTo(2.5, 10); // 0.5·(N/2)/√N
    expect(peaks[0].ratio).toBeCloseTo(Math.sqrt(100), 10); // |Σ(±1)|/√N = √N with normalizer 'none'
  });

  it('validates its arguments', () => {
    const s = signalSpectrum([1, 2, 3, 4, 5, 6]);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as NumfeatError).code;
      }
      return undefined;
    };
    expect(code(() => dominantPeriods(s, { top: 0 }))).toBe('BAD_RANGE');
    expect(code(() => dominantPeriods(s, { minRatio: Number.NaN }))).toBe('BAD_ARGUMENT');
    expect(code(() => dominantPeriods({} as never))).toBe('BAD_ARGUMENT');
  });
});
