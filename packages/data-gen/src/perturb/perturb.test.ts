import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { numberSpans } from './common.js';
import { contextLength } from './context-length.js';
import { isolate } from './isolate.js';
import { adjacentNumberMI } from './mutual-information.js';
import { swapNumbers } from './swap-numbers.js';
import { unigramReplace } from './unigram-replace.js';

// Token ids: 0..999 are numbers, 1000+ are text.
const isNumber = (id: number) => id < 1000;

/** Text tokens with number spans of length 1–3 sprinkled in; spans of 2–3 look like "198","7". */
function mixedStream(seed: number, length: number): Uint32Array {
  const rng = createRng(seed);
  const out: number[] = [];
  while (out.length < length) {
    const gap = 1 + rng.int(6);
    for (let g = 0; g < gap; g++) out.push(1000 + rng.int(50));
    const len = 1 + rng.int(3);
    for (let j = 0; j < len; j++) out.push(rng.int(1000));
  }
  return Uint32Array.from(out.slice(0, length));
}

/** Numbers 0..19 where the next number is (x + 1) mod 20 with probability 0.9, 1–3 text tokens apart. */
function structuredStream(seed: number, numbers: number): Uint32Array {
  const rng = createRng(seed);
  const out: number[] = [];
  let x = 0;
  for (let i = 0; i < numbers; i++) {
    out.push(x);
    const gap = 1 + rng.int(3);
    for (let g = 0; g < gap; g++) out.push(1000 + rng.int(20));
    x = rng.chance(0.9) ? (x + 1) % 20 : rng.int(20);
  }
  return Uint32Array.from(out);
}

const spanKey = (ids: ArrayLike<number>, s: { start: number; length: number }) => Array.from({ length: s.length }, (_, j) => ids[s.start + j]).join(' ');
const textOnly = (ids: ArrayLike<number>) => Array.from(ids).filter((id) => !isNumber(id));

