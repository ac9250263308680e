import { assertInteger, isNumfeatError, NumfeatError } from '@numfeat/core';
import type { Tokenizer } from './tokenizer.js';

export interface NumberTokenIds {
  /** ids[i] = the single token id of number start+i, or null if it takes several tokens. */
  ids: (number | null)[];
  single: boolean[];
  /** Numbers in the range that are NOT single tokens. */
  missing: number[];
  /** Longest run of consecutive numbers that are all single tokens. */
  largestContiguous: { start: number; count: number };
}

/**
 * Which of the numbers start..start+count-1 are single tokens, measured by encoding each one
 * (written in decimal without padding, with one leading space if `leadingSpace`), so the answer
 * is whatever the tokenizer really does, not what its vocabulary file suggests.
 */
export function numberTokenIds(
  tokenizer: Tokenizer,
  opts: { start?: number; count?: number; leadingSpace?: boolean } = {},
): NumberTokenIds {
  if (!tokenizer || typeof tokenizer.encode !== 'function') {
    throw new NumfeatError('BAD_ARGUMENT', 'numberTokenIds needs a Tokenizer', {
      fix: 'pass a WordTokenizer, BpeTokenizer or an adapter such as await llama3Tokenizer()',
    });
  }
  const start = assertInteger(opts.start ?? 0, 'start', 0);
  const count = assertInteger(opts.count ?? 1000, 'count', 1, 10_000_000);
  const prefix = opts.leadingSpace ? ' ' : '';
  const ids: (number | null)[] = [];
  const single: boolean[] = [];
  const missing: number[] = [];
  let best = { start, count: 0 };
  let runStart = start;
  let run = 0;
  for (let i = 0; i < count; i++) {
    const n = start + i;
    const text = prefix + String(n);
    const enc = tryEncode(tokenizer, text);
    const ok = enc !== undefined && enc.length === 1 && tokenizer.decode(enc) === text;
    ids.push(ok ? enc[0] : null);
    single.push(ok);
    if (ok) {
      if (run === 0) runStart = n;
      run++;
      if (run > best.count) best = { start: runStart, count: run };
    } else {
      missing.push(n);
      run = 0;
    }
  }
  return { ids, single, missing, largestContiguous: best };
}

/** A number the tokenizer cannot encode (e.g. outside a compact vocabulary) is not a single token. */
function tryEncode(tokenizer: Tokenizer, text: string): number[] | undefined {
  try {
    return tokenizer.encode(text);
  } catch (e) {
    if (isNumfeatError(e)) return undefined;
    throw e;
  }
}
