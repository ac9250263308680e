import { NumfeatError, assertInteger } from '@numfeat/core';
import { asIds, type TokenIds } from './perturb/common.js';

export interface NumberValueOptions {
  /** Integer value of a number token, undefined for other tokens (Tokenizer.numberValue). */
  numberValue: (id: number) => number | undefined;
}

export interface NumberTokenHistogram {
  N: number;
  /** raw[n] = occurrences of number n (0..N−1). */
  raw: Float64Array;
  /** raw / total. */
  probability: Float64Array;
  /** log(1 + raw). */
  log1p: Float64Array;
  total: number;
  /** Number tokens whose value is ≥ N (not counted in raw). */
  outOfRange: number;
}

function assertNumberValue(numberValue: unknown): void {
  if (typeof numberValue !== 'function') {
    throw new NumfeatError('BAD_ARGUMENT', 'numberValue must be a function (id) => number | undefined', {
      fix: 'pass { numberValue: (id) => tokenizer.numberValue(id) }',
    });
  }
}

/**
 * The "Token Dist." signal of the paper (§3.6): how often each number token 0..N−1 occurs. The
 * paper does not say whether it used counts, probabilities or log counts, so all three are given.
 * This is the study's "no model at all" baseline: its spectrum and probe need no training.
 */
export function numberTokenHistogram(ids: TokenIds, opts: NumberValueOptions & { N?: number }): NumberTokenHistogram {
  assertNumberValue(opts.numberValue);
  const N = assertInteger(opts.N ?? 1000, 'N', 2);
  const src = asIds(ids);
  const raw = new Float64Array(N);
  let total = 0;
  let outOfRange = 0;
  const cache = new Map<number, number | undefined>();
  for (const id of src) {
    let v = cache.get(id);
    if (v === undefined && !cache.has(id)) {
      v = opts.numberValue(id);
      cache.set(id, v);
    }
    if (v === undefined) continue;
    if (Number.isInteger(v) && v >= 0 && v < N) {
      raw[v]++;
      total++;
    } else outOfRange++;
  }
  if (total === 0) {
    throw new NumfeatError('EMPTY_INPUT', `no number tokens with values 0..${N - 1} in ${src.length} tokens`, {
      fix: 'check numberValue against your tokenizer, or use a corpus with numbers (synthCorpus or buildBundledCorpus)',
    });
  }
  return { N, raw, probability: raw.map((c) => c / total), log1p: raw.map((c) => Math.log1p(c)), total, outOfRange };
}

export interface CorpusStats {
  tokens: number;
  numberTokens: number;
  distinctNumbers: number;
  /** Mean count of multiples of 10 in 100..999 divided by the mean count of the other numbers there. */
  roundShare: number;
  /** Fewest occurrences of any number 0..N−1. */
  minCount: number;
}

/** Summary numbers for `numfeat corpus stats`. */
export function corpusStats(ids: TokenIds, opts: NumberValueOptions & { N?: number }): CorpusStats {
  const src = asIds(ids);
  if (src.length === 0) throw new NumfeatError('EMPTY_INPUT', 'the corpus has no tokens', { fix: 'tokenize some text first' });
  const h = numberTokenHistogram(src, opts);
  let round = 0;
  let other = 0;
  let nRound = 0;
  let nOther = 0;
  for (let n = 100; n < Math.min(h.N, 1000); n++) {
    if (n % 10 === 0) {
      round += h.raw[n];
      nRound++;
    } else {
      other += h.raw[n];
      nOther++;
    }
  }
  let distinct = 0;
  let min = Infinity;
  for (const c of h.raw) {
    if (c > 0) distinct++;
    min = Math.min(min, c);
  }
  return {
    tokens: src.length,
    numberTokens: h.total + h.outOfRange,
    distinctNumbers: distinct,
    roundShare: nRound && nOther && other > 0 ? round / nRound / (other / nOther) : NaN,
    minCount: min,
  };
}
