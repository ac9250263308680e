import { assertSeed, createRng } from '../random.js';
import { asIds, assertIsNumber, noNumbers, type NumberAware, type TokenIds } from './common.js';

export interface UnigramReplaceOptions extends NumberAware {
  seed: number;
}

/**
 * Unigram Replace (paper §3.3): every number token is replaced by an independent draw from the
 * stream's own number-token marginal. Drawing a uniformly random number-token position of the
 * original stream is exactly a draw from that empirical marginal.
 */
export function unigramReplace(ids: TokenIds, opts: UnigramReplaceOptions): Uint32Array {
  assertIsNumber(opts.isNumber);
  const rng = createRng(assertSeed(opts.seed));
  const src = asIds(ids);
  const pool: number[] = [];
  for (const id of src) if (opts.isNumber(id)) pool.push(id);
  if (pool.length === 0) throw noNumbers('unigramReplace');
  const out = Uint32Array.from(src);
  for (let i = 0; i < out.length; i++) if (opts.isNumber(out[i])) out[i] = pool[rng.int(pool.length)];
  return out;
}
