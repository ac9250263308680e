import { asIds, assertIsNumber, noNumbers, type NumberAware, type TokenIds } from './common.js';

export interface AdjacentMIOptions extends NumberAware {
  /** Only pair number tokens at most this many text tokens apart (default: any distance). */
  maxGap?: number;
  /** 'none' (plug-in, default) or 'miller-madow' (subtracts the first-order bias (Kxy−Kx−Ky+1)/(2n ln 2)). */
  correction?: 'none' | 'miller-madow';
}

export interface AdjacentMI {
  bits: number;
  pairs: number;
  distinctFirst: number;
  distinctSecond: number;
  distinctPairs: number;
}

/**
 * Mutual information (bits) between each number token and the next number token in the stream
 * (consecutive entries of the number-token subsequence, optionally within maxGap text tokens).
 * Near 0 means numbers carry no information about the next number.
 */
export function adjacentNumberMI(ids: TokenIds, opts: AdjacentMIOptions): AdjacentMI {
  assertIsNumber(opts.isNumber);
  const src = asIds(ids);
  const maxGap = opts.maxGap ?? Infinity;
  const joint = new Map<string, number>();
  const first = new Map<number, number>();
  const second = new Map<number, number>();
  let prev = -1;
  let prevPos = -1;
  let pairs = 0;
  let seen = 0;
  for (let i = 0; i < src.length; i++) {
    const id = src[i];
    if (!opts.isNumber(id)) continue;
    seen++;
    if (prevPos >= 0 && i - prevPos - 1 <= maxGap) {
      const key = `${prev},${id}`;
      joint.set(key, (joint.get(key) ?? 0) + 1);
      first.set(prev, (first.get(prev) ?? 0) + 1);
      second.set(id, (second.get(id) ?? 0) + 1);
      pairs++;
    }
    prev = id;
    prevPos = i;
  }
  if (seen === 0) throw noNumbers('adjacentNumberMI');
  let bits = 0;
  for (const [key, c] of joint) {
    const comma = key.indexOf(',');
    const a = Number(key.slice(0, comma));
    const b = Number(key.slice(comma + 1));
    bits += (c / pairs) * Math.log2((c * pairs) / (first.get(a)! * second.get(b)!));
  }
  if (opts.correction === 'miller-madow' && pairs > 0) {
    bits -= (joint.size - first.size - second.size + 1) / (2 * pairs * Math.LN2);
  }
  return { bits: pairs > 0 ? bits : 0, pairs, distinctFirst: first.size, distinctSecond: second.size, distinctPairs: joint.size };
}