describe('swapNumbers', () => {
  const ids = mixedStream(1, 20_000);

  it('preserves the multiset of spans and the text sequence, and moves spans', () => {
    const out = swapNumbers(ids, { isNumber, seed: 5 });
    expect(out.length).toBe(ids.length);
    const before = numberSpans(ids, isNumber).map((s) => spanKey(ids, s));
    const after = numberSpans(out, isNumber).map((s) => spanKey(out, s));
    expect([...after].sort()).toEqual([...before].sort());
    expect(textOnly(out)).toEqual(textOnly(ids));
    const moved = before.filter((k, i) => after[i] !== k).length / before.length;
    expect(moved).toBeGreaterThan(0.95);
    expect(swapNumbers(ids, { isNumber, seed: 5 })).toEqual(out);
  });

  it('sameLength keeps every text token at its exact index', () => {
    const out = swapNumbers(ids, { isNumber, seed: 6, sameLength: true });
    let textMoved = 0;
    for (let i = 0; i < ids.length; i++) if (!isNumber(ids[i]) && out[i] !== ids[i]) textMoved++;
    expect(textMoved).toBe(0);
    const before = numberSpans(ids, isNumber).map((s) => spanKey(ids, s)).sort();
    expect(numberSpans(out, isNumber).map((s) => spanKey(out, s)).sort()).toEqual(before);
    expect(Array.from(out)).not.toEqual(Array.from(ids));
  });

  it('rejects a stream without numbers', () => {
    expect(() => swapNumbers([1000, 1001], { isNumber, seed: 0 })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});

describe('unigramReplace and adjacentNumberMI', () => {
  it('adjacentNumberMI matches a hand computation', () => {
    // pairs (1,2),(2,1),(1,2): p(1,2)=2/3, p(2,1)=1/3; marginals first {1:2/3, 2:1/3}, second {2:2/3, 1:1/3}.
    const r = adjacentNumberMI([1, 1000, 2, 1, 2], { isNumber });
    const expected = (2 / 3) * Math.log2((2 / 3) / ((2 / 3) * (2 / 3))) + (1 / 3) * Math.log2((1 / 3) / ((1 / 3) * (1 / 3)));
    expect(r.pairs).toBe(3);
    expect(r.bits).toBeCloseTo(expected, 12);
    expect(adjacentNumberMI([1, 1000, 1000, 2], { isNumber, maxGap: 1 }).pairs).toBe(0);
  });

  it('keeps the number marginal and destroys number–number structure', () => {
    const ids = structuredStream(2, 100_000);
    const out = unigramReplace(ids, { isNumber, seed: 3 });
    expect(textOnly(out)).toEqual(textOnly(ids));
    let kindChanged = 0;
    for (let i = 0; i < ids.length; i++) if (isNumber(out[i]) !== isNumber(ids[i])) kindChanged++;
    expect(kindChanged).toBe(0);
    // Marginal within 5 binomial standard errors per value.
    const count = (s: Uint32Array) => {
      const c = new Float64Array(20);
      for (const id of s) if (isNumber(id)) c[id]++;
      return c;
    };
    const a = count(ids);
    const b = count(out);
    const n = 100_000;
    for (let v = 0; v < 20; v++) {
      const p = a[v] / n;
      expect(Math.abs(b[v] / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
    const before = adjacentNumberMI(ids, { isNumber }).bits;
    const after = adjacentNumberMI(out, { isNumber }).bits;
    expect(before).toBeGreaterThan(0.1); // ≈ log2(20) − H(0.905, 19 × 0.005) ≈ 3.5 bits
    expect(after).toBeLessThan(0.01); // plug-in bias ≈ 361 / (2·10⁵·2 ln 2) ≈ 0.0013 bits
    expect(adjacentNumberMI(out, { isNumber, correction: 'miller-madow' }).bits).toBeLessThan(0.002);
  });

  it('the shuffle baseline removes the plug-in bias of a sparse joint table (1000 values, 20k pairs)', () => {
    // Independent uniform numbers over 0..999: true MI = 0, but the plug-in estimate is ≈ 5 bits.
    const rng = createRng(9);
    const ids = Uint32Array.from({ length: 40_000 }, (_, i) => (i % 2 ? 1000 : rng.int(1000)));
    const plug = adjacentNumberMI(ids, { isNumber });
    expect(plug.bits).toBeGreaterThan(1);
    const shuffled = adjacentNumberMI(ids, { isNumber, correction: 'shuffle', seed: 1 });
    expect(shuffled.plugInBits).toBe(plug.bits);
    expect(Math.abs(shuffled.bits)).toBeLessThan(0.05);
    // …while real structure survives the correction: (x + 1) mod 1000 follows x.
    const chain = Uint32Array.from({ length: 40_000 }, (_, i) => (i % 2 ? 1000 : (i / 2) % 1000));
    expect(adjacentNumberMI(chain, { isNumber, correction: 'shuffle', seed: 1 }).bits).toBeGreaterThan(4);
  });
});

describe('isolate', () => {
  const ids = mixedStream(4, 5_000);

  it.each([1, 2, 8])('k = %i: ≤ k numbers per sequence, every token kept in order, for every cut', (k) => {
    for (const cut of ['before', 'middle', 'after'] as const) {
      const r = isolate(ids, { isNumber, k, seqLen: 64, padId: 9999, cut });
      const kept: number[] = [];
      let violations = 0;
      let maxNumbers = 0;
      for (let s = 0; s < r.sequences; s++) {
        let numbers = 0;
        for (let t = 0; t < r.seqLen; t++) {
          const i = s * r.seqLen + t;
          if (!r.mask[i]) {
            if (r.data[i] !== 9999) violations++;
            continue;
          }
          if (t > 0 && r.mask[i - 1] !== 1) violations++; // padding only at the end
          kept.push(r.data[i]);
          if (isNumber(r.data[i])) numbers++;
        }
        maxNumbers = Math.max(maxNumbers, numbers);
      }
      expect(violations).toBe(0);
      expect(maxNumbers).toBe(k);
      expect(kept).toEqual(Array.from(ids));
      expect(r.realTokens + r.padTokens).toBe(r.sequences * r.seqLen);
    }
  });

  it('places the cut where documented', () => {
    // T N T T T T N : k = 1 → first sequence ends before/middle/after the gap of 4 text tokens.
    const s = [1000, 1, 1001, 1002, 1003, 1004, 2];
    const len = (cut: 'before' | 'middle' | 'after') => isolate(s, { isNumber, k: 1, seqLen: 16, padId: 0, cut }).mask.slice(0, 16).reduce((a, b) => a + b, 0);
    expect(len('before')).toBe(6);
    expect(len('middle')).toBe(4);
    expect(len('after')).toBe(2);
  });

  it('rejects k < 1 and ℓ < 2', () => {
    expect(() => isolate(ids, { isNumber, k: 0, seqLen: 8, padId: 0 })).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }));
    expect(() => isolate(ids, { isNumber, k: 1, seqLen: 1, padId: 0 })).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }));
  });
});

describe('contextLength', () => {
  it('cuts the same token budget into ℓ-token sequences', () => {
    const ids = mixedStream(5, 10_000);
    for (const seqLen of [2, 4, 8, 64, 1024]) {
      const r = contextLength(ids, { seqLen, budget: 8192 });
      expect(r.sequences).toBe(Math.floor(8192 / seqLen));
      expect(r.data.length).toBe(r.sequences * seqLen);
      expect(8192 - r.realTokens).toBeLessThan(seqLen);
      expect(Array.from(r.data)).toEqual(Array.from(ids.subarray(0, r.data.length)));
    }
    expect(() => contextLength(ids, { seqLen: 1 })).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }));
    expect(() => contextLength([1, 2], { seqLen: 4 })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});
