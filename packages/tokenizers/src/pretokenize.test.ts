import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRETOKENIZE_REGEX, pretokenize, segmentKind } from './pretokenize.js';
import { SegmentTable, hashString, scanSegments } from './scanner.js';
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

  it('the fast scanner gives exactly the regex segments, with the same hashes as hashString', () => {
    const texts = fc.oneof(textWithNumbers({ loneSurrogates: true }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
    fc.assert(
      fc.property(texts, (text) => {
        const segs: string[] = [];
        scanSegments(text, (s, e, _k, h) => {
          segs.push(text.slice(s, e));
          expect(h).toBe(hashString(text.slice(s, e)));
        });
        expect(segs).toEqual(text.match(PRETOKENIZE_REGEX) ?? []);
      }),
      { numRuns: 1000 },
    );
    const tricky = ' \u00a0x \u2028\u0301 \ud83d\ude00\u0301 \ud800 \t\n 5\u0661 \ufeffa\u3000 b';
    const segs: string[] = [];
    scanSegments(tricky, (s, e) => segs.push(tricky.slice(s, e)));
    expect(segs).toEqual(tricky.match(PRETOKENIZE_REGEX));
  });

  it('SegmentTable finds ranges of a text without slicing', () => {
    const t = new SegmentTable();
    const words = Array.from({ length: 500 }, (_, i) => `w${i}x`);
    words.forEach((w, i) => t.set(w, i));
    const text = words.join('');
    let at = 0;
    words.forEach((w, i) => {
      expect(t.lookupRange(text, at, at + w.length, hashString(w))).toBe(i);
      at += w.length;
    });
    expect(t.get('nope')).toBeUndefined();
    expect(t.size).toBe(500);
  });
});
