import { describe, expect, it } from 'vitest';
import { formatLinearTick, formatLogTicks, formatNumber, logTicks, niceTicks, plainNumber } from './ticks.js';

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

/** Reads a figure label back as a number: true minus, "×10ⁿ" or a bare "10ⁿ". */
function readLabel(label: string): number {
  const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹⁻';
  const m = /^(\u2212?[\d.]*?)×?10([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)$/.exec(label);
  if (!m) return Number(label.replace('\u2212', '-'));
  const exp = Number([...m[2]].map((c) => (c === '⁻' ? '-' : String(sup.indexOf(c)))).join(''));
  const mantissa = m[1] === '' ? 1 : m[1] === '\u2212' ? -1 : Number(m[1].replace('\u2212', '-'));
  return mantissa * 10 ** exp;
}

describe('formatNumber (figure labels)', () => {
  // Issue: labels beside the ticks printed "-3.5" and "1.500e-5" where the ticks print "−3.5" and "10⁻⁵".
  it('never prints a hyphen-minus or e-notation, and reads back to plainNumber\'s value', () => {
    let x = 0x9e3779b9;
    const next = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    for (let i = 0; i < 400; i++) {
      const v = (next() < 0.5 ? -1 : 1) * 10 ** (-9 + 18 * next());
      for (const digits of [3, 4]) {
        const label = formatNumber(v, digits);
        expect(label, label).not.toMatch(/[-e]/);
        expect(label.startsWith('\u2212')).toBe(v < 0);
        // The label is plainNumber's rounded value, typeset: the same number up to float noise.
        const plain = Number(plainNumber(v, digits));
        expect(Math.abs(readLabel(label) - plain) / Math.abs(plain), `${label} vs ${plain}`).toBeLessThan(1e-12);
        expect(Math.abs(plain - v) / Math.abs(v)).toBeLessThan(0.5 * 10 ** (1 - digits) + 1e-12);
      }
    }
  });
});
