import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { chunks, paddedChunks, singleDigits, wholeNumbers } from './number-policy.js';
import { numberTokenIds } from './number-tokens.js';
import { pretokenize } from './pretokenize.js';
import { sampleCorpus, textWithNumbers } from './test-arbitraries.js';
import { WordTokenizer } from './word-tokenizer.js';

const corpus = sampleCorpus();
const tok = WordTokenizer.train(corpus, { vocabSize: 12, numberPolicy: chunks({ width: 3 }) });

describe('WordTokenizer', () => {
  it('lays out specials, number pieces, top-K words, chars, bytes', () => {
    expect(tok.specials).toEqual(['<pad>', '<bos>', '<eos>', '<unk>']);
    expect(tok.offsets.numbers).toBe(4);
    expect(tok.offsets.words).toBe(4 + 1110);
    expect(tok.words.length).toBe(12);
    expect(tok.vocabSize).toBe(tok.offsets.chars + tok.chars.length + 256);
    // The words are the 12 most frequent non-digit segments.
    const counts = new Map<string, number>();
    for (const t of corpus) for (const m of pretokenize(t)) if (!/^[0-9]/.test(m)) counts.set(m, (counts.get(m) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const kth = sorted[11];
    for (const w of tok.words) expect(counts.get(w)).toBeGreaterThanOrEqual(kth);
    expect([...counts.values()].filter((c) => c > kth).length).toBeLessThanOrEqual(12);
  });

  it('every 0..999 is one token whose numberValue is the number; ids are contiguous', () => {
    const r = numberTokenIds(tok, { start: 0, count: 1000 });
    expect(r.missing).toEqual([]);
    expect(r.largestContiguous).toEqual({ start: 0, count: 1000 });
    r.ids.forEach((id, n) => {
      expect(id).toBe(tok.offsets.numbers + n);
      expect(tok.numberValue(id!)).toBe(n);
      expect(tok.idToToken(id!)).toBe(String(n));
    });
    const padded = tok.numberId('007')!;
    expect(tok.numberPiece(padded)).toEqual({ value: 7, width: 3, padded: true, leadingSpace: false });
    expect(tok.numberValue(tok.tokenToId(' the')!)).toBeUndefined();
    // A space before a number is its own token: " 5" is not a single token.
    expect(numberTokenIds(tok, { count: 10, leadingSpace: true }).missing.length).toBe(10);
  });

  it('encodes numbers by the policy and unknown words by character tokens', () => {
    const ids = tok.encode(' Congress 12345 zebra');
    const shown = ids.map((i) => tok.idToToken(i));
    expect(shown.slice(0, 4)).toEqual([' Congress', ' ', '123', '45']);
    expect(shown.slice(4)).toEqual([' ', '<c:z>', '<c:e>', '<c:b>', '<c:r>', '<c:a>']);
    expect(tok.decode(ids)).toBe(' Congress 12345 zebra');
    expect(tok.encode('x', { bos: true, eos: true })).toEqual([1, tok.tokenToId('<c:x>'), 2]);
    expect(tok.decode([1, 2], { skipSpecials: true })).toBe('');
  });

  it('decode(encode(x)) === x for arbitrary text with numbers (and lone surrogates)', () => {
    for (const t of [tok, WordTokenizer.train(corpus, { vocabSize: 50, numberPolicy: singleDigits(), specials: [] })]) {
      fc.assert(fc.property(textWithNumbers({ loneSurrogates: true }), (x) => t.decode(t.encode(x)) === x), { numRuns: 300 });
    }
  });

  it('padded chunks decode to the zero-padded text; wholeNumbers falls back', () => {
    const p = WordTokenizer.train(corpus, { vocabSize: 10, numberPolicy: paddedChunks({ width: 3 }) });
    expect(p.decode(p.encode('add 7 and 1234'))).toBe('add 007 and 001234');
    const w = WordTokenizer.train(corpus, { vocabSize: 10, numberPolicy: wholeNumbers({ max: 520 }) });
    expect(w.encode('521').map((i) => w.idToToken(i))).toEqual(['5', '2', '1']);
  });

  it('lowercase option lowercases before counting and encoding', () => {
    const l = WordTokenizer.train(['The THE the'], { vocabSize: 5, lowercase: true });
    expect(l.decode(l.encode('The'))).toBe('the');
    expect(l.words).toContain('the');
    expect(l.words).not.toContain('The');
  });

  it('toJSON/fromJSON round-trips (also through a JSON string)', () => {
    const back = WordTokenizer.fromJSON(JSON.stringify(tok));
    const text = corpus.slice(0, 20).join('') + ' zebra 😀';
    expect(back.encode(text)).toEqual(tok.encode(text));
    expect(back.vocabSize).toBe(tok.vocabSize);
  });

  it('bad input: NumfeatError with a fix', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(isNumfeatError(e)).toBe(true);
        expect((e as { fix?: string }).fix).toBeTruthy();
        return (e as { code: string }).code;
      }
      return 'no error';
    };
    expect(err(() => WordTokenizer.train(corpus, { vocabSize: 0 }))).toBe('BAD_RANGE');
    expect(err(() => WordTokenizer.train('text' as unknown as string[], { vocabSize: 5 }))).toBe('BAD_ARGUMENT');
    expect(err(() => WordTokenizer.train(corpus, { vocabSize: 5, specials: ['<a>', '<a>'] }))).toBe('BAD_ARGUMENT');
    expect(err(() => WordTokenizer.fromJSON('{not json'))).toBe('CORRUPT_FILE');
    expect(err(() => WordTokenizer.fromJSON({ format: 'numfeat.word-tokenizer', version: 1 }))).toBe('CORRUPT_FILE');
    expect(err(() => WordTokenizer.fromJSON([1, 2]))).toBe('CORRUPT_FILE');
    expect(err(() => WordTokenizer.fromJSON({ ...tok.toJSON(), numberPolicy: { kind: 'chunks', width: 0 } }))).toBe('CORRUPT_FILE');
    expect(err(() => tok.decode([tok.vocabSize]))).toBe('BAD_RANGE');
    const noSpecials = WordTokenizer.train(corpus, { vocabSize: 5, specials: [] });
    expect(err(() => noSpecials.encode('x', { bos: true }))).toBe('BAD_ARGUMENT');
  });
});
