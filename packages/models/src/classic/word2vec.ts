import { Worker } from 'node:worker_threads';
import { NumfeatError, assertInteger } from '@numfeat/core';
import { createRng, deriveSeed } from '@numfeat/data-gen';
import { buildAliasTable } from './alias-table.js';
import { checkDims, checkPositive, checkSeed, checkTokenStream, checkVocabSize, checkWindow, type TokenStream } from './validate.js';
import { word2vecKernel, type Word2vecJob, type Word2vecJobResult } from './word2vec-kernel.js';
import { WORD2VEC_SIMD_WASM_BASE64 } from './word2vec-simd-wasm.js';

export interface Word2vecOptions {
  /** Number of rows of the embedding table; every id must be < vocabSize. */
  vocabSize: number;
  /** Embedding width (default 100). */
  dims?: number;
  /** Maximum window radius; the effective radius is drawn uniformly from 1..window per word (default 5). */
  window?: number;
  /** Negative samples per positive pair, drawn from unigram^0.75 (default 5). */
  negative?: number;
  /** Passes over the stream (default 1). */
  epochs?: number;
  /** Initial learning rate, decayed linearly to minAlpha over all epochs (default 0.025). */
  alpha?: number;
  /** Final learning rate (default alpha·1e-4). */
  minAlpha?: number;
  /** Words seen fewer times are dropped from training and keep their random initial vector (default 1). */
  minCount?: number;
  /** Subsampling threshold t of frequent words (word2vec.c formula); 0 disables (default 1e-3). */
  sample?: number;
  /** 'skipgram' (SGNS, default) or 'cbow' (mean of the context vectors). */
  mode?: 'skipgram' | 'cbow';
  /** Seed of the initial vectors, windows, subsampling and negatives (default 0). */
  seed?: number;
  /**
   * Worker threads (default 1). With 1 the run is deterministic for a seed. With more, workers
   * update shared weights without locks (Hogwild, like word2vec.c/gensim): fast but the result
   * depends on thread timing, so two runs with the same seed differ slightly.
   */
  workers?: number;
  /** Input tokens per training sentence; windows never cross its boundary (default 10 000, gensim's cap). */
  sentenceLength?: number;
  /** Accumulate the negative-sampling loss per epoch (costs a log per update; default false). */
  computeLoss?: boolean;
  /**
   * Use the WebAssembly SIMD kernels (f32x4, ~4× the plain loops) when dims % 4 === 0 and the
   * weights fit in 4 GiB (default true). The plain TypeScript loops give the same algorithm; the
   * two paths differ only in float rounding order.
   */
  simd?: boolean;
}

export interface Word2vecResult {
  /** Input vectors, row-major [vocabSize · dims] — the embeddings word2vec.c and gensim save. */
  embeddings: Float32Array;
  /** Output (context) vectors, row-major [vocabSize · dims]. */
  contextVectors: Float32Array;
  dims: number;
  vocabSize: number;
  /** Occurrences of each id in the stream. */
  counts: Float64Array;
  /** Ids with count ≥ minCount, i.e. the rows that were trained. */
  trainedWords: number;
  /** Raw input tokens per second: stream length × epochs / training wall time. */
  wordsPerSecond: number;
  seconds: number;
  /** Whether the WebAssembly SIMD kernels ran. */
  simd: boolean;
  /** Per epoch, Σ loss / number of scored (target or negative) terms; only with computeLoss. */
  lossPerEpoch?: number[];
  /** Per epoch, number of trained (word, context) examples (skip-gram pairs or CBOW windows). */
  pairsPerEpoch: number[];
  workers: number;
}

const MAX_EXP = 6;
const EXP_TABLE_SIZE = 1000;

