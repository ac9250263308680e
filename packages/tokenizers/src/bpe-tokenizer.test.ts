import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { BpeTokenizer } from './bpe-tokenizer.js';
import { chunks, paddedChunks, singleDigits } from './number-policy.js';
import { numberTokenIds } from './number-tokens.js';
import { pretokenize } from './pretokenize.js';
import { sampleCorpus, textWithNumbers } from './test-arbitraries.js';
import { encodeWtf8 } from './wtf8.js';

const corpus = sampleCorpus();
const tok = BpeTokenizer.train(corpus, { vocabSize: 4 + 1110 + 256 + 120, numberPolicy: chunks({ width: 3 }) });

/** Brute-force BPE training: recount every pair from scratch before each merge. */
function naiveMerges(texts: string[], firstId: number, byteStart: number, count: number): [number, number][] {
  const counts = new Map<string, number>();
  for (const t of texts) for (const s of pretokenize(t)) if (!/^[0-9]/.test(s)) counts.set(s, (counts.get(s) ?? 0) + 1);
  const words = [...counts].map(([s, c]) => ({ sym: encodeWtf8(s).map((b) => byteStart + b), c }));
  const merges: [number, number][] = [];
  while (merges.length < count) {
    const pairs = new Map<string, number>();
    for (const { sym, c } of words) for (let i = 0; i + 1 < sym.length; i++) pairs.set(`${sym[i]},${sym[i + 1]}`, (pairs.get(`${sym[i]},${sym[i + 1]}`) ?? 0) + c);
    let best: [number, number] | undefined;
    let bestCount = 1; // minFrequency 2
    for (const [k, c] of pairs) {
      const [a, b] = k.split(',').map(Number);
      if (c > bestCount || (c === bestCount && best && (a < best[0] || (a === best[0] && b < best[1])))) {
        if (c >= 2) (best = [a, b]), (bestCount = c);
      }
    }
    if (!best) break;
    const id = firstId + merges.length;
    merges.push(best);
    for (const w of words) {
      const out: number[] = [];
      for (let i = 0; i < w.sym.length; i++) {
        if (i + 1 < w.sym.length && w.sym[i] === best[0] && w.sym[i + 1] === best[1]) (out.push(id), i++);
        else out.push(w.sym[i]);
      }
      w.sym = out;
    }
  }
  return merges;
}

describe('BpeTokenizer', () => {
  it('learns the same merges as brute-force recounting', () => {
    // The corpus runs out of pairs seen twice before 120 merges: both must stop at the same point.
    const ref = naiveMerges(corpus, tok.offsets.merges, tok.offsets.bytes, 120);
    expect(ref.length).toBeGreaterThan(50);
    expect(tok.merges).toEqual(ref);
    // A richer corpus with many ties and overlapping pairs ("aaaa"), every merge compared.
    const texts = fc.sample(textWithNumbers(), { numRuns: 150, seed: 3 }).concat(['aaaa aaa aa', 'abab abab ababab']);
    const big = BpeTokenizer.train(texts, { vocabSize: 1110 + 256 + 100, specials: [] });
    expect(big.merges).toEqual(naiveMerges(texts, big.offsets.merges, big.offsets.bytes, 100));
  });

  it('number pieces are atomic tokens: 0..999 single, merges never contain digits', () => {
    const r = numberTokenIds(tok, { count: 1000 });
    expect(r.largestContiguous).toEqual({ start: 0, count: 1000 });
    r.ids.forEach((id, n) => expect(tok.numberValue(id!)).toBe(n));
    for (let id = tok.offsets.merges; id < tok.vocabSize; id++) expect(/[0-9]/.test(tok.decode([id]))).toBe(false);
    const ids = tok.encode('year1234567,5');
    const numberIds = ids.filter((id) => tok.numberPiece(id));
    expect(numberIds.map((id) => tok.idToToken(id))).toEqual(['123', '456', '7', '5']);
    expect(tok.numberPiece(tok.numberId('05')!)).toEqual({ value: 5, width: 2, padded: true, leadingSpace: false });
  });

  it('merges frequent words into single tokens', () => {
    expect(tok.encode(' Congress').length).toBe(1);
    expect(tok.idToToken(tok.encode(' Congress')[0])).toBe('ĠCongress');
    expect(tok.tokenToId('ĠCongress')).toBe(tok.encode(' Congress')[0]);
  });

  it('decode(encode(x)) === x for arbitrary text with numbers (and lone surrogates)', () => {
    const digits = BpeTokenizer.train(corpus, { vocabSize: 300, numberPolicy: singleDigits(), specials: [] });
    for (const t of [tok, digits]) {
      fc.assert(fc.property(textWithNumbers({ loneSurrogates: true }), (x) => t.decode(t.encode(x)) === x), { numRuns: 300 });
    }
  });

  it('padded policy gives fixed-width pieces', () => {
    const p = BpeTokenizer.train(corpus, { vocabSize: 1300, numberPolicy: paddedChunks({ width: 3 }) });
    expect(p.decode(p.encode('x 12345'))).toBe('x 012345');
  });

  it('toJSON/fromJSON round-trips', () => {
    const back = BpeTokenizer.fromJSON(JSON.parse(JSON.stringify(tok)));
    const text = corpus.slice(0, 30).join('') + ' zebra 😀 ';
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
    expect(err(() => BpeTokenizer.train(corpus, { vocabSize: 0 }))).toBe('BAD_RANGE');
    expect(err(() => BpeTokenizer.train(corpus, { vocabSize: 1000 }))).toBe('BAD_RANGE'); // < 4 + 1110 + 256
    expect(err(() => BpeTokenizer.fromJSON('garbage'))).toBe('CORRUPT_FILE');
    expect(err(() => BpeTokenizer.fromJSON({ ...tok.toJSON(), merges: [1, 2, 3] }))).toBe('CORRUPT_FILE');
    expect(err(() => BpeTokenizer.fromJSON({ ...tok.toJSON(), merges: [999999, 0] }))).toBe('CORRUPT_FILE');
    expect(err(() => tok.decode([-1]))).toBe('BAD_RANGE');
  });
});
