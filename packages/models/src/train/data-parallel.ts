// Data-parallel gradients for ONE training run on several cores: wasm TF.js is single-threaded
// in Node, so each extra core gets a worker thread holding its own copy of the model. Every step
// the batch's rows are split into contiguous parts; the main thread computes the first part's
// gradient while each worker, handed the current parameters, computes its own; the parts are
// combined with weights equal to their share of the counted targets, which is exactly the full
// batch's gradient (up to float32 summation order). Deterministic for a given number of threads.
import { Worker } from 'node:worker_threads';
import { NumfeatError, getBackendReport, tf } from '@numfeat/tensor';
import type { LanguageModel } from '../model.js';
import type { ModelSpec } from '../registry.js';
import type { TrainBatch } from './data.js';
import { batchLossAndGrads } from './loss.js';

/** What a worker is asked for one step: its rows and the current parameters (concatenated). */
export interface PartRequest {
  params: Float32Array;
  ids: Int32Array;
  targets: Int32Array;
  mask?: Float32Array;
  shape: [number, number];
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
async function concatValues(tensors: tf.Tensor[]): Promise<Float32Array> {
  const out = new Float32Array(tensors.reduce((n, t) => n + t.size, 0));
  let at = 0;
  for (const t of tensors) {
    out.set((await t.data()) as Float32Array, at);
    at += t.size;
  }
  return out;
}

/** Mean loss (weighted as the trainer's loss is) and the gradient of one part, parameters concatenated. */
export async function partGradients(model: LanguageModel, part: Omit<PartRequest, 'params'>): Promise<PartResult> {
  const { value, grads } = batchLossAndGrads(model, part.ids, part.targets, part.shape, part.mask);
  try {
    const flat = await concatValues(model.params.map((p) => grads[p.variable.name]!));
    const weight = part.mask ? part.mask.reduce((s, w) => s + w, 0) : part.shape[0] * part.shape[1];
    return { loss: (await value.data())[0]!, weight, grads: flat };
  } finally {
    tf.dispose([value, ...Object.values(grads)]);
  }
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

export interface DataParallelOptions {
  /** Threads in all, the main thread included (≥ 2; 1 needs no DataParallel). */
  threads: number;
  /** The model as plain data and its seed: each worker builds its own copy (weights are overwritten every step). */
  model: ModelSpec;
  seed: number;
}

/** Worker threads that compute gradients of batch parts for a model held by the main thread. */
export class DataParallel {
  private constructor(private readonly workers: Worker[], readonly threads: number) {}

  /** Starts threads − 1 workers on the main thread's backend; resolves once every worker has built its model. */
  static async start(o: DataParallelOptions): Promise<DataParallel> {
    if (!Number.isInteger(o.threads) || o.threads < 2) {
      throw new NumfeatError('BAD_ARGUMENT', `data-parallel training needs at least 2 threads, got ${o.threads}`, { fix: 'use threads: 2 or more (1 trains on the main thread alone)' });
    }
    const backend = getBackendReport()?.name ?? tf.getBackend();
    const workers = Array.from({ length: o.threads - 1 }, () => new Worker(WORKER_URL, { workerData: { backend, model: o.model, seed: o.seed } }));
    try {
      await Promise.all(workers.map((w) => once(w, 'ready')));
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
    return new DataParallel(workers, o.threads);
  }

  /**
   * Loss and gradient of the whole batch, as tf.variableGrads would give them, with the rows
   * split over the main thread and the workers.
   */
  async lossAndGrads(model: LanguageModel, ids: Int32Array, batch: TrainBatch): Promise<{ value: tf.Scalar; grads: Record<string, tf.Tensor> }> {
    const [B, T] = batch.shape;
    const ranges = splitRows(B, this.threads);
    const cut = (a: ArrayLike<number> & { subarray(s: number, e: number): ArrayLike<number> }, [s, e]: [number, number]) => a.subarray(s * T, e * T);
    const partOf = (r: [number, number]) => ({
      ids: Int32Array.from(cut(ids, r)),
      targets: Int32Array.from(cut(batch.targets, r)),
      mask: batch.mask ? Float32Array.from(cut(batch.mask, r)) : undefined,
      shape: [r[1] - r[0], T] as [number, number],
    });
    const vars = model.params.map((p) => p.variable);
    const params = await concatValues(vars);
    // Workers first (they run while the main thread computes its own part).
    const pending = ranges.slice(1).map((r, i) => {
      const w = this.workers[i]!;
      const reply = once<PartResult>(w, 'done');
      w.postMessage({ type: 'part', request: { params, ...partOf(r) } satisfies PartRequest });
      return reply;
    });
    const parts = [await partGradients(model, partOf(ranges[0]!)), ...(await Promise.all(pending))];
    // Σ_p W_p·L_p / max(W, 1), the trainer's weighted mean over the whole batch.
    const total = Math.max(parts.reduce((s, p) => s + p.weight, 0), 1);
    const loss = parts.reduce((s, p) => s + p.weight * p.loss, 0) / total;
    const sum = new Float32Array(params.length);
    for (const p of parts) {
      const share = p.weight / total;
      for (let i = 0; i < sum.length; i++) sum[i]! += share * p.grads[i]!;
    }
    const grads: Record<string, tf.Tensor> = {};
    let at = 0;
    for (const v of vars) {
      grads[v.name] = tf.tensor(sum.subarray(at, at + v.size), v.shape, 'float32');
      at += v.size;
    }
    return { value: tf.scalar(loss), grads };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
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
