import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEmbeddings, detectFormat } from './load.js';
import { writeNpy } from './npy.js';
import { formatNumberRanges, largestContiguous } from './ranges.js';
import { expected, expectNumfeatError, fixturePath } from './test-helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'numfeat-io-load-'));
const glove = expected.glove as { words: string[]; vectors: number[][] };

describe('loadEmbeddings: matrix formats', () => {
  it('npy: every row by default, a sub-range with numbers', async () => {
    const all = await loadEmbeddings(fixturePath('f8_c.npy'));
    expect(all.numbers).toEqual({ start: 0, count: 3 });
    expect(all.source).toMatchObject({ format: 'npy', dtype: '<f8', fileShape: [3, 4] });
    const some = await loadEmbeddings(fixturePath('f8_c.npy'), { numbers: { start: 1, count: 2 } });
    expect(Array.from(some.matrix.data)).toEqual(expected.npy['f8_c.npy'].data.slice(4));
  });
  it('npy 1-D signal becomes an N × 1 matrix', async () => {
    const r = await loadEmbeddings(fixturePath('f8_1d.npy'));
    expect([r.matrix.rows, r.matrix.cols]).toEqual([7, 1]);
  });
  it('safetensors with ids reads those rows, in number order', async () => {
    const ids = [9, 2, 5];
    const r = await loadEmbeddings(fixturePath('tiny_f16.safetensors'), { tensor: 'model.embed_tokens.weight', ids, numbers: { start: 10 } });
    const all = expected.safetensors['tiny_f16.safetensors']['model.embed_tokens.weight'].data as number[];
    expect(r.numbers).toEqual({ start: 10, count: 3 });
    expect(r.source).toMatchObject({ format: 'safetensors', tensor: 'model.embed_tokens.weight', dtype: 'F16' });
    expect(Array.from(r.matrix.data)).toEqual(ids.flatMap((i) => all.slice(i * 3, i * 3 + 3)));
  });
  it('asking for more numbers than rows → MISSING_NUMBERS with the range fix', async () => {
    await expectNumfeatError(
      () => loadEmbeddings(fixturePath('single_f64.safetensors'), { numbers: { start: 0, count: 1000 } }),
      'MISSING_NUMBERS',
      /10–999 \(990 numbers\)/,
      /0–9 \(10 numbers\)/,
      /--numbers 0\.\.9/,
    );
    await expectNumfeatError(
      () => loadEmbeddings(fixturePath('single_f64.safetensors'), { ids: [1, null, 2, 99] }),
      'MISSING_NUMBERS',
      /1, 3 \(2 numbers\)/,
    );
  });
  it('json: number[][] and { data, shape }', async () => {
    const a = join(tmp, 'a.json');
    writeFileSync(a, JSON.stringify([[1, 2], [3, 4], [5, 6]]));
    expect(Array.from((await loadEmbeddings(a, { numbers: { start: 1 } })).matrix.data)).toEqual([3, 4, 5, 6]);
    const b = join(tmp, 'b.json');
    writeFileSync(b, JSON.stringify({ data: [1, 2, 3, 4], shape: [2, 2] }));
    expect((await loadEmbeddings(b)).matrix.rows).toBe(2);
    const c = join(tmp, 'c.json');
    writeFileSync(c, '{"data": [1, 2');
    await expectNumfeatError(() => loadEmbeddings(c), 'CORRUPT_FILE', /c\.json: invalid JSON/);
  });
  it('NaN in the file → NON_FINITE naming row and column', async () => {
    const p = join(tmp, 'nan.npy');
    writeFileSync(p, writeNpy({ data: [1, 2, 3, NaN], shape: [2, 2] }));
    await expectNumfeatError(() => loadEmbeddings(p), 'NON_FINITE', /row 1, column 1/);
  });
});

describe('loadEmbeddings: word formats', () => {
  it('GloVe numbers are looked up as words', async () => {
    const r = await loadEmbeddings(fixturePath('tiny_glove.txt'), { numbers: { start: 0, count: 12 } });
    expect(r.matrix.rows).toBe(12);
    expect(Array.from(r.matrix.data.subarray(4 * 11, 4 * 12))).toEqual(glove.vectors[glove.words.indexOf('11')]);
    expect(r.source).toMatchObject({ format: 'glove', dtype: 'text' });
  });
  it('GloVe with the default 0..999 → MISSING_NUMBERS listing 12–999 and suggesting 0..11', async () => {
    const err = await expectNumfeatError(
      () => loadEmbeddings(fixturePath('tiny_glove.txt')),
      'MISSING_NUMBERS',
      /lacks 988 of the numbers 0–999: 12–999 \(988 numbers\)/,
      /--numbers 0\.\.11/,
    );
    expect(err.details?.largestContiguous).toEqual({ start: 0, count: 12 });
  });
  it('leadingSpace looks up Ġn', async () => {
    const r = await loadEmbeddings(fixturePath('tiny_glove.txt'), { numbers: { start: 5, count: 1 }, leadingSpace: true });
    expect(Array.from(r.matrix.data)).toEqual(glove.vectors[glove.words.indexOf('Ġ5')]);
  });
  it('word2vec binary', async () => {
    const r = await loadEmbeddings(fixturePath('tiny_gensim.bin'), { numbers: { start: 3, count: 9 } });
    expect(r.matrix.rows).toBe(9);
    expect(r.source.dtype).toBe('f4');
  });
});

describe('formats and errors', () => {
  it('detects the format from the extension or refuses clearly', async () => {
    expect(detectFormat('x/emb.NPY')).toBe('npy');
    expect(detectFormat('x/model.safetensors')).toBe('safetensors');
    expect(detectFormat('glove.6B.50d.txt')).toBe('glove');
    expect(detectFormat('GoogleNews.bin')).toBe('word2vec');
    await expectNumfeatError(() => detectFormat('a.pkl'), 'UNSUPPORTED_FORMAT', /\.pkl/, /--format/);
    await expectNumfeatError(() => detectFormat('a.npy', 'hdf5'), 'UNSUPPORTED_FORMAT', /hdf5/);
  });
  it('missing file → IO_ERROR', async () => {
    await expectNumfeatError(() => loadEmbeddings(join(tmp, 'absent.safetensors')), 'IO_ERROR', /absent\.safetensors/);
    await expectNumfeatError(() => loadEmbeddings(join(tmp, 'absent.txt')), 'IO_ERROR', /absent\.txt/);
  });
  it('formats number ranges compactly', () => {
    expect(formatNumberRanges([3, 7, 8, 9, 520])).toBe('3, 7–9, 520 (5 numbers)');
    expect(formatNumberRanges([1, 3, 5, 7, 9, 11, 13, 15], 3)).toBe('1, 3, … (5 more ranges) …, 15 (8 numbers)');
    expect(largestContiguous([true, false, true, true, false], 10)).toEqual({ start: 12, count: 2 });
  });
});
