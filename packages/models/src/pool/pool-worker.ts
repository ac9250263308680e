// One pool worker thread: sets up its TF.js backend once, imports the task module once, then runs
// the tasks it is sent one at a time by calling the module's exported function.
import { parentPort, workerData } from 'node:worker_threads';
import { getBackendReport, initBackend, tf } from '@numfeat/tensor';
import type { PoolBackend, TaskContext } from './worker-pool.js';

const { module, fn, backend } = workerData as { module: string; fn: string; backend: PoolBackend };
const port = parentPort!;
let stop = false;
// Set up once (no top-level await: the package also builds as CommonJS).
const ready = (async () => {
  await initBackend(backend);
  const backendName = getBackendReport()?.name ?? tf.getBackend();
  const task = ((await import(module)) as Record<string, unknown>)[fn];
  if (typeof task !== 'function') throw new Error(`${module} does not export a function '${fn}'`);
  const context: TaskContext = { backend: backendName, shouldStop: () => stop };
  return { task: task as (input: unknown, context: TaskContext) => unknown, context };
})();
port.on('message', async (m: { type: 'stop' } | { type: 'task'; id: string; input: unknown }) => {
  if (m.type === 'stop') {
    stop = true;
    return;
  }
  const { task, context } = await ready;
  try {
    port.postMessage({ type: 'done', id: m.id, output: await task(m.input, context) });
  } catch (e) {
    const err = e as { message?: string; code?: string; stack?: string };
    port.postMessage({ type: 'error', id: m.id, error: { message: err?.message ?? String(e), code: err?.code, stack: err?.stack } });
  }
});
// A failed set-up rethrows here, which ends the worker with an 'error' event the pool reports.
void ready.then(({ context }) => port.postMessage({ type: 'ready', backend: context.backend }));
