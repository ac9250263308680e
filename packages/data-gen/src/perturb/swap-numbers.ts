import { assertSeed, createRng, shuffleInPlace } from '../random.js';
import { asIds, assertIsNumber, noNumbers, numberSpans, type NumberAware, type TokenIds } from './common.js';

export interface SwapNumbersOptions extends NumberAware {
  seed: number;
  /**
   * false (default): spans are permuted across all span slots; the text-token sequence is kept in
   * order and the stream length is unchanged, but text tokens shift when swapped spans differ in
   * length. true: spans are permuted only among slots of the same length, so every text token
   * keeps its exact index (a weaker shuffle: span length stays tied to its context).
   */
  sameLength?: boolean;
}

/**
 * Swap Numbers (paper §3.3): permute whole number spans across positions. Number n-gram statistics
 * inside spans are preserved; the link between a number and its text context is broken.
 */
export function swapNumbers(ids: TokenIds, opts: SwapNumbersOptions): Uint32Array {
  assertIsNumber(opts.isNumber);
  const rng = createRng(assertSeed(opts.seed));
  const src = asIds(ids);
  const spans = numberSpans(src, opts.isNumber);
  if (spans.length === 0) throw noNumbers('swapNumbers');
  const order = spans.map((_, i) => i);
  if (opts.sameLength) {
    const byLength = new Map<number, number[]>();
    spans.forEach((s, i) => byLength.set(s.length, [...(byLength.get(s.length) ?? []), i]));
    for (const slots of byLength.values()) {
      const perm = [...slots];
      shuffleInPlace(perm, rng);
      slots.forEach((slot, j) => (order[slot] = perm[j]));
    }
  } else shuffleInPlace(order, rng);

  const out = new Uint32Array(src.length);
  let w = 0;
  let r = 0;
  for (let slot = 0; slot < spans.length; slot++) {
    const gapEnd = spans[slot].start;
    out.set(src.subarray(r, gapEnd), w); // the text between spans, unchanged and in order
    w += gapEnd - r;
    const moved = spans[order[slot]];
    out.set(src.subarray(moved.start, moved.start + moved.length), w);
    w += moved.length;
    r = gapEnd + spans[slot].length;
  }
  out.set(src.subarray(r), w);
  return out;
}
