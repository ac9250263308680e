// Data-parallel training of ONE run on several cores: wasm TF.js is single-threaded in Node, so each
// extra core gets a worker thread holding its own copy of the model AND of the optimizer. Every
// step the batch's rows are split into contiguous parts; each thread computes its part's gradient,
// the parts travel to every thread, and each thread combines them (weights = each part's share of
// the counted targets, which is exactly the full batch's gradient up to float32 summation order) and
// applies the same clipped update with the same code. The copies stay bit-identical — same inputs,
// same single-threaded kernels — so parameters never travel after the first load, and the
// optimizer's step (Muon's Newton–Schulz iterations) runs on every thread at once instead of on the
// main thread while the workers wait. Deterministic for a given number of threads.
import { Worker } from 'node:worker_threads';
import { NumfeatError, getBackendReport, tf } from '@numfeat/tensor';
import type { LanguageModel } from '../model.js';
import type { Optimizer, OptimizerOptions } from '../optim/types.js';
import type { ModelSpec } from '../registry.js';
import type { TrainBatch } from './data.js';
import { batchLossAndGrads } from './loss.js';
import { applyStep } from './train-step.js';

/** One thread's rows of a step's batch. */
export interface PartInput {
  ids: Int32Array;
  targets: Int32Array;
  mask?: Float32Array;
  shape: [number, number];
}

/** What a worker is asked for a gradient alone: its rows and the parameters to use (concatenated). */
export interface PartRequest extends PartInput {
  params: Float32Array;
}

/** A part's mean loss, its weight (Σ mask, or rows × T), and its gradient (parameters concatenated). */
export interface PartResult {
  loss: number;
  weight: number;
  grads: Float32Array;
}

// Next to the bundle (dist/data-parallel-worker.js); from the TypeScript sources (tests), the built one.
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/data-parallel-worker.js', import.meta.url)
  : new URL('./data-parallel-worker.js', import.meta.url);

/** The values of `tensors`, one after another, in one array (parameters or gradients for the wire). */
export async function concatValues(tensors: tf.Tensor[]): Promise<Float32Array> {
  const out = new Float32Array(tensors.reduce((n, t) => n + t.size, 0));
  let at = 0;
  for (const t of tensors) {
    out.set((await t.data()) as Float32Array, at);
    at += t.size;
  }
  return out;
}

/** Writes concatenated values into the model's parameters (the inverse of concatValues over model.params). */
export function assignParams(model: LanguageModel, values: Float32Array): void {
  let at = 0;
  for (const p of model.params) {
    const v = p.variable;
    tf.tidy(() => v.assign(tf.tensor(values.subarray(at, at + v.size), v.shape, 'float32')));
    at += v.size;
  }
}

/** Mean loss (weighted as the trainer's loss is) and the gradient of one part, parameters concatenated. */
export async function partGradients(model: LanguageModel, part: PartInput): Promise<PartResult> {
  const { value, grads } = batchLossAndGrads(model, part.ids, part.targets, part.shape, part.mask);
  try {
    const flat = await concatValues(model.params.map((p) => grads[p.variable.name]!));
    const weight = part.mask ? part.mask.reduce((s, w) => s + w, 0) : part.shape[0] * part.shape[1];
    return { loss: (await value.data())[0]!, weight, grads: flat };
  } finally {
    tf.dispose([value, ...Object.values(grads)]);
  }
}

/**
 * The whole batch's loss and gradient from its parts, in part order: Σ_p W_p·L_p / max(W, 1) (the
 * trainer's weighted mean) and Σ_p (W_p / W)·g_p. Every thread runs this same code on the same
 * parts, so every thread gets the same bits.
 */
export function combineParts(model: LanguageModel, parts: PartResult[]): { value: tf.Scalar; grads: Record<string, tf.Tensor> } {
  const total = Math.max(parts.reduce((s, p) => s + p.weight, 0), 1);
  const loss = parts.reduce((s, p) => s + p.weight * p.loss, 0) / total;
  const sum = new Float32Array(parts[0]!.grads.length);
  for (const p of parts) {
    const share = p.weight / total;
    const g = p.grads;
    for (let i = 0; i < sum.length; i++) sum[i]! += share * g[i]!;
  }
  const grads: Record<string, tf.Tensor> = {};
  let at = 0;
  for (const { variable: v } of model.params) {
    grads[v.name] = tf.tensor(sum.subarray(at, at + v.size), v.shape, 'float32');
    at += v.size;
  }
  return { value: tf.scalar(loss), grads };
}

