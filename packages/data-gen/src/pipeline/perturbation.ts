// The one perturbation grammar (paper §3.3) and the step that applies a perturbation to a token
// stream and packs it into training rows. The CLI, train-one and the study all go through here.
import { NumfeatError } from '@numfeat/core';
import type { NumberAware, TokenIds } from '../perturb/common.js';
import { contextLength } from '../perturb/context-length.js';
import { isolate, type PackedSequences } from '../perturb/isolate.js';
import { swapNumbers } from '../perturb/swap-numbers.js';
import { unigramReplace } from '../perturb/unigram-replace.js';

export type Perturbation =
  | { kind: 'none' }
  | { kind: 'swap' }
  | { kind: 'unigram' }
  /** Context Length ℓ: rows of ℓ input tokens instead of the run's context. */
  | { kind: 'ctx'; length: number }
  /** Isolate-k: at most k numbers per row, the rest padding (masked out of the loss). */
  | { kind: 'isolate'; k: number };

/** What a perturbation name may be; ℓ and k are whole numbers ≥ 1. */
export const PERTURBATION_GRAMMAR = 'none | swap | unigram | ctx-<ℓ> | isolate-<k>';

/** Parses a perturbation name such as 'swap', 'ctx-16' or 'isolate-1'. */
export function parsePerturbation(name: string): Perturbation {
  const m = typeof name === 'string' ? /^(none|swap|unigram|ctx-([1-9]\d*)|isolate-([1-9]\d*))$/.exec(name) : null;
  if (!m) {
    throw new NumfeatError('BAD_ARGUMENT', `unknown perturbation ${JSON.stringify(name)}`, {
      fix: `use one of ${PERTURBATION_GRAMMAR} (e.g. ctx-16, isolate-8)`,
    });
  }
  if (m[2]) return { kind: 'ctx', length: Number(m[2]) };
  if (m[3]) return { kind: 'isolate', k: Number(m[3]) };
  return { kind: m[1] as 'none' | 'swap' | 'unigram' };
}

export interface PerturbOptions extends NumberAware {
  /** Input tokens per training row (rows hold context + 1 tokens: inputs and next-token targets). */
  context: number;
  /** Id of the padding token Isolate-k fills with. */
  padId: number;
  /** Seed of the random choices (Swap Numbers' permutation, Unigram Replace's draws, Isolate's cuts). */
  seed: number;
}

/**
 * Applies the named perturbation to a token stream and packs it into rows of context + 1 tokens
 * (ctx-ℓ: ℓ + 1) with a loss mask; swap and unigram rewrite the stream before packing.
 */
export function perturb(ids: TokenIds, name: string, o: PerturbOptions): PackedSequences {
  const p = parsePerturbation(name);
  const { isNumber, seed } = o;
  const stream = p.kind === 'swap' ? swapNumbers(ids, { isNumber, seed }) : p.kind === 'unigram' ? unigramReplace(ids, { isNumber, seed }) : ids;
  if (p.kind === 'isolate') return isolate(stream, { k: p.k, seqLen: o.context + 1, padId: o.padId, isNumber, seed });
  return contextLength(stream, { seqLen: (p.kind === 'ctx' ? p.length : o.context) + 1 });
}