/** word2vec.c's sigmoid table: σ(x) sampled on [-MAX_EXP, MAX_EXP] (one extra entry for f = MAX_EXP). */
function sigmoidTable(): Float32Array {
  const t = new Float32Array(EXP_TABLE_SIZE + 1);
  for (let i = 0; i <= EXP_TABLE_SIZE; i++) {
    const e = Math.exp(((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP);
    t[i] = e / (e + 1);
  }
  return t;
}

function sharedCopy<T extends Float32Array | Float64Array | Int32Array>(src: T, shared: boolean): T {
  if (!shared) return src;
  const Ctor = src.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(src.byteLength));
  out.set(src as never);
  return out;
}

function resolveOptions(opts: Word2vecOptions) {
  if (opts === null || typeof opts !== 'object') {
    throw new NumfeatError('BAD_ARGUMENT', 'trainWord2vec needs an options object', { fix: 'call trainWord2vec(ids, { vocabSize })' });
  }
  const vocabSize = checkVocabSize(opts.vocabSize);
  const mode = opts.mode ?? 'skipgram';
  if (mode !== 'skipgram' && mode !== 'cbow') {
    throw new NumfeatError('BAD_ARGUMENT', `mode must be 'skipgram' or 'cbow', got ${String(mode)}`, { fix: "use mode: 'skipgram'" });
  }
  const alpha = checkPositive(opts.alpha ?? 0.025, 'alpha', '0.025');
  const minAlpha = opts.minAlpha ?? alpha * 1e-4;
  if (!(minAlpha >= 0 && minAlpha <= alpha)) {
    throw new NumfeatError('BAD_RANGE', `minAlpha must be in [0, alpha = ${alpha}], got ${minAlpha}`, { fix: 'omit minAlpha (default alpha·1e-4)' });
  }
  const sample = opts.sample ?? 1e-3;
  if (!(sample >= 0 && sample < 1)) {
    throw new NumfeatError('BAD_RANGE', `sample must be in [0, 1), got ${sample}`, { fix: 'use 1e-3 (or 0 to disable subsampling)' });
  }
  return {
    vocabSize,
    dims: checkDims(opts.dims ?? 100, vocabSize),
    window: checkWindow(opts.window ?? 5),
    negative: assertInteger(opts.negative ?? 5, 'negative', 1, 100),
    epochs: assertInteger(opts.epochs ?? 1, 'epochs', 1, 10_000),
    alpha,
    minAlpha,
    minCount: assertInteger(opts.minCount ?? 1, 'minCount', 1),
    sample,
    cbow: mode === 'cbow',
    seed: checkSeed(opts.seed ?? 0),
    workers: assertInteger(opts.workers ?? 1, 'workers', 1, 256),
    sentenceLength: assertInteger(opts.sentenceLength ?? 10_000, 'sentenceLength', 2),
    computeLoss: opts.computeLoss ?? false,
    simd: opts.simd ?? true,
  };
}

/**
 * word2vec with negative sampling (skip-gram or CBOW) on a token stream, following word2vec.c:
 * uniform(−0.5/d, 0.5/d) input vectors and zero output vectors, unigram^0.75 negatives, frequent-word
 * subsampling, dynamic window, tabulated sigmoid clipped at ±6, linear learning-rate decay.
 * Pure TypeScript on Float32Arrays; `workers > 1` trains in worker threads on shared memory.
 */
export async function trainWord2vec(ids: TokenStream, options: Word2vecOptions): Promise<Word2vecResult> {
  const o = resolveOptions(options);
  const stream = checkTokenStream(ids, o.vocabSize);
  const V = o.vocabSize;
  const d = o.dims;

  const counts = new Float64Array(V);
  for (let i = 0; i < stream.length; i++) counts[stream[i]]++;
  const kept: number[] = [];
  let trainWords = 0;
  for (let w = 0; w < V; w++) {
    if (counts[w] >= o.minCount) {
      kept.push(w);
      trainWords += counts[w];
    }
  }
  if (kept.length < 2) {
    throw new NumfeatError('EMPTY_INPUT', `only ${kept.length} word(s) occur at least minCount = ${o.minCount} times`, {
      fix: 'lower minCount or pass a longer corpus',
    });
  }

  // Subsampling keep probability (word2vec.c): (sqrt(c/(t·T)) + 1)·(t·T)/c; −1 marks dropped words.
  const keep = new Float32Array(V).fill(-1);
  const tT = o.sample * trainWords;
  for (const w of kept) keep[w] = o.sample > 0 ? (Math.sqrt(counts[w] / tT) + 1) * (tT / counts[w]) : 2;

  const words = Int32Array.from(kept);
  const weights = new Float64Array(words.length);
  for (let i = 0; i < words.length; i++) weights[i] = Math.pow(counts[words[i]], 0.75);
  const alias = buildAliasTable(words, weights);

  const rng = createRng(deriveSeed(o.seed, 0));
  const shared = o.workers > 1;
  const expTable = sigmoidTable();
  const wasm = o.simd ? simdMemory(V, d, o.negative, o.window, o.workers, expTable) : null;
  const syn0 = wasm ? wasm.syn0View : shared ? new Float32Array(new SharedArrayBuffer(V * d * 4)) : new Float32Array(V * d);
  for (let i = 0; i < syn0.length; i++) syn0[i] = (rng.next() - 0.5) / d;
  const syn1 = wasm ? wasm.syn1View : shared ? new Float32Array(new SharedArrayBuffer(V * d * 4)) : new Float32Array(V * d);
  const progress = shared ? new Int32Array(new SharedArrayBuffer(4)) : new Int32Array(1);
  const totalWords = trainWords * o.epochs;

  const base: Omit<Word2vecJob, 'start' | 'end' | 'seed'> = {
    ids: sharedCopy(stream, shared),
    syn0,
    syn1,
    keep: sharedCopy(keep, shared),
    aliasProb: sharedCopy(alias.prob, shared),
    aliasWord: sharedCopy(alias.alias, shared),
    aliasBucketWord: sharedCopy(alias.bucketWord, shared),
    expTable,
    maxExp: MAX_EXP,
    expScale: EXP_TABLE_SIZE / MAX_EXP / 2,
    dims: d,
    window: o.window,
    negative: o.negative,
    epochs: o.epochs,
    cbow: o.cbow,
    alpha: o.alpha,
    minAlpha: o.minAlpha,
    totalWords,
    progress,
    // Fine-grained on tiny corpora so alpha still decays smoothly; word2vec.c's 10k otherwise.
    progressUnit: Math.max(1, Math.min(10_000, Math.floor(totalWords / 1000))),
    sentenceLength: o.sentenceLength,
    computeLoss: o.computeLoss,
  };

  const t0 = performance.now();
  let results: Word2vecJobResult[];
  if (!shared) {
    results = [word2vecKernel({ ...base, start: 0, end: stream.length, seed: deriveSeed(o.seed, 1), wasm: wasm?.job(0) })];
  } else {
    results = await runWorkers(base, stream.length, o.workers, o.sentenceLength, o.seed, wasm);
  }
  const seconds = (performance.now() - t0) / 1000;

  const pairsPerEpoch = new Array<number>(o.epochs).fill(0);
  const lossSum = new Array<number>(o.epochs).fill(0);
  for (const r of results) {
    for (let e = 0; e < o.epochs; e++) {
      pairsPerEpoch[e] += r.pairs[e];
      lossSum[e] += r.loss[e];
    }
  }
  const result: Word2vecResult = {
    // Copies: the training buffers may be shared or part of a large wasm memory.
    embeddings: shared || wasm ? new Float32Array(syn0) : syn0,
    contextVectors: shared || wasm ? new Float32Array(syn1) : syn1,
    dims: d,
    vocabSize: V,
    counts,
    trainedWords: kept.length,
    wordsPerSecond: (stream.length * o.epochs) / Math.max(seconds, 1e-9),
    seconds,
    simd: wasm !== null,
    pairsPerEpoch,
    workers: o.workers,
  };
  if (o.computeLoss) {
    // Each example scores 1 positive + `negative` negatives (minus rare collisions with the target).
    result.lossPerEpoch = lossSum.map((l, e) => l / Math.max(1, pairsPerEpoch[e] * (o.negative + 1)));
  }
  return result;
}

/** Worker source: the kernel's own text, so workers need no separate bundle entry. */
function workerSource(): string {
  return [
    "const { parentPort, workerData } = require('node:worker_threads');",
    `const kernel = (${word2vecKernel.toString()});`,
    'parentPort.postMessage(kernel(workerData));',
  ].join('\n');
}

async function runWorkers(
  base: Omit<Word2vecJob, 'start' | 'end' | 'seed'>,
  n: number,
  workers: number,
  sentenceLength: number,
  seed: number,
  wasm: SimdMemory | null,
): Promise<Word2vecJobResult[]> {
  // Contiguous slices aligned to sentences, so the sentences are those of a 1-worker run.
  const sentences = Math.ceil(n / sentenceLength);
  const source = workerSource();
  const jobs: Promise<Word2vecJobResult>[] = [];
  for (let w = 0; w < workers; w++) {
    const start = Math.min(n, Math.round((sentences * w) / workers) * sentenceLength);
    const end = Math.min(n, Math.round((sentences * (w + 1)) / workers) * sentenceLength);
    if (end <= start) continue;
    const job: Word2vecJob = { ...base, start, end, seed: deriveSeed(seed, w + 1), wasm: wasm?.job(w) };
    jobs.push(
      new Promise((resolve, reject) => {
        const worker = new Worker(source, { eval: true, workerData: job });
        worker.once('message', (r: Word2vecJobResult) => resolve(r));
        worker.once('error', (e) =>
          reject(new NumfeatError('BAD_ARGUMENT', `a word2vec worker failed: ${e.message}`, { fix: 'retry with workers: 1', cause: e })),
        );
        worker.once('exit', (code) => {
          if (code !== 0) reject(new NumfeatError('BAD_ARGUMENT', `a word2vec worker exited with code ${code}`, { fix: 'retry with workers: 1' }));
        });
      }),
    );
  }
  return Promise.all(jobs);
}

interface SimdMemory {
  syn0View: Float32Array;
  syn1View: Float32Array;
  job(worker: number): NonNullable<Word2vecJob['wasm']>;
}

let simdModule: WebAssembly.Module | null | undefined;

/** The compiled SIMD module, or null where WebAssembly SIMD or shared memory is unavailable. */
function simdKernelModule(): WebAssembly.Module | null {
  if (simdModule !== undefined) return simdModule;
  try {
    const bytes = Uint8Array.from(atob(WORD2VEC_SIMD_WASM_BASE64), (c) => c.charCodeAt(0));
    simdModule = new WebAssembly.Module(bytes);
  } catch {
    simdModule = null;
  }
  return simdModule;
}

const align16 = (n: number) => (n + 15) & ~15;

/**
 * Lays out one shared wasm memory: σ table, syn0, syn1, then a private scratch area per worker
 * (neu1, neu1e, target ids, dot products, CBOW context row offsets). Null when SIMD cannot be used (d % 4 ≠ 0, > 4 GiB).
 */
function simdMemory(V: number, d: number, negative: number, window: number, workers: number, expTable: Float32Array): SimdMemory | null {
  if (d % 4 !== 0) return null;
  const module = simdKernelModule();
  if (!module) return null;
  const exp = 0;
  const syn0 = align16(expTable.length * 4);
  const syn1 = syn0 + V * d * 4;
  const scratch0 = syn1 + V * d * 4;
  const scratchBytes = 2 * d * 4 + 2 * align16(2 * window * (negative + 1) * 4) + align16(2 * window * 4);
  const total = scratch0 + workers * scratchBytes;
  const pages = Math.ceil(total / 65536);
  if (pages > 65536) return null;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return null;
  }
  new Float32Array(memory.buffer, exp, expTable.length).set(expTable);
  return {
    syn0View: new Float32Array(memory.buffer, syn0, V * d),
    syn1View: new Float32Array(memory.buffer, syn1, V * d),
    job: (w) => ({ module, memory, syn0, syn1, exp, scratch: scratch0 + w * scratchBytes }),
  };
}
