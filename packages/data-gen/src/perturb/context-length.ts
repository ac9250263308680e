import { NumfeatError, assertInteger } from '@numfeat/core';
import { asIds, type TokenIds } from './common.js';
import type { PackedSequences } from './isolate.js';

export interface ContextLengthOptions {
  /** Sequence length ℓ (≥ 2). */
  seqLen: number;
  /** Tokens to consume (default: the whole stream); the same budget for every ℓ. */
  budget?: number;
  isNumber?: (id: number) => boolean;
  seed?: number;
}

/**
 * ContextLength-ℓ (paper §3.3): the stream cut into consecutive, non-overlapping sequences of ℓ
 * tokens, ⌊budget/ℓ⌋ of them, so every ℓ trains on the same tokens (up to < ℓ left over) and
 * only the context a token can see changes.
 */
export function contextLength(ids: TokenIds, opts: ContextLengthOptions): PackedSequences {
  const seqLen = assertInteger(opts.seqLen, 'seqLen (ℓ)', 2);
  const src = asIds(ids);
  const budget = opts.budget === undefined ? src.length : assertInteger(opts.budget, 'budget', 1, src.length);
  const sequences = Math.floor(budget / seqLen);
  if (sequences === 0) {
    throw new NumfeatError('EMPTY_INPUT', `budget ${budget} is shorter than one sequence of ${seqLen} tokens`, {
      fix: 'use a longer stream or a shorter seqLen',
    });
  }
  const data = new Int32Array(src.subarray(0, sequences * seqLen));
  return { data, mask: new Uint8Array(data.length).fill(1), sequences, seqLen, realTokens: data.length, padTokens: 0 };
}
