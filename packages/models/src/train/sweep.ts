// A sweep of independent training runs as plain data, run on the project's worker pool (runPool).
import { pathToFileURL } from 'node:url';
import { cpus } from 'node:os';
import type { PackedSequences } from '@numfeat/data-gen';
import { initBackend, type BackendName } from '@numfeat/tensor';
import { runPool } from '../pool/worker-pool.js';
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
  return /\.(c|m)?js$/.test(here) ? here.replace(/\.cjs$/, '.js') : new URL('../../dist/index.js', here).href;
}

/** Runs independent training runs on the project's worker pool, at most `workers` at a time; results in input order. */
export async function runSweep(runs: readonly SweepRun[], options: SweepOptions = {}): Promise<SweepResult[]> {
  const backend = options.backend ?? 'wasm';
  const outcomes = await runPool<{ run: SweepRun; backend: BackendName }, SweepResult>(
    runs.map((run) => ({ id: run.name, input: { run, backend } })),
    {
      module: options.moduleUrl ?? defaultModuleUrl(),
      fn: 'runSweepTask',
      workers: options.workers ?? cpus().length,
      backend,
      onEvent: (e) => {
        if (e.type === 'end' && e.ok) options.onResult?.(e.output);
      },
    },
  );
  const byName = new Map(outcomes.map((o) => [o.id, o.ok ? o.output : { name: o.id, ok: false, seconds: 0, error: o.error }]));
  return runs.map((r) => byName.get(r.name) ?? { name: r.name, ok: false, seconds: 0, error: { message: 'not run' } });
}

/** The pool task behind runSweep (exported so that pool workers can call it by name). */
export function runSweepTask({ run, backend }: { run: SweepRun; backend: BackendName }): Promise<SweepResult> {
  return runSweepJob(run, backend);
}
