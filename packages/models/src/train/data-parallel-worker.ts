// One data-parallel worker thread: sets up the main thread's backend and builds the model once,
// then for each step loads the parameters it is sent and returns its part's loss and gradient.
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend, tf, type BackendName } from '@numfeat/tensor';
import { createModel, type ModelSpec } from '../registry.js';
import { partGradients, type PartRequest } from './data-parallel.js';

const { backend, model: spec, seed } = workerData as { backend: BackendName; model: ModelSpec; seed: number };
const port = parentPort!;
// Set up once (no top-level await: the package also builds as CommonJS).
const ready = (async () => {
  await initBackend(backend);
  return createModel(spec, seed);
})();

port.on('message', async (m: { type: 'part'; request: PartRequest }) => {
  try {
    const model = await ready;
    const { params, ...part } = m.request;
    let at = 0;
    for (const p of model.params) {
      const v = p.variable;
      tf.tidy(() => v.assign(tf.tensor(params.subarray(at, at + v.size), v.shape, 'float32')));
      at += v.size;
    }
    const result = await partGradients(model, part);
    port.postMessage({ type: 'done', result }, [result.grads.buffer as ArrayBuffer]);
  } catch (e) {
    const err = e as { message?: string; code?: string };
    port.postMessage({ type: 'error', error: { message: err?.message ?? String(e), code: err?.code } });
  }
});
void ready.then(
  () => port.postMessage({ type: 'ready' }),
  (e: Error) => port.postMessage({ type: 'error', error: { message: `set-up failed: ${e.message}`, code: (e as { code?: string }).code } }),
);
