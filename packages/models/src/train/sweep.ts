// Independent runs in parallel worker_threads: each worker initialises its own TF.js backend (wasm
// is single-threaded in Node, so separate runs are how a sweep uses several cores).
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { cpus } from 'node:os';
import type { PackedSequences } from '@numfeat/data-gen';
import { initBackend, NumfeatError, prepareWebGPUWorkers, type BackendName } from '@numfeat/tensor';
import type { OptimizerOptions } from '../optim/types.js';
import type { ModelSpec } from '../registry.js';
import { packedBatches, streamBatches } from './data.js';
import type { EvalOptions, EvalRecord } from './eval.js';
import { numberEmbeddings } from './eval.js';
import { train, type TrainOptions } from './trainer.js';

/** One run as plain (structured-clonable) data. */
export interface SweepRun {
  name: string;
  model: ModelSpec;
  seed?: number;
  optimizer: OptimizerOptions;
  /** A token stream cut into windows (data-gen batches) or packed sequences (isolate / contextLength). */
  data: { ids: Int32Array | Uint32Array; batchSize: number; seqLen: number; seed: number } | { packed: PackedSequences; batchSize: number; seed: number };
  dataConfig?: Record<string, unknown>;
  steps?: number;
  tokens?: number;
  warmupSteps?: number;
  minLrRatio?: number;
  gradClip?: number;
  eval?: EvalOptions & { every: number };
  outDir?: string;
  checkpointEvery?: number;
  resume?: boolean;
  /** Also return the number-token embedding rows at the end (needs eval.numberIds). */
  returnEmbeddings?: boolean;
}

export interface SweepResult {
  name: string;
  ok: boolean;
  status?: string;
  step?: number;
  tokens?: number;
  losses?: { step: number; loss: number }[];
  evals?: EvalRecord[];
  tokensPerSecond?: number;
  seconds: number;
  embeddings?: { data: Float64Array; shape: [number, number] };
  error?: { code?: string; message: string };
}

export interface SweepOptions {
  /** Concurrent workers (default os.cpus().length). */
  workers?: number;
  /** Backend each worker initialises (default 'wasm'). */
  backend?: BackendName;
  /** The built @numfeat/models entry the workers import (default: this module, or ../../dist/index.js from sources). */
  moduleUrl?: string;
  onResult?: (r: SweepResult) => void;
}

function toTrainOptions(run: SweepRun): TrainOptions {
  const d = run.data;
  const data = 'packed' in d ? packedBatches(d.packed, d) : streamBatches(d.ids, d);
  const { name: _name, returnEmbeddings: _e, data: _d, ...rest } = run;
  return { ...rest, data, dataConfig: run.dataConfig ?? { sweepRun: run.name } };
}

/** Runs one SweepRun in this thread (what each worker calls). */
export async function runSweepJob(run: SweepRun, backend: BackendName = 'wasm'): Promise<SweepResult> {
  const t0 = performance.now();
  try {
    await initBackend(backend);
    const r = await train(toTrainOptions(run));
    const embeddings = run.returnEmbeddings && run.eval ? await numberEmbeddings(r.model, run.eval.numberIds) : undefined;
    r.model.dispose();
    return { name: run.name, ok: true, status: r.status, step: r.step, tokens: r.tokens, losses: r.losses, evals: r.evals, tokensPerSecond: r.tokensPerSecond, seconds: (performance.now() - t0) / 1000, embeddings };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { name: run.name, ok: false, seconds: (performance.now() - t0) / 1000, error: { code: err.code, message: err.message ?? String(e) } };
  }
}

function defaultModuleUrl(): string {
  // ESM build: this file is dist/index.js. CJS build: import.meta is empty, __filename is dist/index.cjs.
  const here = typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url;
  return /\.(c|m)?js$/.test(here) ? here : new URL('../../dist/index.js', here).href;
}

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
import(workerData.moduleUrl)
  .then((m) => m.runSweepJob(workerData.run, workerData.backend))
  .then((r) => parentPort.postMessage(r), (e) => parentPort.postMessage({ name: workerData.run.name, ok: false, seconds: 0, error: { message: 'worker could not load ' + workerData.moduleUrl + ': ' + (e && e.message) } }));
`;

/** Runs independent runs, at most `workers` at a time, each in its own worker thread; results in input order. */
export async function runSweep(runs: readonly SweepRun[], options: SweepOptions = {}): Promise<SweepResult[]> {
  const workers = options.workers ?? cpus().length;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new NumfeatError('BAD_ARGUMENT', `workers must be a positive integer, got ${workers}`, { fix: 'use e.g. os.cpus().length' });
  }
  const names = new Set(runs.map((r) => r.name));
  if (names.size !== runs.length) throw new NumfeatError('BAD_ARGUMENT', 'sweep run names must be unique', { fix: 'give every run its own name' });
  const moduleUrl = options.moduleUrl ?? defaultModuleUrl();
  const backend = options.backend ?? 'wasm';
  if (backend === 'webgpu') prepareWebGPUWorkers();
  const results: SweepResult[] = new Array(runs.length);
  let next = 0;
  const lane = async () => {
    while (next < runs.length) {
      const i = next++;
      const run = runs[i];
      results[i] = await new Promise<SweepResult>((resolve) => {
        const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { moduleUrl, run, backend } });
        let done = false;
        w.once('message', (r: SweepResult) => {
          done = true;
          resolve(r);
          void w.terminate();
        });
        w.once('error', (e) => {
          if (!done) resolve({ name: run.name, ok: false, seconds: 0, error: { message: e.message } });
        });
        w.once('exit', (code) => {
          if (!done) resolve({ name: run.name, ok: false, seconds: 0, error: { message: `worker exited with code ${code}` } });
        });
      });
      options.onResult?.(results[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, runs.length) }, lane));
  return results;
}
