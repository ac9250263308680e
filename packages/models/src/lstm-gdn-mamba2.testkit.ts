// Test helpers shared by the recurrent architectures' tests (lstm, gated-deltanet, mamba2): a fixed
// tiny batch, an overfit loop, one SGD step on cpu and on wasm, and a leak check. Not exported.
import { createRng } from '@numfeat/data-gen';
import { initBackend, tf, type Tensor2D } from '@numfeat/tensor';
import { gradCheck, type GradCheckReport } from './gradcheck.js';
import { lmLoss, type LanguageModel } from './model.js';

export interface Batch {
  ids: Tensor2D;
  targets: Tensor2D;
}

/** b random sequences of t + 1 tokens (distinct first tokens, so every next token is predictable from its prefix). */
export function tinyBatch(vocab: number, b: number, t: number, seed: number): Batch {
  const rng = createRng(seed);
  const rows = Array.from({ length: b }, (_, r) => [r % vocab, ...Array.from({ length: t }, () => rng.int(vocab))]);
  return {
    ids: tf.tensor2d(rows.map((row) => row.slice(0, t)), [b, t], 'int32'),
    targets: tf.tensor2d(rows.map((row) => row.slice(1)), [b, t], 'int32'),
  };
}

export const lossOf = (model: LanguageModel, batch: Batch): number => tf.tidy(() => lmLoss(model, batch.ids, batch.targets).dataSync()[0]!);

/** Adam on the fixed batch; returns the first and the last loss. */
export function overfit(model: LanguageModel, batch: Batch, steps: number, learningRate: number): { first: number; last: number; best: number } {
  const optimizer = tf.train.adam(learningRate);
  const vars = model.params.map((p) => p.variable);
  let first = NaN;
  let last = NaN;
  let best = Infinity;
  for (let s = 0; s < steps; s++) {
    const cost = optimizer.minimize(() => lmLoss(model, batch.ids, batch.targets), true, vars)!;
    last = cost.dataSync()[0]!;
    best = Math.min(best, last);
    if (s === 0) first = last;
    cost.dispose();
  }
  optimizer.dispose();
  return { first, last, best };
}

/** tf.memory().numTensors after 1 and after 4 Adam steps (equal when nothing leaks). */
export function tensorCountAcrossSteps(model: LanguageModel, batch: Batch): [number, number] {
  const optimizer = tf.train.adam(1e-3);
  const vars = model.params.map((p) => p.variable);
  const step = () => tf.dispose(optimizer.minimize(() => lmLoss(model, batch.ids, batch.targets), true, vars)!);
  step();
  const after1 = tf.memory().numTensors;
  for (let s = 0; s < 3; s++) step();
  const after4 = tf.memory().numTensors;
  optimizer.dispose();
  return [after1, after4];
}

/** Loss before and after one plain SGD step (θ ← θ − lr·∇L) on the current backend. */
function sgdStep(model: LanguageModel, batch: Batch, lr: number): [number, number] {
  const before = lossOf(model, batch);
  const { grads, value } = tf.variableGrads(() => lmLoss(model, batch.ids, batch.targets), model.params.map((p) => p.variable));
  value.dispose();
  for (const p of model.params) tf.tidy(() => p.variable.assign(tf.sub(p.variable, tf.mul(grads[p.variable.name]!, lr))));
  tf.dispose(Object.values(grads));
  return [before, lossOf(model, batch)];
}

/**
 * The same model (same seed, weights copied from the cpu copy) takes one SGD step on cpu and on wasm.
 * Returns [lossBefore, lossAfter] for each backend and leaves the cpu backend active.
 */
export async function cpuVsWasmStep(make: () => LanguageModel, batchOf: () => Batch, lr: number): Promise<{ cpu: [number, number]; wasm: [number, number] }> {
  await initBackend('cpu');
  const model = make();
  const weights = model.params.map((p) => p.variable.dataSync().slice());
  let batch = batchOf();
  const cpu = sgdStep(model, batch, lr);
  model.dispose();
  tf.dispose([batch.ids, batch.targets]);
  await initBackend('wasm');
  const twin = make();
  twin.params.forEach((p, i) => tf.tidy(() => p.variable.assign(tf.tensor(weights[i]!, p.variable.shape, 'float32'))));
  batch = batchOf();
  const wasm = sgdStep(twin, batch, lr);
  twin.dispose();
  tf.dispose([batch.ids, batch.targets]);
  await initBackend('cpu');
  return { cpu, wasm };
}

/**
 * Finite-difference check of lmLoss on the batch over every parameter (3 coordinates each). Step 3e-3:
 * with weights of std 0.3 the loss curves enough that h = 1e-2 leaves a few-% truncation error.
 */
export function checkGradients(model: LanguageModel, batch: Batch): GradCheckReport {
  return gradCheck(() => lmLoss(model, batch.ids, batch.targets), model.params, { coordsPerParam: 3, step: 3e-3, rtol: 2e-2, atol: 2e-4, seed: 1 });
}
