import { NumfeatError } from '@numfeat/core';
import { AliasSampler, assertSeed, createRng, deriveSeed, type Rng } from '../random.js';
import { countApproxTokens } from './approx-tokens.js';
import type { FamilyContext, SignalFamily } from './family.js';
import { SIGNAL_FAMILIES } from './families/index.js';
import { fillerSentence } from './filler.js';
import { capitalize } from './lexicon.js';
import { N_NUMBERS, numberPrior, type NumberPriorOptions } from './prior.js';

export interface SynthCorpusOptions {
  seed: number;
  /** Stop after about this many tokens (Llama-3-like approximate count, see countApproxTokens). */
  tokens?: number;
  /** …or after this many family sentences (filler not counted). Give exactly one of the two. */
  sentences?: number;
  /**
   * Target share of tokens that are number tokens (default 0.25). Number-free filler sentences are
   * added until the running share is at or below it; if the chosen families are less number-dense
   * than the target, no filler is added and the share is simply theirs (it is an upper bound).
   */
  numberShare?: number;
  /** Relative weight of each signal family (default: 1 for every family). Unlisted families get 0 when any is listed. */
  families?: Record<string, number>;
  /** Number prior: options for numberPrior(), or explicit probabilities for 0..999. */
  prior?: NumberPriorOptions | ArrayLike<number>;
  /** Family sentences per document, inclusive range (default [8, 24]). */
  sentencesPerDocument?: [number, number];
}

/** The context handed to families: numbers drawn from the prior via an alias table. */
export function familyContext(rng: Rng, prior: ArrayLike<number>): FamilyContext {
  const sampler = new AliasSampler(prior);
  const number = (): number => sampler.sample(rng);
  return {
    rng,
    number,
    numberIn(lo, hi) {
      if (hi <= lo) return lo;
      // Rejection from the prior keeps its shape inside the range; a rare range falls back to uniform.
      for (let t = 0; t < 16; t++) {
        const n = number();
        if (n >= lo && n <= hi) return n;
      }
      return lo + rng.int(hi - lo + 1);
    },
  };
}

function resolveFamilies(weights: Record<string, number> | undefined): { families: SignalFamily[]; sampler: AliasSampler } {
  const names = Object.keys(SIGNAL_FAMILIES);
  const given = weights ?? Object.fromEntries(names.map((n) => [n, 1]));
  const families: SignalFamily[] = [];
  const w: number[] = [];
  for (const [name, weight] of Object.entries(given)) {
    const fam = SIGNAL_FAMILIES[name];
    if (!fam) throw new NumfeatError('BAD_ARGUMENT', `unknown signal family "${name}"`, { fix: `use some of: ${names.join(', ')}` });
    if (!Number.isFinite(weight) || weight < 0) {
      throw new NumfeatError('BAD_RANGE', `family weight ${name} = ${weight}`, { fix: 'weights must be finite and ≥ 0' });
    }
    if (weight > 0) {
      families.push(fam);
      w.push(weight);
    }
  }
  if (families.length === 0) {
    throw new NumfeatError('EMPTY_INPUT', 'every family weight is zero', { fix: 'give at least one family a positive weight, e.g. { counting: 1 }' });
  }
  return { families, sampler: new AliasSampler(w) };
}

function resolvePrior(prior: SynthCorpusOptions['prior']): ArrayLike<number> {
  if (prior && typeof (prior as ArrayLike<number>).length === 'number') {
    const p = prior as ArrayLike<number>;
    if (p.length !== N_NUMBERS) {
      throw new NumfeatError('SHAPE_MISMATCH', `prior has ${p.length} entries`, { fix: `give one probability per number 0..${N_NUMBERS - 1}` });
    }
    return p;
  }
  return numberPrior(prior as NumberPriorOptions | undefined);
}

/**
 * A deterministic stream of synthetic English documents rich in numbers 0..999 (see docs/data.md).
 * The same options always give the same documents; documents are produced lazily.
 */
export function synthCorpus(opts: SynthCorpusOptions): Iterable<string> {
  const seed = assertSeed(opts.seed);
  if ((opts.tokens === undefined) === (opts.sentences === undefined)) {
    throw new NumfeatError('BAD_ARGUMENT', 'give exactly one of tokens or sentences', { fix: 'e.g. synthCorpus({ seed: 0, tokens: 100_000 })' });
  }
  const budget = (opts.tokens ?? opts.sentences)!;
  if (!Number.isInteger(budget) || budget < 1) {
    throw new NumfeatError('BAD_RANGE', `budget must be a positive integer, got ${budget}`, { fix: 'pass tokens ≥ 1 or sentences ≥ 1' });
  }
  const share = opts.numberShare ?? 0.25;
  if (!(share > 0 && share <= 1)) throw new NumfeatError('BAD_RANGE', `numberShare must be in (0, 1], got ${share}`, { fix: 'use e.g. 0.25' });
  const [minS, maxS] = opts.sentencesPerDocument ?? [8, 24];
  if (!(Number.isInteger(minS) && Number.isInteger(maxS) && minS >= 1 && maxS >= minS)) {
    throw new NumfeatError('BAD_RANGE', `sentencesPerDocument [${minS}, ${maxS}]`, { fix: 'use two integers 1 ≤ min ≤ max' });
  }
  const { families, sampler } = resolveFamilies(opts.families);
  const prior = resolvePrior(opts.prior);
  const byTokens = opts.tokens !== undefined;

  return {
    *[Symbol.iterator]() {
      const rng = createRng(deriveSeed(seed, 1));
      const ctx = familyContext(rng, prior);
      let tokens = 0;
      let numbers = 0;
      let sentences = 0;
      const done = () => (byTokens ? tokens >= budget : sentences >= budget);
      while (!done()) {
        const target = minS + rng.int(maxS - minS + 1);
        const parts: string[] = [];
        for (let s = 0; s < target && !done(); s++) {
          const sentence = capitalize(families[sampler.sample(rng)].generate(ctx));
          const c = countApproxTokens(sentence);
          parts.push(sentence);
          tokens += c.tokens;
          numbers += c.numberChunks;
          sentences++;
          while (numbers > share * tokens) {
            const f = fillerSentence(rng);
            parts.push(f);
            tokens += countApproxTokens(f).tokens;
          }
        }
        yield parts.join(' ');
      }
    },
  };
}

/** One sentence of one family (docs, examples, tests). */
export function sampleFamilySentence(family: string, seed: number, prior?: SynthCorpusOptions['prior']): string {
  const fam = SIGNAL_FAMILIES[family];
  if (!fam) throw new NumfeatError('BAD_ARGUMENT', `unknown signal family "${family}"`, { fix: `use one of ${Object.keys(SIGNAL_FAMILIES).join(', ')}` });
  return capitalize(fam.generate(familyContext(createRng(assertSeed(seed)), resolvePrior(prior))));
}
