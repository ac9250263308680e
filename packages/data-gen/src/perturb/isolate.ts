import { NumfeatError, assertInteger } from '@numfeat/core';
import { asIds, assertIsNumber, type NumberAware, type TokenIds } from './common.js';

export type IsolateCut = 'before' | 'middle' | 'after';

export interface IsolateOptions extends NumberAware {
  /** At most this many number tokens per sequence (k ≥ 1). */
  k: number;
  /** Sequence length ℓ (≥ 2). */
  seqLen: number;
  /** Token id written into padded positions (masked out: mask = 0). */
  padId: number;
  /**
   * Where a sequence that would receive a (k+1)-th number token is cut, within the text gap between
   * the k-th and (k+1)-th number: 'before' the (k+1)-th number, 'after' the k-th, or in the
   * 'middle' of the gap (default: each of the two numbers keeps half of the text between them).
   */
  cut?: IsolateCut;
  seed?: number;
}

export interface PackedSequences {
  /** [sequences, seqLen] row-major. */
  data: Int32Array;
  /** 1 for real tokens, 0 for padding. */
  mask: Uint8Array;
  sequences: number;
  seqLen: number;
  realTokens: number;
  padTokens: number;
}

/**
 * Isolate-k (paper §3.3): pack the stream into sequences of ℓ tokens, each holding ≤ k number
 * tokens. A sequence is cut early (and padded) when the next number would exceed k; no token is
 * dropped, so the text seen is the same as the baseline's and only the cross-number context
 * shrinks. The price is padding; see docs/protocol.md, "Data perturbations".
 */
export function isolate(ids: TokenIds, opts: IsolateOptions): PackedSequences {
  assertIsNumber(opts.isNumber);
  const k = assertInteger(opts.k, 'k', 1);
  const seqLen = assertInteger(opts.seqLen, 'seqLen', 2);
  const padId = assertInteger(opts.padId, 'padId', 0);
  const cut = opts.cut ?? 'middle';
  if (!['before', 'middle', 'after'].includes(cut)) {
    throw new NumfeatError('BAD_ARGUMENT', `cut must be 'before', 'middle' or 'after', got ${String(cut)}`, { fix: "use cut: 'middle'" });
  }
  const src = asIds(ids);
  if (src.length === 0) throw new NumfeatError('EMPTY_INPUT', 'isolate: empty token stream', { fix: 'pass a non-empty stream' });
  const rows: [number, number][] = [];
  let s = 0;
  while (s < src.length) {
    let e = Math.min(s + seqLen, src.length);
    let count = 0;
    let kth = -1;
    for (let i = s; i < e; i++) {
      if (!opts.isNumber(src[i])) continue;
      count++;
      if (count === k) kth = i;
      else if (count === k + 1) {
        const gap = i - kth - 1; // text tokens between the k-th and (k+1)-th number
        e = cut === 'before' ? i : cut === 'after' ? kth + 1 : kth + 1 + Math.floor(gap / 2);
        break;
      }
    }
    rows.push([s, e]);
    s = e;
  }
  const data = new Int32Array(rows.length * seqLen).fill(padId);
  const mask = new Uint8Array(rows.length * seqLen);
  rows.forEach(([a, b], r) => {
    for (let i = a; i < b; i++) data[r * seqLen + i - a] = src[i];
    mask.fill(1, r * seqLen, r * seqLen + b - a);
  });
  return { data, mask, sequences: rows.length, seqLen, realTokens: src.length, padTokens: rows.length * seqLen - src.length };
}
