import { describe, expect, it } from 'vitest';
import { factorize, MAX_GENERIC_RADIX, nextSmooth } from './fft-plan.js';
import { planFor } from './stockham.js';

describe('FFT planning', () => {
  it('factorizes into radices whose product is n, largest radix 8 first', () => {
    expect(factorize(1000)).toEqual({ radices: [8, 5, 5, 5], rest: 1 });
    expect(factorize(1024)).toEqual({ radices: [8, 8, 8, 2], rest: 1 });
    expect(factorize(2310)).toEqual({ radices: [2, 3, 5, 7, 11], rest: 1 });
    expect(factorize(999)).toEqual({ radices: [3, 3, 3], rest: 37 });
  });

  it('uses Bluestein exactly when a prime factor exceeds the generic radix limit', () => {
    expect(planFor(31).kind).toBe('stockham');
    expect(MAX_GENERIC_RADIX).toBe(31);
    expect(planFor(37).kind).toBe('bluestein');
    const p = planFor(997);
    expect(p.kind).toBe('bluestein');
    if (p.kind === 'bluestein') expect(p.m).toBe(2000); // smallest 2^a 3^b 5^c ≥ 2·997 − 1
  });

  it('nextSmooth returns the smallest 2^a·3^b·5^c ≥ n', () => {
    const smooth = (m: number) => {
      for (const p of [2, 3, 5]) while (m % p === 0) m /= p;
      return m === 1;
    };
    for (const n of [1, 7, 1993, 4001, 12345]) {
      const m = nextSmooth(n);
      expect(m).toBeGreaterThanOrEqual(n);
      expect(smooth(m)).toBe(true);
      for (let x = n; x < m; x++) expect(smooth(x)).toBe(false);
    }
  });
});
