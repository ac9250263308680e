import { describe, expect, it } from 'vitest';
import { addChunks, addition3Digit, additionChunked, additionFormat, chunkToken } from './chunked.js';

const value = (chunks: readonly number[], B: number) => chunks.reduce((v, c) => v * BigInt(B) + BigInt(c), 0n);
const pairKey = (a: number[], b: number[]) => [a.join('.'), b.join('.')].sort().join('|');

describe('addition3Digit', () => {
  const ds = addition3Digit({ seed: 42, train: 3000, test: 500 });

  it('writes single-token a + b = c with a + b ≤ 999', () => {
    for (const ex of [...ds.train, ...ds.test]) {
      const [a, plus, b, eq, c] = ex.tokens;
      expect([plus, eq]).toEqual(['+', '=']);
      expect(Number(a) + Number(b)).toBe(Number(c));
      expect(Number(c)).toBeLessThanOrEqual(999);
      expect(String(Number(a))).toBe(a); // no zero padding
    }
  });

  it('has no operand pair (in either order) in both splits, and is deterministic', () => {
    const train = new Set(ds.train.map((e) => pairKey(e.a, e.b)));
    expect(ds.test.filter((e) => train.has(pairKey(e.a, e.b)))).toEqual([]);
    expect(addition3Digit({ seed: 42, train: 3000, test: 500 })).toEqual(ds);
    expect(addition3Digit({ seed: 43, train: 3000, test: 500 }).train).not.toEqual(ds.train);
  });
});

describe('additionChunked', () => {
  it('chunk sums with explicit carry agree with BigInt addition (9 digits, 3-digit chunks)', () => {
    const ds = additionChunked({ seed: 1, digits: 9, chunkWidth: 3, base: 10, train: 2000, test: 300 });
    expect(ds.format.chunks).toBe(3);
    for (const ex of [...ds.train, ...ds.test]) {
      expect(value(ex.sum, 1000)).toBe(value(ex.a, 1000) + value(ex.b, 1000)); // msb order, carry chunk first
      expect(ex.tokens.length).toBe(3 + 1 + 3 + 1 + 4);
      expect(ex.tokens.slice(0, 3)).toEqual(ex.a.map((v) => chunkToken(v, 3, 10)));
      expect(ex.sum[0] === 0 || ex.sum[0] === 1).toBe(true);
      for (const t of ex.tokens) if (t !== '+' && t !== '=') expect(t).toMatch(/^\d{3}$/);
    }
    const train = new Set(ds.train.map((e) => pairKey(e.a, e.b)));
    expect(ds.test.filter((e) => train.has(pairKey(e.a, e.b)))).toEqual([]);
  });

  it('supports lsb output, dropping the final carry, other widths and bases', () => {
    const lsb = additionChunked({ seed: 2, digits: 6, chunkWidth: 2, outputOrder: 'lsb', train: 200, test: 20 });
    for (const ex of lsb.train) expect(value([...ex.sum].reverse(), 100)).toBe(value(ex.a, 100) + value(ex.b, 100));
    const wrap = additionChunked({ seed: 2, digits: 6, chunkWidth: 3, finalCarry: 'omit', train: 200, test: 20 });
    for (const ex of wrap.train) expect(value(ex.sum, 1000)).toBe((value(ex.a, 1000) + value(ex.b, 1000)) % 10n ** 6n);
    const b12 = additionChunked({ seed: 3, digits: 4, chunkWidth: 2, base: 12, train: 200, test: 20 });
    for (const ex of b12.train) {
      expect(value(ex.sum, 144)).toBe(value(ex.a, 144) + value(ex.b, 144));
      for (const t of ex.tokens) if (t !== '+' && t !== '=') expect(t).toMatch(/^[0-9ab]{2}$/);
    }
  });

  it('addChunks carries across chunk boundaries', () => {
    expect(addChunks([999, 999, 999], [0, 0, 1], 1000)).toEqual([1, 0, 0, 0]);
    expect(addChunks([1, 500], [2, 500], 1000)).toEqual([0, 4, 0]);
  });

  it('rejects chunk widths that cannot represent the range', () => {
    const bad = (o: Parameters<typeof additionFormat>[0]) => expect(() => additionFormat(o)).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }));
    bad({ digits: 9, chunkWidth: 4 }); // does not tile
    bad({ digits: 9, chunkWidth: 3, chunkVocabulary: 100 }); // 1000 chunk values, 100 tokens
    bad({ digits: 2, chunkWidth: 3 });
    bad({ digits: 9, chunkWidth: 3, base: 1 });
    expect(additionFormat({}).description).toMatch(/final carry/);
  });
});
