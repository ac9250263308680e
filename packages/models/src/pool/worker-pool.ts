// The project's one worker pool: independent tasks in parallel worker threads (wasm TF.js is
// single-threaded in Node, so separate threads are how a sweep uses several cores). A task is a
// module URL plus the name of an exported function `(input, context) => output`; each worker sets
// up its backend and imports the module once, then takes tasks until the queue is empty.
import { Worker } from 'node:worker_threads';
import { NumfeatError, prepareWebGPUWorkers, type initBackend } from '@numfeat/tensor';

/** A backend name, or 'auto' (what initBackend accepts). */
export type PoolBackend = Parameters<typeof initBackend>[0];

/** What a task function gets besides its input. */
export interface TaskContext {
  /** The backend this worker runs on (e.g. 'wasm'). */
  backend: string;
  /** True once the pool's signal aborted: checkpoint and return early. */
  shouldStop: () => boolean;
}

export interface PoolTask<I> {
  /** Unique id, echoed in events and outcomes. */
  id: string;
  /** Structured-clonable input of the task function. */
  input: I;
}

export type PoolOutcome<O> = { id: string; ok: true; output: O } | { id: string; ok: false; error: { message: string; code?: string; stack?: string } };

export type PoolEvent<O> = { type: 'worker'; backend: string } | { type: 'start'; id: string } | ({ type: 'end' } & PoolOutcome<O>);

export interface PoolOptions<O> {
  /** URL of the (built, .js) module that exports the task function. */
  module: string | URL;
  /** Name of the exported task function. */
  fn: string;
  /** Concurrent workers (at most one per task). */
  workers: number;
  /** Backend every worker initialises once (default 'wasm'). */
  backend?: PoolBackend;
  /** Abort: workers are told to stop (TaskContext.shouldStop), no new task starts. */
  signal?: AbortSignal;
  /** Progress: worker ready, task start, task end. */
  onEvent?: (e: PoolEvent<O>) => void;
}

// Next to the bundle (dist/pool-worker.js); from the TypeScript sources (tests), the built one.
const WORKER_URL = import.meta.url.endsWith('.ts') ? new URL('../../dist/pool-worker.js', import.meta.url) : new URL('./pool-worker.js', import.meta.url);

/** Runs every task once; resolves with the outcomes of the tasks that ran (not those skipped after an abort). */
export async function runPool<I, O>(tasks: readonly PoolTask<I>[], o: PoolOptions<O>): Promise<PoolOutcome<O>[]> {
  if (!Number.isInteger(o.workers) || o.workers < 1) {
    throw new NumfeatError('BAD_ARGUMENT', `workers must be a positive integer, got ${o.workers}`, { fix: 'use e.g. os.availableParallelism()' });
  }
  if (new Set(tasks.map((t) => t.id)).size !== tasks.length) throw new NumfeatError('BAD_ARGUMENT', 'pool task ids must be unique', { fix: 'give every task its own id' });
  const backend = o.backend ?? 'wasm';
  if (backend === 'webgpu') prepareWebGPUWorkers();
  const emit = o.onEvent ?? (() => undefined);
  const queue = [...tasks];
  const outcomes: PoolOutcome<O>[] = [];
  const lane = () =>
    new Promise<void>((resolve) => {
      const w = new Worker(WORKER_URL, { workerData: { module: String(o.module), fn: o.fn, backend } });
      let current: PoolTask<I> | undefined;
      const onAbort = () => w.postMessage({ type: 'stop' });
      o.signal?.addEventListener('abort', onAbort);
      const finish = () => {
        o.signal?.removeEventListener('abort', onAbort);
        void w.terminate().then(() => resolve());
      };
      const next = () => {
        current = o.signal?.aborted ? undefined : queue.shift();
        if (!current) return finish();
        emit({ type: 'start', id: current.id });
        w.postMessage({ type: 'task', id: current.id, input: current.input });
      };
      const end = (outcome: PoolOutcome<O>) => {
        outcomes.push(outcome);
        emit({ type: 'end', ...outcome });
      };
      w.on('message', (m: { type: 'ready'; backend: string } | ({ type: 'done'; id: string; output: O }) | { type: 'error'; id: string; error: { message: string } }) => {
        if (m.type === 'ready') {
          emit({ type: 'worker', backend: m.backend });
          return next();
        }
        end(m.type === 'done' ? { id: m.id, ok: true, output: m.output } : { id: m.id, ok: false, error: m.error });
        next();
      });
      // A worker that dies (failed backend set-up, out of memory) fails its task; its lane ends.
      w.on('error', (e) => {
        if (current) end({ id: current.id, ok: false, error: { message: `worker failed: ${e.message}` } });
        current = undefined;
        finish();
      });
    });
  await Promise.all(Array.from({ length: Math.min(o.workers, tasks.length) }, lane));
  return outcomes;
}
