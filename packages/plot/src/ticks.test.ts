import { describe, expect, it } from 'vitest';
import { formatLinearTick, formatLogTicks, logTicks, niceTicks } from './ticks.js';

describe('niceTicks', () => {
  it('extends the domain to 1-2-5 steps', () => {
    const t = niceTicks(0.2, 9.6);
    expect(t.domain).toEqual([0, 10]);
    expect(t.ticks).toEqual([0, 2, 4, 6, 8, 10]);
  });
  it('keeps ticks inside a fixed domain and avoids float noise', () => {
    const t = niceTicks(0, 0.5, 6, false);
    expect(t.ticks).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(niceTicks(-0.35, 0.35, 6, false).ticks).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
  });
  it('handles a constant range', () => {
    const t = niceTicks(5, 5);
    expect(t.domain[0]).toBeLessThan(5);
    expect(t.domain[1]).toBeGreaterThan(5);
  });
  it('every step is 1, 2 or 5 times a power of ten', () => {
    for (const [a, b] of [[0, 1], [3, 97], [-12, 0.5], [1e-6, 3e-6], [0, 123456789]]) {
      const { step } = niceTicks(a, b);
      const m = step / 10 ** Math.floor(Math.log10(step) + 1e-12);
      expect([1, 2, 5]).toContainEqual(Number(m.toFixed(6)));
    }
  });
});

describe('logTicks', () => {
  it('major ticks are exactly the powers of ten in the widened domain', () => {
    const t = logTicks(0.003, 420);
    expect(t.domain).toEqual([0.001, 1000]);
    expect(t.ticks).toEqual([0.001, 0.01, 0.1, 1, 10, 100, 1000]);
    for (const v of t.ticks) expect(Number.isInteger(Math.log10(v))).toBe(true);
    expect(t.minor).toContain(0.002);
    expect(t.minor).toContain(500);
  });
  it('adds 2× and 5× labels when less than two decades are visible', () => {
    const t = logTicks(2, 8, false);
    expect(t.ticks).toEqual([2, 5]);
  });
  it('labels small ranges as decimals and wide ones as 10ⁿ', () => {
    expect(formatLogTicks([0.01, 1, 100])).toEqual(['0.01', '1', '100']);
    expect(formatLogTicks([1e-8, 1e-6, 1e6])).toEqual(['10⁻⁸', '10⁻⁶', '10⁶']);
  });
});

describe('formatLinearTick', () => {
  it('uses the decimals of the step and a true minus sign', () => {
    expect(formatLinearTick(0.1, 0.1)).toBe('0.1');
    expect(formatLinearTick(-2, 0.5)).toBe('−2.0');
    expect(formatLinearTick(2e7, 1e7)).toBe('2×10⁷');
    expect(formatLinearTick(1e7, 1e7)).toBe('10⁷');
  });
});
