import { describe, expect, it } from 'vitest';
import { corpusStats, numberTokenHistogram } from './histogram.js';

// ids 0..999 are the numbers themselves, 5000 is a text token, 4000 is the number 1234.
const numberValue = (id: number) => (id < 1000 ? id : id === 4000 ? 1234 : undefined);

describe('numberTokenHistogram', () => {
  it('counts number tokens in three variants', () => {
    const ids = [5000, 3, 3, 7, 5000, 4000, 999, 3];
    const h = numberTokenHistogram(ids, { numberValue, N: 1000 });
    expect(h.total).toBe(5);
    expect(h.outOfRange).toBe(1);
    expect(h.raw[3]).toBe(3);
    expect(h.probability[3]).toBeCloseTo(0.6, 15);
    expect(h.log1p[7]).toBeCloseTo(Math.log(2), 15);
    expect(h.raw.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('EMPTY_INPUT without numbers', () => {
    expect(() => numberTokenHistogram([5000, 5000], { numberValue })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => corpusStats([], { numberValue })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});

describe('corpusStats', () => {
  it('reports the round-number ratio in 100..999', () => {
    const ids: number[] = [5000, 5000];
    for (let n = 0; n < 1000; n++) for (let r = 0; r < (n >= 100 && n % 10 === 0 ? 6 : 2); r++) ids.push(n);
    const s = corpusStats(ids, { numberValue });
    expect(s.tokens).toBe(ids.length);
    expect(s.numberTokens).toBe(ids.length - 2);
    expect(s.distinctNumbers).toBe(1000);
    expect(s.roundShare).toBeCloseTo(3, 12);
    expect(s.minCount).toBe(2);
  });
});
