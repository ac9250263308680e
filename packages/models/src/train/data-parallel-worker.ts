// One data-parallel worker thread: sets up the main thread's backend and builds the model (and the
// run's optimizer) once. Messages, handled strictly in order:
//   load   — take the main thread's parameters and optimizer state;
//   step   — compute this thread's part of the batch, send its gradient, wait for the other parts
//            ('parts'), then combine them and apply the update exactly as the main thread does;
//   part   — a gradient alone, for parameters sent along (DataParallel.lossAndGrads);
//   params — send this copy's parameters back (a check that the copies agree).
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend, type BackendName } from '@numfeat/tensor';
import { createOptimizer } from '../optim/index.js';
import type { OptimizerOptions, OptimizerState } from '../optim/types.js';
import { createModel, type ModelSpec } from '../registry.js';
import { assignParams, combineParts, concatValues, partGradients, type PartInput, type PartRequest, type PartResult } from './data-parallel.js';
import { applyStep } from './train-step.js';

const { backend, model: spec, seed, optimizer: optimizerOptions } = workerData as { backend: BackendName; model: ModelSpec; seed: number; optimizer?: Required<OptimizerOptions> };
const port = parentPort!;
// Set up once (no top-level await: the package also builds as CommonJS).
const ready = (async () => {
  await initBackend(backend);
  const model = createModel(spec, seed);
  return { model, optimizer: optimizerOptions ? createOptimizer(optimizerOptions, model.params) : undefined };
})();

type Message =
  | { type: 'load'; params: Float32Array; state: OptimizerState }
  | { type: 'step'; part: PartInput | null; gradClip: number; lrScale: number }
  | { type: 'parts'; parts: (PartResult | null)[] }
  | { type: 'part'; request: PartRequest }
  | { type: 'params' };

// The other threads' parts of the current step arrive as their own message while a step waits.
let partsArrived: ((parts: (PartResult | null)[]) => void) | null = null;
const early: (PartResult | null)[][] = [];
const nextParts = () => new Promise<(PartResult | null)[]>((resolve) => {
  const got = early.shift();
  if (got) resolve(got);
  else partsArrived = resolve;
});

async function handle(m: Exclude<Message, { type: 'parts' }>): Promise<void> {
  const { model, optimizer } = await ready;
  if (m.type === 'load') {
    assignParams(model, m.params);
    optimizer!.setState(m.state);
    port.postMessage({ type: 'loaded' });
  } else if (m.type === 'step') {
    const own = m.part ? await partGradients(model, m.part) : null;
    if (own) port.postMessage({ type: 'grads', result: own });
    const parts = await nextParts();
    // This thread's slot is null in what the main thread sends; a thread without rows has no part.
    const all = parts.map((p) => p ?? own).filter((p): p is PartResult => p !== null);
    const outcome = await applyStep(model, optimizer!, combineParts(model, all), m.gradClip, m.lrScale);
    port.postMessage({ type: 'stepped', result: outcome });
  } else if (m.type === 'part') {
    const { params, ...part } = m.request;
    assignParams(model, params);
    const result = await partGradients(model, part);
    port.postMessage({ type: 'done', result }, [result.grads.buffer as ArrayBuffer]);
  } else {
    const params = await concatValues(model.params.map((p) => p.variable));
    port.postMessage({ type: 'params', result: params }, [params.buffer as ArrayBuffer]);
  }
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (m: Message) => {
  if (m.type === 'parts') {
    if (partsArrived) {
      const resolve = partsArrived;
      partsArrived = null;
      resolve(m.parts);
    } else early.push(m.parts);
    return;
  }
  queue = queue.then(() => handle(m)).catch((e) => {
    const err = e as { message?: string; code?: string };
    port.postMessage({ type: 'error', error: { message: err?.message ?? String(e), code: err?.code } });
  });
});
void ready.then(
  () => port.postMessage({ type: 'ready' }),
  (e: Error) => port.postMessage({ type: 'error', error: { message: `set-up failed: ${e.message}`, code: (e as { code?: string }).code } }),
);
