import { describe, expect, it } from 'vitest';
import { isNumfeatError } from './errors.js';
import { row, toMatrix64, toNested, toVector64 } from './matrix.js';
import { assertFinite, assertInteger } from './validate.js';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isNumfeatError(e) ? e.code : 'not a NumfeatError';
  }
  return 'no throw';
};

describe('toMatrix64', () => {
  it('accepts number[][], shaped typed arrays, Matrix64 and tensor-likes alike', () => {
    const want = [[1, 2, 3], [4, 5, 6]];
    const inputs = [
      want,
      { data: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [2, 3] },
      { data: [1, 2, 3, 4, 5, 6], shape: [2, 3] as const },
      { data: Float64Array.from([1, 2, 3, 4, 5, 6]), rows: 2, cols: 3 },
      { shape: [2, 3], dataSync: () => Float32Array.from([1, 2, 3, 4, 5, 6]) },
    ];
    for (const input of inputs) {
      const m = toMatrix64(input);
      expect([m.rows, m.cols]).toEqual([2, 3]);
      expect(m.data).toBeInstanceOf(Float64Array);
      expect(toNested(m)).toEqual(want);
      expect(Array.from(row(m, 1))).toEqual([4, 5, 6]);
    }
  });

  it('copies its input', () => {
    const src = Float64Array.from([1, 2]);
    const m = toMatrix64({ data: src, shape: [1, 2] });
    src[0] = 99;
    expect(m.data[0]).toBe(1);
  });

  it('names ragged rows, NaN positions, empty input and wrong shapes', () => {
    expect(code(() => toMatrix64([[1, 2], [3]]))).toBe('SHAPE_MISMATCH');
    expect(() => toMatrix64([[1, 2], [3]])).toThrow(/row 1 has 1/);
    expect(code(() => toMatrix64([[1, 2], [3, NaN]]))).toBe('NON_FINITE');
    expect(() => toMatrix64([[1, 2], [3, NaN]])).toThrow(/row 1, column 1/);
    expect(code(() => toMatrix64([[1, Infinity]]))).toBe('NON_FINITE');
    expect(code(() => toMatrix64([]))).toBe('EMPTY_INPUT');
    expect(code(() => toMatrix64([[]]))).toBe('EMPTY_INPUT');
    expect(code(() => toMatrix64([1, 2] as never))).toBe('SHAPE_MISMATCH');
    expect(code(() => toMatrix64({ data: [1, 2, 3], shape: [2, 2] }))).toBe('SHAPE_MISMATCH');
    expect(code(() => toMatrix64({ data: [1, 2], shape: [2] }))).toBe('SHAPE_MISMATCH');
    expect(code(() => toMatrix64({ shape: [2, 1, 1], dataSync: () => [1, 2] }))).toBe('SHAPE_MISMATCH');
    expect(code(() => toMatrix64('nope' as never))).toBe('BAD_ARGUMENT');
  });
});

describe('toVector64 and validators', () => {
  it('copies valid signals and rejects empty / non-finite / non-array input', () => {
    expect(Array.from(toVector64([1, 2.5]))).toEqual([1, 2.5]);
    expect(code(() => toVector64([]))).toBe('EMPTY_INPUT');
    expect(code(() => toVector64([1, NaN]))).toBe('NON_FINITE');
    expect(code(() => toVector64(3 as never))).toBe('BAD_ARGUMENT');
  });

  it('assertInteger checks type and range; assertFinite names the index', () => {
    expect(assertInteger(3, 'T', 2, 10)).toBe(3);
    expect(code(() => assertInteger(2.5, 'T'))).toBe('BAD_ARGUMENT');
    expect(code(() => assertInteger(1, 'T', 2))).toBe('BAD_RANGE');
    expect(() => assertFinite([0, -Infinity], 'x')).toThrow(/index 1/);
  });
});
