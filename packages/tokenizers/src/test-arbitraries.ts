// Shared fast-check generators for tokenizer tests (not exported from the package).
import fc from 'fast-check';
import { mulberry32 } from '@numfeat/core';

const digitRun = fc.stringMatching(/^[0-9]{1,14}$/);

/** Text mixing words, digit runs (with leading zeros), whitespace, punctuation and Unicode. */
export function textWithNumbers(opts: { loneSurrogates?: boolean } = {}): fc.Arbitrary<string> {
  const parts: fc.Arbitrary<string>[] = [
    fc.string({ unit: 'grapheme', maxLength: 8 }),
    fc.string({ unit: 'binary', maxLength: 6 }),
    digitRun,
    fc.constantFrom(' ', '  ', '\n', '\n\n', '\t', ' the', ',', '.', ' 1,000.50', '$', 'é', '\u0301', '日本', '😀'),
    fc.stringMatching(/^ ?[a-zA-Z]{1,8}$/),
  ];
  if (opts.loneSurrogates) parts.push(fc.constantFrom('\ud800', '\udfff', 'a\udc00b'));
  return fc.array(fc.oneof(...parts), { maxLength: 12 }).map((xs) => xs.join(''));
}

export const digitStrings = digitRun;

/** Small deterministic corpus: sentences of common words, numbers and punctuation. */
export function sampleCorpus(sentences = 400, seed = 7): string[] {
  const rand = mulberry32(seed);
  const words = ['the', 'of', 'and', 'to', 'a', 'in', 'number', 'year', 'people', 'Congress', 'war', 'peace', 'million', 'dollars', 'café', 'naïve', 'über'];
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const parts: string[] = [];
    const n = 4 + Math.floor(rand() * 10);
    for (let j = 0; j < n; j++) {
      const r = rand();
      if (r < 0.15) parts.push(String(Math.floor(rand() * (rand() < 0.5 ? 1000 : 1e7))));
      else parts.push(words[Math.floor(rand() * words.length)]);
    }
    out.push(parts.join(' ') + (rand() < 0.5 ? '.' : ', 1,000.') + '\n');
  }
  return out;
}
