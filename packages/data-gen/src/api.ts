// What both entries of @numfeat/data-gen export (index.ts for Node, browser.ts for browsers): all but
// the bundled real corpus (read from npm packages with node:fs) and the two functions whose Node and
// browser versions differ, batches (shard files) and numberCorpus (the bundled source).
export { createRng, hash32, deriveSeed, shuffleInPlace, AliasSampler, type Rng } from './random.js';

// Synthetic number-rich corpus
export { synthCorpus, sampleFamilySentence, type SynthCorpusOptions } from './synth/corpus.js';
export { mix, type MixOptions } from './synth/mix.js';
export { SIGNAL_FAMILIES, type SignalFamilyName } from './synth/families/index.js';
export type { SignalFamily, FamilyContext } from './synth/family.js';
export { ordinalSuffix } from './synth/families/ordinals.js';
export {
  numberPrior,
  parametricPrior,
  fitParametricPrior,
  defaultParametricParams,
  measuredNumberCounts,
  type NumberPriorOptions,
  type ParametricPriorParams,
} from './synth/prior.js';
export { countApproxTokens, type ApproxTokenCounts } from './synth/approx-tokens.js';

// Perturbations of token streams (paper §3.3; choices in docs/protocol.md, "Data perturbations")
export { numberSpans, type NumberSpan, type TokenIds, type NumberAware } from './perturb/common.js';
export { swapNumbers, type SwapNumbersOptions } from './perturb/swap-numbers.js';
export { unigramReplace, type UnigramReplaceOptions } from './perturb/unigram-replace.js';
export { adjacentNumberMI, type AdjacentMI, type AdjacentMIOptions } from './perturb/mutual-information.js';
export { isolate, type IsolateOptions, type IsolateCut, type PackedSequences } from './perturb/isolate.js';
export { contextLength, type ContextLengthOptions } from './perturb/context-length.js';

// Addition datasets (paper §3.8; formats in README.md)
export {
  addition3Digit,
  additionChunked,
  additionFormat,
  addChunks,
  chunkToken,
  type AdditionDataset,
  type AdditionExample,
  type AdditionFormat,
  type Addition3DigitOptions,
  type ChunkedAdditionOptions,
} from './addition/chunked.js';
export { pairHash, isTestPair } from './addition/split.js';

// Token-frequency signal (paper §3.6) and corpus statistics
export { numberTokenHistogram, corpusStats, type NumberTokenHistogram, type CorpusStats, type NumberValueOptions } from './histogram.js';

// Deterministic, resumable LM batches (batches itself is per entry: shard files need Node)
export type { Batch, BatchOptions, BatchPosition, BatchStream } from './loader/batch-stream.js';
export { packedBatches, type PackedBatch, type PackedBatchStream } from './loader/packed-batches.js';

// The data pipeline of a training run: corpus spec → token stream → perturbed, packed rows.
export { CORPUS_RULE, type CorpusSpec, type NumberCorpus } from './pipeline/number-corpus-core.js';
export { perturb, parsePerturbation, PERTURBATION_GRAMMAR, type Perturbation, type PerturbOptions } from './pipeline/perturbation.js';
