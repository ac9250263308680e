import { NumfeatError } from '@numfeat/core';
import { assertSeed, createRng } from '../random.js';

export interface MixOptions {
  /** Probability that the next document comes from `synthetic` (0..1). */
  ratio: number;
  seed: number;
}

/**
 * Interleave two document streams: each output document is drawn from `synthetic` with probability
 * `ratio`, else from `real`, in each stream's own order. When one stream runs out the other
 * continues alone, so every document of both is emitted exactly once.
 */
export function* mix(synthetic: Iterable<string>, real: Iterable<string>, opts: MixOptions): Generator<string> {
  const { ratio } = opts;
  if (!(ratio >= 0 && ratio <= 1)) throw new NumfeatError('BAD_RANGE', `ratio must be in [0, 1], got ${ratio}`, { fix: 'e.g. 0.5 for half synthetic documents' });
  const rng = createRng(assertSeed(opts.seed));
  const a = synthetic[Symbol.iterator]();
  const b = real[Symbol.iterator]();
  let aDone = false;
  let bDone = false;
  while (!aDone || !bDone) {
    const fromA = bDone || (!aDone && rng.next() < ratio);
    const r = fromA ? a.next() : b.next();
    if (r.done) {
      if (fromA) aDone = true;
      else bDone = true;
      continue;
    }
    yield r.value;
  }
}
