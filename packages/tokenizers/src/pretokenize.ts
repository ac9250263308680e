/**
 * Lossless pre-tokenizer: splits text into segments whose concatenation is the input.
 *
 * - digits: a run of ASCII digits, never with a leading space (as in Llama-3), so number tokens
 *   are the same whatever precedes them;
 * - word: letters (with combining marks), optionally preceded by ONE space (GPT-2 style " word");
 * - punct: one other code point (with its combining marks), optionally preceded by one space;
 * - space: a whitespace run; when a word or punctuation follows, the run's last space is left
 *   for that token, so "a  b" → "a", " ", " b".
 */
import { scanSegments } from './scanner.js';

export type SegmentKind = 'word' | 'digits' | 'punct' | 'space';

/**
 * The specification, as a regex (alternation order matters: words, digits, punctuation, then
 * whitespace in two forms). `pretokenize` runs an equivalent hand-written scanner (scanner.ts).
 */
export const PRETOKENIZE_REGEX = / ?\p{L}[\p{L}\p{M}]*|[0-9]+| ?[^\s\p{L}0-9][\p{M}]*|\s+(?![^\s0-9])|\s+/gsu;

/** Segments of `text` in order; `segments.join('') === text` always. */
export function pretokenize(text: string): string[] {
  const out: string[] = [];
  scanSegments(text, (start, end) => out.push(text.slice(start, end)));
  return out;
}

/** Kind of one segment produced by `pretokenize`. */
export function segmentKind(segment: string): SegmentKind {
  const c = segment.charCodeAt(0);
  if (c >= 48 && c <= 57) return 'digits';
  const first = c === 32 && segment.length > 1 ? segment.slice(1) : segment;
  if (/^\s/u.test(first)) return 'space';
  if (/^\p{L}/u.test(first)) return 'word';
  return 'punct';
}

/** True for a segment of ASCII digits only (cheap check used on the hot path). */
export function isDigitSegment(segment: string): boolean {
  const c = segment.charCodeAt(0);
  return c >= 48 && c <= 57;
}