/** Rows [0, B) split into `parts` contiguous, near-equal ranges (the first ones one row longer). */
export function splitRows(rows: number, parts: number): [number, number][] {
  const n = Math.min(parts, rows);
  const base = Math.floor(rows / n);
  const extra = rows % n;
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const size = base + (i < extra ? 1 : 0);
    out.push([start, start + size]);
    start += size;
  }
  return out;
}

/** The rows [s, e) of a step's batch, copied for the wire. */
function partOf(ids: Int32Array, batch: TrainBatch, [s, e]: [number, number]): PartInput {
  const T = batch.shape[1];
  return {
    ids: ids.slice(s * T, e * T),
    targets: Int32Array.from(batch.targets.subarray(s * T, e * T)),
    mask: batch.mask ? Float32Array.from(batch.mask.subarray(s * T, e * T)) : undefined,
    shape: [e - s, T],
  };
}

/** What a step returns on every thread. */
interface StepOutcome {
  loss: number;
  gradNorm: number;
}

export interface DataParallelOptions {
  /** Threads in all, the main thread included (≥ 2; 1 needs no DataParallel). */
  threads: number;
  /** The model as plain data and its seed: each worker builds its own copy. */
  model: ModelSpec;
  seed: number;
  /** The run's optimizer (resolved options): each worker keeps its own copy for step(). Without it, only lossAndGrads() is available. */
  optimizer?: Required<OptimizerOptions>;
}

/** Worker threads holding copies of a model (and its optimizer) that the main thread trains. */
export class DataParallel {
  /** Whether the workers' parameters and optimizer state equal the main thread's (load() makes them so; lossAndGrads() overwrites the parameters). */
  private inSync = false;
  /** The workers' replies to the last step (their loss and gradient norm) and the main thread's own. */
  private previous: { replies: Promise<StepOutcome>[]; main: StepOutcome } | null = null;

  private constructor(private readonly workers: Worker[], readonly threads: number, private readonly hasOptimizer: boolean) {}

