import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { chunks, numberPolicyFromSpec, paddedChunks, singleDigits, wholeNumbers } from './number-policy.js';
import { digitStrings } from './test-arbitraries.js';

describe('number policies', () => {
  it('split examples', () => {
    expect(singleDigits().split('2024')).toEqual(['2', '0', '2', '4']);
    expect(chunks().split('12345')).toEqual(['123', '45']);
    expect(chunks({ width: 3, direction: 'rtl' }).split('12345')).toEqual(['12', '345']);
    expect(chunks({ width: 2 }).split('10005')).toEqual(['10', '00', '5']);
    expect(paddedChunks({ width: 3 }).split('7')).toEqual(['007']);
    expect(paddedChunks({ width: 3 }).split('1234567')).toEqual(['001', '234', '567']);
    expect(wholeNumbers({ max: 520 }).split('520')).toEqual(['520']);
    expect(wholeNumbers({ max: 520 }).split('521')).toEqual(['5', '2', '1']);
    expect(wholeNumbers({ max: 999 }).split('007')).toEqual(['0', '0', '7']);
    expect(wholeNumbers({ max: 999, fallback: chunks({ width: 3 }) }).split('123456')).toEqual(['123', '456']);
  });

  it('pieces: unpadded numbers first in numeric order, then padded; sizes as counted', () => {
    const c3 = chunks({ width: 3 }).pieces();
    expect(c3.length).toBe(1000 + 10 + 100); // "0".."999", "00".."09", "000".."099"
    expect(c3.slice(0, 1000)).toEqual(Array.from({ length: 1000 }, (_, i) => String(i)));
    expect(new Set(c3).size).toBe(c3.length);
    const p3 = paddedChunks({ width: 3 }).pieces();
    expect(p3.length).toBe(1000);
    expect(p3.every((p, i) => p.length === 3 && Number(p) === i)).toBe(true);
    expect(singleDigits().pieces()).toEqual('0123456789'.split(''));
    const w = wholeNumbers({ max: 520 }).pieces();
    expect(w.length).toBe(521);
  });

  it('every piece a policy produces is in its pieces() (random digit strings)', () => {
    const policies = [singleDigits(), chunks({ width: 3 }), chunks({ width: 2, direction: 'rtl' }), paddedChunks({ width: 3 }), wholeNumbers({ max: 520 })];
    const sets = policies.map((p) => new Set(p.pieces()));
    fc.assert(
      fc.property(digitStrings, (d) => policies.every((p, i) => p.split(d).every((piece) => sets[i].has(piece)))),
    );
  });

  it('unpadded policies: concatenating the pieces reproduces the string', () => {
    const policies = [singleDigits(), chunks({ width: 1 }), chunks({ width: 3 }), chunks({ width: 4, direction: 'rtl' }), wholeNumbers({ max: 999, fallback: chunks() })];
    fc.assert(fc.property(digitStrings, (d) => policies.every((p) => p.split(d).join('') === d)));
  });

  it('ltr vs rtl: only the first (rtl) or last (ltr) chunk is short, and they agree iff width divides the length (or one chunk)', () => {
    fc.assert(
      fc.property(digitStrings, fc.integer({ min: 1, max: 5 }), (d, w) => {
        const l = chunks({ width: w, direction: 'ltr' }).split(d);
        const r = chunks({ width: w, direction: 'rtl' }).split(d);
        expect(l.slice(0, -1).every((p) => p.length === w)).toBe(true);
        expect(r.slice(1).every((p) => p.length === w)).toBe(true);
        expect(l.length).toBe(Math.ceil(d.length / w));
        expect(r.length).toBe(l.length);
        expect(d.length % w === 0 || d.length < w).toBe(l.join('|') === r.join('|'));
      }),
    );
  });

  it('padded chunks: every piece has width w and the base-10^w value equals the number', () => {
    fc.assert(
      fc.property(digitStrings, fc.integer({ min: 1, max: 4 }), (d, w) => {
        const pieces = paddedChunks({ width: w }).split(d);
        expect(pieces.every((p) => p.length === w)).toBe(true);
        const base = BigInt(10 ** w);
        const value = pieces.reduce((acc, p) => acc * base + BigInt(Number(p)), 0n);
        expect(value).toBe(BigInt(d));
      }),
    );
  });

  it('specs round-trip', () => {
    const p = wholeNumbers({ max: 99, fallback: chunks({ width: 2, direction: 'rtl' }) });
    const q = numberPolicyFromSpec(JSON.parse(JSON.stringify(p.spec)));
    expect(q.name).toBe(p.name);
    expect(q.split('12345')).toEqual(p.split('12345'));
  });

  it('bad input throws NumfeatError with a fix', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(isNumfeatError(e)).toBe(true);
        expect((e as { fix?: string }).fix).toBeTruthy();
        return (e as { code: string }).code;
      }
      return 'no error';
    };
    expect(codeOf(() => chunks({ width: 0 }))).toBe('BAD_RANGE');
    expect(codeOf(() => paddedChunks({ width: -2 }))).toBe('BAD_RANGE');
    expect(codeOf(() => chunks({ width: 7 }))).toBe('BAD_RANGE');
    expect(codeOf(() => chunks({ width: 2.5 }))).toBe('BAD_ARGUMENT');
    expect(codeOf(() => chunks({ direction: 'up' as 'ltr' }))).toBe('BAD_ARGUMENT');
    expect(codeOf(() => wholeNumbers({ max: -1 }))).toBe('BAD_RANGE');
    expect(codeOf(() => chunks().split('12a'))).toBe('BAD_ARGUMENT');
    expect(codeOf(() => numberPolicyFromSpec({ kind: 'nope' }))).toBe('BAD_ARGUMENT');
  });
});
