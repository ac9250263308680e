// What the page's "Train a tiny model" panel computes, with no DOM: a seeded synthetic corpus
// (@numfeat/data-gen's numberCorpus), one of the registry's models trained by @numfeat/models'
// train() — the browser build in the page, the Node build in the page test: one loop, one
// trainStep, one optimizer — then the page's analysis of the trained number embeddings.
import { NumfeatError, assertInteger } from '@numfeat/tensor/core';
import { numberCorpus } from '@numfeat/data-gen';
import { numberEmbeddings, streamBatches, train, type ModelSpec, type StepInfo } from '@numfeat/models';
import { analyzeEmbeddings, type AnalysisResult } from '@numfeat/analysis';
import { PAGE_OPTIONS } from './analyze-file.js';

/** Small configurations of the registry's architectures (plain data; the models are the library's). */
export const TINY_MODELS = {
  transformer: { arch: 'transformer', dModel: 32, nLayers: 1, nHeads: 2 },
  lstm: { arch: 'lstm', dEmbed: 32, dHidden: 32, nLayers: 1 },
  'gated-deltanet': { arch: 'gated-deltanet', dModel: 32, nLayers: 1, nHeads: 2, headDim: 16 },
  mamba2: { arch: 'mamba2', dModel: 32, nLayers: 1, dState: 16, headDim: 16 },
} as const satisfies Record<string, ModelSpec>;
export type TinyArch = keyof typeof TINY_MODELS;

/** The run's fixed choices: batch shape, vocabulary, optimizer (train-one's tiny config), numbers analysed. */
export const TINY_RUN = {
  batchSize: 8,
  seqLen: 32,
  vocabSize: 2048,
  /** The numbers 0..N−1 whose embedding rows are analysed (a tiny run sees few of 0..999 often). */
  numbers: 100,
  /** The synthetic corpus has max(minCorpusTokens, tokens) tokens (the batches cycle over it). */
  minCorpusTokens: 20_000,
  optimizer: { name: 'muon', lr: 0.02, adamLr: 0.003 },
  tokens: { min: 2_000, max: 1_000_000 },
} as const;

export interface TinyOptions {
  arch: TinyArch;
  /** Training tokens (steps = ⌈tokens / (batchSize · seqLen)⌉). */
  tokens: number;
  /** Seeds the corpus, the initialisation and the batch order. */
  seed: number;
  /** After every step; a returned promise is awaited (the page yields to repaint there). */
  onStep?: (info: StepInfo) => void;
  /** Polled after every step; true stops the run (the analysis still runs on the model so far). */
  shouldStop?: () => boolean;
}

export interface TinyResult {
  spec: ModelSpec;
  status: 'completed' | 'stopped' | 'data-exhausted';
  steps: number;
  totalSteps: number;
  tokens: number;
  tokensPerSecond: number;
  losses: { step: number; loss: number }[];
  /** Corpus size in word tokens and its vocabulary. */
  corpus: { tokens: number; vocabSize: number };
  /** Rows of the numbers 0..N−1 of the trained embedding table. */
  embeddings: { data: Float64Array; shape: [number, number] };
  analysis: AnalysisResult;
}

/** Checks the panel's inputs before anything is built. */
export function checkTinyOptions(o: TinyOptions): void {
  if (!Object.prototype.hasOwnProperty.call(TINY_MODELS, o?.arch)) {
    throw new NumfeatError('BAD_ARGUMENT', `unknown tiny architecture ${JSON.stringify(o?.arch)}`, { fix: `use one of ${Object.keys(TINY_MODELS).join(', ')}` });
  }
  assertInteger(o.tokens, 'tokens', TINY_RUN.tokens.min, TINY_RUN.tokens.max);
  assertInteger(o.seed, 'seed', 0, 2 ** 31 - 1);
}

/** Generates the corpus, trains the model, and analyses its number embeddings with the page's options. */
export async function trainTiny(o: TinyOptions): Promise<TinyResult> {
  checkTinyOptions(o);
  const corpus = numberCorpus({
    source: 'synthetic',
    tokens: Math.max(TINY_RUN.minCorpusTokens, o.tokens),
    vocabSize: TINY_RUN.vocabSize,
    numbers: TINY_RUN.numbers,
    seed: o.seed,
  });
  const spec: ModelSpec = { ...TINY_MODELS[o.arch], vocabSize: corpus.vocabSize, maxSeqLen: TINY_RUN.seqLen };
  const run = await train({
    model: spec,
    seed: o.seed,
    optimizer: { ...TINY_RUN.optimizer },
    data: streamBatches(corpus.ids, { batchSize: TINY_RUN.batchSize, seqLen: TINY_RUN.seqLen, seed: o.seed }),
    tokens: o.tokens,
    ...(o.onStep ? { onStep: o.onStep } : {}),
    ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}),
  });
  try {
    const embeddings = await numberEmbeddings(run.model, corpus.numberIds);
    return {
      spec,
      status: run.status,
      steps: run.step,
      totalSteps: run.totalSteps,
      tokens: run.tokens,
      tokensPerSecond: run.tokensPerSecond,
      losses: run.losses,
      corpus: { tokens: corpus.ids.length, vocabSize: corpus.vocabSize },
      embeddings,
      analysis: analyzeEmbeddings(embeddings, PAGE_OPTIONS),
    };
  } finally {
    run.model.dispose();
  }
}
