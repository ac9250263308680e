// Public API of @numfeat/data-gen. See README.md and docs/data.md.
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

// Bundled real corpus: sources, cleaning, tokenized binary shards with a manifest
export { readBundledDocuments, sourcePackageInfo, BUNDLED_SOURCES, type BundledSourceName, type CorpusDocument, type ReadSourcesOptions } from './real/sources.js';
export { cleanEmail, cleanBrown, stripHtml, normalizeWhitespace } from './real/clean.js';
export { buildBundledCorpus, type BuildCorpusOptions, type BundledCorpus, type CorpusManifest, type SourceStats } from './real/build.js';
export { readShard, dtypeForVocab, type ShardRef, type ShardDtype } from './real/shards.js';
export { readCorpusIds, bundledWordTokenizer, type BundledWordTokenizerOptions } from './real/corpus-ids.js';

// Deterministic, resumable LM batches
export { batches, type Batch, type BatchOptions, type BatchPosition, type BatchStream } from './loader/batches.js';
export { packedBatches, type PackedBatch, type PackedBatchStream } from './loader/packed-batches.js';

// The data pipeline of a training run: corpus spec → token stream → perturbed, packed rows.
export { numberCorpus, CORPUS_RULE, type CorpusSpec, type NumberCorpus } from './pipeline/number-corpus.js';
export { perturb, parsePerturbation, PERTURBATION_GRAMMAR, type Perturbation, type PerturbOptions } from './pipeline/perturbation.js';
