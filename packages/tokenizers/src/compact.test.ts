import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { CompactVocabulary, compactVocabulary } from './compact.js';
import { loadTokenizer } from './load.js';
import { numberTokenIds } from './number-tokens.js';
import { gpt2Tokenizer, llama3Tokenizer } from './pretrained.js';
import { sampleCorpus } from './test-arbitraries.js';
import { WordTokenizer } from './word-tokenizer.js';

const corpus = sampleCorpus(200);

describe('compactVocabulary', () => {
  it('Llama-3 → only occurring tokens plus 0..999, numbers first; encode/decode round-trip', async () => {
    const l3 = await llama3Tokenizer();
    const streams = corpus.map((t) => l3.encode(t));
    const c = compactVocabulary(l3, streams, { keepNumbers: { start: 0, count: 1000 } });
    const occurring = new Set(streams.flat());
    const numberIds = new Set(numberTokenIds(l3).ids);
    expect(c.vocabSize).toBe(new Set([...occurring, ...numberIds]).size);
    // New ids 0..999 are the numbers 0..999, in order.
    const r = numberTokenIds(c, { count: 1000 });
    expect(r.ids).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    for (let n = 0; n < 1000; n += 37) expect(c.numberValue(n)).toBe(n);
    for (const t of corpus.slice(0, 50)) expect(c.decode(c.encode(t))).toBe(t);
    // Remapping is a bijection on kept ids.
    const ids = streams[0];
    expect(c.unmap(c.remap(ids))).toEqual(ids);
    expect(c.idToToken(c.tokenToId('Congress')!)).toBe('Congress');
    // Unseen tokens throw by default, map to <unk> on request.
    expect(() => c.encode('xylophone')).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    const u = compactVocabulary(l3, streams, { unknown: 'unk' });
    expect(u.decode(u.encode('the xylophone'))).toContain('\uFFFD');
    expect(u.idToToken(u.unkId!)).toBe('<unk>');
    // JSON round trip over the same base.
    const back = (await loadTokenizer(JSON.parse(JSON.stringify(c)))) as CompactVocabulary;
    expect(Array.from(back.newToOld)).toEqual(Array.from(c.newToOld));
  });

  it('GPT-2: keeps only the single-token numbers (0..999 minus the multi-token ones)', async () => {
    const g = await gpt2Tokenizer();
    const c = compactVocabulary(g, [], { keepNumbers: { start: 0, count: 1000 } });
    const single = numberTokenIds(g).single.filter(Boolean).length;
    expect(c.vocabSize).toBe(single);
    expect(numberTokenIds(c).largestContiguous).toEqual(numberTokenIds(g).largestContiguous);
  });

  it('round-trips arbitrary corpus-made text over a word tokenizer', () => {
    const w = WordTokenizer.train(corpus, { vocabSize: 20 });
    const c = compactVocabulary(w, corpus.map((t) => w.encode(t)), { keepNumbers: false });
    fc.assert(fc.property(fc.subarray(corpus, { minLength: 1 }), (ts) => c.decode(c.encode(ts.join(''))) === ts.join('')));
  });

  it('bad input throws NumfeatError', async () => {
    const w = WordTokenizer.train(corpus, { vocabSize: 5 });
    expect(() => compactVocabulary(w, [[w.vocabSize + 3]])).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }));
    expect(() => compactVocabulary(w, [], { unknown: 'x' as 'unk' })).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    const c = compactVocabulary(w, [], {});
    try {
      CompactVocabulary.fromJSON({ ...c.toJSON(), baseName: 'other' }, w);
      expect.unreachable();
    } catch (e) {
      expect(isNumfeatError(e, 'CORRUPT_FILE')).toBe(true);
    }
  });
});
