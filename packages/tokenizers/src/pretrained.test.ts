import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { loadTokenizer } from './load.js';
import { numberTokenIds } from './number-tokens.js';
import { PRETRAINED_VOCABULARIES, PretrainedTokenizer, pretrainedTokenizer, type PretrainedVocabulary } from './pretrained.js';
import { textWithNumbers } from './test-arbitraries.js';

const require = createRequire(import.meta.url);
const loaded = new Map<PretrainedVocabulary, PretrainedTokenizer>();
beforeAll(async () => {
  // p50k_base shares GPT-2's number tokens; loading it too would only slow the suite.
  for (const v of PRETRAINED_VOCABULARIES) if (v !== 'p50k_base') loaded.set(v, await pretrainedTokenizer(v));
});

/** Token → rank straight from gpt-tokenizer's bundled .tiktoken vocabulary file. */
function tiktokenFile(name: string): Map<string, number> {
  const text = readFileSync(require.resolve(`gpt-tokenizer/data/${name}.tiktoken`), 'utf8');
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [b64, rank] = line.split(' ');
    m.set(Buffer.from(b64, 'base64').toString('latin1'), Number(rank));
  }
  return m;
}

describe('pretrained adapters', () => {
  it('Llama-3: every 0..999 is a single token, never with a leading space', () => {
    const t = loaded.get('llama3')!;
    const r = numberTokenIds(t, { count: 1000 });
    expect(r.largestContiguous).toEqual({ start: 0, count: 1000 });
    r.ids.forEach((id, n) => {
      expect(t.decode([id!])).toBe(String(n));
      expect(t.numberValue(id!)).toBe(n);
    });
    expect(numberTokenIds(t, { count: 1000, leadingSpace: true }).missing.length).toBe(1000);
    expect(t.encode('1234567').map((id) => t.tokenText(id))).toEqual(['123', '456', '7']);
    expect(t.numberPiece(t.tokenToId('007')!)).toEqual({ value: 7, width: 3, padded: true, leadingSpace: false });
  });

  for (const name of ['r50k_base', 'cl100k_base'] as const) {
    it(`${name}: single-token numbers are exactly the numbers in the vocabulary file, with the file's id`, () => {
      const t = loaded.get(name)!;
      const file = tiktokenFile(name);
      for (const leadingSpace of [false, true]) {
        const r = numberTokenIds(t, { count: 1000, leadingSpace });
        r.ids.forEach((id, n) => {
          const text = (leadingSpace ? ' ' : '') + String(n);
          expect(id).toBe(file.get(text) ?? null);
          if (id !== null) {
            expect(t.decode([id])).toBe(text);
            expect(t.numberPiece(id)).toEqual({ value: n, width: String(n).length, padded: false, leadingSpace });
          }
        });
      }
    });
  }

  it('GPT-2 (r50k): 0..520 is the longest single-token run from 0 (as measured, cf. Zhou et al. 2024)', () => {
    const t = loaded.get('r50k_base')!;
    const r = numberTokenIds(t, { count: 1000 });
    const file = tiktokenFile('r50k_base');
    // The end of the run is the first number missing from the vocabulary file.
    let first = 0;
    while (file.has(String(first))) first++;
    expect(r.largestContiguous).toEqual({ start: 0, count: first });
    expect(first).toBe(521);
  });

  it('decode(encode(x)) === x on arbitrary text with numbers, for every vocabulary', () => {
    for (const t of loaded.values()) {
      fc.assert(fc.property(textWithNumbers(), (x) => t.decode(t.encode(x)) === x), { numRuns: 100 });
      // Special-token look-alikes are plain text (GPT) or specials (Llama-3): both round-trip.
      const s = 'a <|endoftext|> b <|begin_of_text|>';
      expect(t.decode(t.encode(s))).toBe(s);
    }
  });

  it('idToToken / tokenToId agree; specials are reachable', () => {
    const gpt2 = loaded.get('r50k_base')!;
    expect(gpt2.idToToken(gpt2.vocabSize - 1)).toBe('<|endoftext|>');
    const id = gpt2.encode(' hello')[0];
    expect(gpt2.idToToken(id)).toBe('Ġhello');
    expect(gpt2.tokenToId('Ġhello')).toBe(id);
    expect(gpt2.tokenToId(' hello')).toBe(id);
    expect(gpt2.idToToken(-1)).toBeUndefined();
  });

  it('toJSON/loadTokenizer round-trip; unknown vocabulary → UNSUPPORTED_FORMAT with a fix', async () => {
    const t = (await loadTokenizer(JSON.stringify(loaded.get('r50k_base')!))) as PretrainedTokenizer;
    expect(t.name).toBe('r50k_base');
    expect(t.encode('hello 520')).toEqual(loaded.get('r50k_base')!.encode('hello 520'));
    await expect(pretrainedTokenizer('gpt9')).rejects.toSatisfy((e) => isNumfeatError(e, 'UNSUPPORTED_FORMAT') && !!e.fix);
    await expect(loadTokenizer({ format: 'numfeat.pretrained-tokenizer', vocabulary: 'nope' })).rejects.toSatisfy((e) => isNumfeatError(e, 'UNSUPPORTED_FORMAT'));
    await expect(loadTokenizer({ format: 'zzz' })).rejects.toSatisfy((e) => isNumfeatError(e, 'CORRUPT_FILE'));
    expect(() => loaded.get('cl100k_base')!.decode([100256])).toThrow(/unused/);
  });
});