  /** Starts threads − 1 workers on the main thread's backend; resolves once every worker has built its model. */
  static async start(o: DataParallelOptions): Promise<DataParallel> {
    if (!Number.isInteger(o.threads) || o.threads < 2) {
      throw new NumfeatError('BAD_ARGUMENT', `data-parallel training needs at least 2 threads, got ${o.threads}`, { fix: 'use threads: 2 or more (1 trains on the main thread alone)' });
    }
    const backend = getBackendReport()?.name ?? tf.getBackend();
    const workers = Array.from({ length: o.threads - 1 }, () => new Worker(WORKER_URL, { workerData: { backend, model: o.model, seed: o.seed, optimizer: o.optimizer } }));
    try {
      await Promise.all(workers.map((w) => once(w, 'ready')));
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
    return new DataParallel(workers, o.threads, !!o.optimizer);
  }

  /** Copies the main thread's parameters and optimizer state to every worker (at the start and after a resume). */
  async load(model: LanguageModel, optimizer: Optimizer): Promise<void> {
    this.requireOptimizer('load');
    await this.settle();
    const params = await concatValues(model.params.map((p) => p.variable));
    const state = await optimizer.getState();
    await Promise.all(this.workers.map((w) => {
      const reply = once(w, 'loaded');
      w.postMessage({ type: 'load', params, state });
      return reply;
    }));
    this.inSync = true;
  }

  /**
   * One training step over all threads: the batch's loss and gradient (rows split over the
   * threads), clipped and applied by every thread to its own copy. Returns what trainStep returns.
   */
  async step(model: LanguageModel, optimizer: Optimizer, ids: Int32Array, batch: TrainBatch, gradClip: number, lrScale: number): Promise<{ loss: number; gradNorm: number }> {
    this.requireOptimizer('step');
    if (!this.inSync) {
      throw new NumfeatError('BAD_ARGUMENT', 'DataParallel.step: the workers do not hold the main thread\'s parameters and optimizer state', { fix: 'call load(model, optimizer) first (and again after lossAndGrads)' });
    }
    await this.settle();
    const ranges = splitRows(batch.shape[0], this.threads);
    // Workers first (they run while the main thread computes its own part). A worker without rows
    // (fewer rows than threads) still applies the update.
    const pending = this.workers.map((w, i) => {
      const range = ranges[i + 1];
      const reply = range ? once<PartResult>(w, 'grads') : null;
      w.postMessage({ type: 'step', part: range ? partOf(ids, batch, range) : null, gradClip, lrScale });
      return reply;
    });
    const parts = [await partGradients(model, partOf(ids, batch, ranges[0]!))];
    for (const p of pending) if (p) parts.push(await p);
    // Every worker gets the parts it lacks (all but its own), then combines and steps on its own.
    const replies = this.workers.map((w, i) => {
      const reply = once<StepOutcome>(w, 'stepped');
      w.postMessage({ type: 'parts', parts: parts.map((p, j) => (j === i + 1 ? null : p)) });
      return reply;
    });
    const main = await applyStep(model, optimizer, combineParts(model, parts), gradClip, lrScale);
    this.previous = { replies, main };
    return main;
  }

  /**
   * Waits for the workers to finish the last step and checks that they computed the same loss and
   * gradient norm as the main thread (a cheap sign that the copies are still identical).
   */
  private async settle(): Promise<void> {
    if (!this.previous) return;
    const { replies, main } = this.previous;
    this.previous = null;
    for (const [i, r] of (await Promise.all(replies)).entries()) {
      if (!Object.is(r.loss, main.loss) || !Object.is(r.gradNorm, main.gradNorm)) {
        this.inSync = false;
        throw new NumfeatError('WORKER_FAILED', `data-parallel worker ${i + 1} computed loss ${r.loss} and gradient norm ${r.gradNorm} where the main thread computed ${main.loss} and ${main.gradNorm}: the model copies differ`, { fix: 'report this as a bug; train with threads: 1 meanwhile' });
      }
    }
  }

  /**
   * Loss and gradient of the whole batch, as tf.variableGrads would give them, with the rows split
   * over the main thread and the workers, which are sent the model's current parameters.
   */
  async lossAndGrads(model: LanguageModel, ids: Int32Array, batch: TrainBatch): Promise<{ value: tf.Scalar; grads: Record<string, tf.Tensor> }> {
    await this.settle();
    const ranges = splitRows(batch.shape[0], this.threads);
    const params = await concatValues(model.params.map((p) => p.variable));
    this.inSync = false;
    const pending = ranges.slice(1).map((r, i) => {
      const w = this.workers[i]!;
      const reply = once<PartResult>(w, 'done');
      w.postMessage({ type: 'part', request: { params, ...partOf(ids, batch, r) } satisfies PartRequest });
      return reply;
    });
    const parts = [await partGradients(model, partOf(ids, batch, ranges[0]!)), ...(await Promise.all(pending))];
    return combineParts(model, parts);
  }

  /** Every worker's parameters, concatenated (a check that the copies agree; each costs a read-back). */
  async replicaParams(): Promise<Float32Array[]> {
    await this.settle();
    return Promise.all(this.workers.map((w) => {
      const reply = once<Float32Array>(w, 'params');
      w.postMessage({ type: 'params' });
      return reply;
    }));
  }

  async close(): Promise<void> {
    // A failed last step is not reported here (the run has ended); its rejections are absorbed.
    for (const r of this.previous?.replies ?? []) r.catch(() => {});
    this.previous = null;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private requireOptimizer(what: string): void {
    if (!this.hasOptimizer) throw new NumfeatError('BAD_ARGUMENT', `DataParallel.${what} needs the workers to hold the optimizer`, { fix: 'pass optimizer (resolved options) to DataParallel.start' });
  }
}

/** The next message of `type` from a worker (its error, or an exit before it, rejects). */
function once<T = unknown>(w: Worker, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string; result?: T; error?: { message: string; code?: string } }) => {
      if (m.type === 'error') {
        cleanup();
        reject(new NumfeatError((m.error?.code as never) ?? 'WORKER_FAILED', `data-parallel worker: ${m.error?.message}`));
      } else if (m.type === type) {
        cleanup();
        resolve(m.result as T);
      }
    };
    const onError = (e: Error) => {
      cleanup();
      reject(new NumfeatError('WORKER_FAILED', `data-parallel worker failed: ${e.message}`, { fix: 'run with one thread to see the error in the main thread', cause: e }));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new NumfeatError('WORKER_FAILED', `data-parallel worker exited (code ${code})`, { fix: 'run with one thread to see the error in the main thread' }));
    };
    const cleanup = () => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
  });
}
