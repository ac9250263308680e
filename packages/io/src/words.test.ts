import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGloveText } from './glove.js';
import { readWord2vecBinary, Word2vecParser } from './word2vec.js';
import { readGloveFile, readWord2vecFile } from './files.js';
import { expected, expectNumfeatError, fixture, fixturePath } from './test-helpers.js';

const glove = expected.glove as { dims: number; words: string[]; vectors: number[][] };
const w2v = expected.word2vec as { dims: number; words: string[]; vectors: number[][] };
const tmp = mkdtempSync(join(tmpdir(), 'numfeat-io-words-'));

describe('GloVe text', () => {
  const text = new TextDecoder().decode(fixture('tiny_glove.txt'));
  it('reads every word with exact values', () => {
    const r = readGloveText(text);
    expect(r.dims).toBe(4);
    expect([...r.vectors.keys()]).toEqual(glove.words);
    glove.words.forEach((w, i) => expect(Array.from(r.vectors.get(w)!)).toEqual(glove.vectors[i]));
  });
  it('keeps only requested words, scanning the whole file to validate it', async () => {
    const r = readGloveText(fixture('tiny_glove.txt'), { words: ['3', '0'] });
    expect([...r.vectors.keys()].sort()).toEqual(['0', '3']);
    expect(r.scanned).toBe(glove.words.length);
    const f = await readGloveFile(fixturePath('tiny_glove.txt'), { words: ['11', 'nope'] });
    expect(Array.from(f.vectors.get('11')!)).toEqual(glove.vectors[glove.words.indexOf('11')]);
    expect(f.scanned).toBe(glove.words.length);
  });
  it('skips a "V d" header line and tolerates CRLF', () => {
    const r = readGloveText('2 3\r\na 1 2 3\r\nb 4 5 6\r\n');
    expect(r.dims).toBe(3);
    expect(Array.from(r.vectors.get('b')!)).toEqual([4, 5, 6]);
  });
  it('a row with the wrong number of floats → CORRUPT_FILE naming the line', async () => {
    const broken = text.replace(/\n(2 [^\n]*) [^ \n]+\n/, '\n$1\n');
    await expectNumfeatError(() => readGloveText(broken, { source: 'g.txt' }), 'CORRUPT_FILE', /g\.txt/, /line 4 \("2"\) has 3 values, expected 4/);
    const path = join(tmp, 'broken.txt');
    writeFileSync(path, broken);
    await expectNumfeatError(() => readGloveFile(path), 'CORRUPT_FILE', /broken\.txt: line 4/);
  });
  it('a value that is not a number → CORRUPT_FILE; nan is kept for later validation', async () => {
    await expectNumfeatError(() => readGloveText('a 1 x2 3\n'), 'CORRUPT_FILE', /"x2" is not a decimal number/);
    expect(readGloveText('a 1 nan -inf\n').vectors.get('a')![2]).toBe(-Infinity);
  });
});

describe('word2vec binary', () => {
  for (const file of ['tiny_gensim.bin', 'tiny_ctool.bin']) {
    it(`${file}: exact float32 values for every word (UTF-8 included)`, async () => {
      const r = readWord2vecBinary(fixture(file), { source: file });
      expect(r.dims).toBe(5);
      expect([...r.vectors.keys()]).toEqual(w2v.words);
      w2v.words.forEach((w, i) => expect(Array.from(r.vectors.get(w)!)).toEqual(w2v.vectors[i]));
      const f = await readWord2vecFile(fixturePath(file), { words: ['café', '7'] });
      expect(Array.from(f.vectors.get('café')!)).toEqual(w2v.vectors[w2v.words.indexOf('café')]);
    });
  }
  it('parses correctly when fed in tiny chunks (the streaming path)', () => {
    for (const file of ['tiny_gensim.bin', 'tiny_ctool.bin']) {
      const bytes = fixture(file);
      const parser = new Word2vecParser(undefined, file);
      for (let i = 0; i < bytes.length; i += 7) parser.push(bytes.subarray(i, i + 7));
      const r = parser.finish();
      w2v.words.forEach((w, i) => expect(Array.from(r.vectors.get(w)!)).toEqual(w2v.vectors[i]));
    }
  });
  it('truncated file → CORRUPT_FILE saying how far it got', async () => {
    const bytes = fixture('tiny_gensim.bin');
    await expectNumfeatError(
      () => readWord2vecBinary(bytes.slice(0, bytes.length - 7), { source: 'w.bin' }),
      'CORRUPT_FILE',
      /w\.bin/,
      /promises 14 words of 5 float32 values but the file ends after 13/,
    );
    const path = join(tmp, 'trunc.bin');
    writeFileSync(path, bytes.slice(0, 30));
    await expectNumfeatError(() => readWord2vecFile(path), 'CORRUPT_FILE', /claims 14 words of 5 float32 values, at least 308 bytes, but the file has 30/);
  });
  it('missing or malformed header → CORRUPT_FILE', async () => {
    await expectNumfeatError(() => readWord2vecBinary(new TextEncoder().encode('hello world\n')), 'CORRUPT_FILE', /"V d"/);
    await expectNumfeatError(() => readWord2vecBinary(new TextEncoder().encode('14 5')), 'CORRUPT_FILE', /header line/);
  });
});
