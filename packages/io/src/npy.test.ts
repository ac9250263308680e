import { describe, expect, it } from 'vitest';
import { readNpy, writeNpy } from './npy.js';
import { readNpyFile } from './files.js';
import { expected, expectNumfeatError, fixture, fixturePath } from './test-helpers.js';

describe('readNpy on files written by NumPy', () => {
  for (const [name, want] of Object.entries(expected.npy as Record<string, { shape: number[]; data: number[]; dtype: string }>)) {
    it(`${name}: exact values, shape and dtype`, () => {
      const a = readNpy(fixture(name), { source: name });
      expect(a.shape).toEqual(want.shape);
      expect(a.dtype).toBe(want.dtype);
      expect(Array.from(a.data)).toEqual(want.data);
    });
  }

  it('reports Fortran order and header versions', () => {
    expect(readNpy(fixture('f8_fortran.npy')).fortranOrder).toBe(true);
    expect(readNpy(fixture('f8_c.npy')).fortranOrder).toBe(false);
    expect(readNpy(fixture('f8_v2.npy')).version).toBe('2.0');
    expect(readNpy(fixture('f4_v3.npy')).version).toBe('3.0');
  });

  it('readNpyFile reads from disk and maps a missing file to IO_ERROR', async () => {
    const a = await readNpyFile(fixturePath('f8_c.npy'));
    expect(Array.from(a.data)).toEqual(expected.npy['f8_c.npy'].data);
    await expectNumfeatError(() => readNpyFile(fixturePath('nope.npy')), 'IO_ERROR', /nope\.npy/, /no such file/);
  });
});

describe('readNpy on corrupt input', () => {
  const good = fixture('f8_c.npy');
  it('bad magic → CORRUPT_FILE naming the source', async () => {
    const bad = good.slice();
    bad[1] = 0x58;
    await expectNumfeatError(() => readNpy(bad, { source: 'x.npy' }), 'CORRUPT_FILE', /x\.npy/, /magic/);
  });
  it('header length beyond the file → CORRUPT_FILE', async () => {
    await expectNumfeatError(() => readNpy(good.slice(0, 40), { source: 'x.npy' }), 'CORRUPT_FILE', /header claims/);
  });
  it('data shorter than the shape → CORRUPT_FILE', async () => {
    await expectNumfeatError(() => readNpy(good.slice(0, good.length - 3)), 'CORRUPT_FILE', /needs 96 data bytes but only 93/);
  });
  it('unknown dtype → UNSUPPORTED_FORMAT', async () => {
    await expectNumfeatError(() => readNpy(fixture('complex.npy')), 'UNSUPPORTED_FORMAT', /<c8/);
  });
  it('unknown format version → UNSUPPORTED_FORMAT', async () => {
    const bad = good.slice();
    bad[6] = 9;
    await expectNumfeatError(() => readNpy(bad), 'UNSUPPORTED_FORMAT', /version 9/);
  });
});

describe('writeNpy', () => {
  const m = [
    [1.5, -2, 1e-300],
    [Math.PI, 0, -0.25],
  ];
  it('round-trips float64 exactly with a 64-byte-aligned v1 header', () => {
    const bytes = writeNpy(m);
    const headerLength = bytes[8] | (bytes[9] << 8);
    expect((10 + headerLength) % 64).toBe(0);
    const back = readNpy(bytes);
    expect(back.shape).toEqual([2, 3]);
    expect(Array.from(back.data)).toEqual(m.flat());
  });
  it('writes float32 and 1-D signals', () => {
    const back = readNpy(writeNpy(m, { dtype: 'f4' }));
    expect(back.dtype).toBe('<f4');
    expect(Array.from(back.data)).toEqual(m.flat().map((x) => Math.fround(x)));
    const sig = readNpy(writeNpy(new Float64Array([1, 2, 3])));
    expect(sig.shape).toEqual([3]);
  });
  it('matches the bytes numpy.save writes for the same array', () => {
    // f8_c.npy was written by numpy.save; the header text and data must be byte-identical.
    const a = readNpy(fixture('f8_c.npy'));
    expect(writeNpy({ data: a.data, shape: a.shape })).toEqual(fixture('f8_c.npy'));
  });
  it('rejects an unknown dtype', async () => {
    await expectNumfeatError(() => writeNpy(m, { dtype: 'f2' as 'f4' }), 'BAD_ARGUMENT', /f4/);
  });
});
