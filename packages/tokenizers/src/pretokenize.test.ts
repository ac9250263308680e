import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pretokenize, segmentKind } from './pretokenize.js';
import { textWithNumbers } from './test-arbitraries.js';

describe('pretokenize', () => {
  it('splits words (with one leading space), digit runs (never with a space), punctuation and whitespace', () => {
    expect(pretokenize('Hello, world! In 2024  we had 12345 cats.\n\n  Next')).toEqual([
      'Hello', ',', ' world', '!', ' In', ' ', '2024', ' ', ' we', ' had', ' ', '12345', ' cats', '.', '\n\n ', ' Next',
    ]);
    expect(pretokenize('')).toEqual([]);
    expect(pretokenize('a  b').map(segmentKind)).toEqual(['word', 'space', 'word']);
    expect(pretokenize('x1,5').map(segmentKind)).toEqual(['word', 'digits', 'punct', 'digits']);
  });

  it('is lossless and digit runs are maximal', () => {
    fc.assert(
      fc.property(textWithNumbers({ loneSurrogates: true }), (text) => {
        const segs = pretokenize(text);
        expect(segs.join('')).toBe(text);
        for (let i = 0; i + 1 < segs.length; i++) {
          if (segmentKind(segs[i]) === 'digits') expect(/^[0-9]/.test(segs[i + 1])).toBe(false);
        }
        expect(segs.every((s) => s.length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
