// The study's training loop for one language-model run. It uses @numfeat/models' own trainer pieces
// where they are exported (createModel, createOptimizer) and keeps the loop itself here: a run
// trains on packed sequences with a loss mask (padding from Isolate-k, answer-only loss for
// addition), evaluates hooks every `evalEvery` tokens, checkpoints atomically and resumes.
import { existsSync, readFileSync } from 'node:fs';
import * as models from '@numfeat/models';
import { tf } from '@numfeat/tensor';
import { writeJsonAtomic } from '@numfeat/io';

const encodeF32 = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const decodeF32 = (s) => { const b = Buffer.from(s, 'base64'); return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); };

/** Deterministic xorshift32 sampler for batch rows (its state goes into the checkpoint). */
function rowSampler(state) {
  let s = state >>> 0 || 0x9e3779b9;
  return {
    next(n) { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s % n; },
    get state() { return s; },
  };
}

/** Which optimizer implementation is used, so the report can say so. */
export function optimizerImplementation() {
  return typeof models.createOptimizer === 'function' ? '@numfeat/models createOptimizer' : 'tf.train.adam (fallback: @numfeat/models optimizers not exported)';
}

function makeOptimizer(spec, model) {
  if (typeof models.createOptimizer === 'function') return models.createOptimizer(spec, model.params);
  const adam = tf.train.adam(spec.lr ?? 1e-3, 0.9, 0.95, 1e-8);
  return {
    name: spec.name,
    step(grads, scale) { adam.learningRate = (spec.lr ?? 1e-3) * scale; const named = {}; for (const p of model.params) if (grads[p.name]) named[p.variable.name] = grads[p.name]; adam.applyGradients(named); },
    getState: () => null,
    setState: () => {},
    dispose: () => adam.dispose(),
  };
}

/**
 * Trains `modelSpec` on `packed` ({ data: Int32Array [S·L], weights: Float32Array [S·L] (loss weight
 * of predicting token i from tokens < i), seqLen L }) for `steps` steps of `batchSize` rows.
 * hooks.evaluate(model, info) runs every evalEvery steps and at the end; its value goes to `log`.
 */
export async function trainLM({ modelSpec, optimizerSpec, seed, packed, batchSize, steps, warmupSteps = 0, evalEvery = 0, clip = 1, checkpointPath, checkpointEvery = 0, log = () => {}, evaluate, shouldStop = () => false }) {
  const model = models.createModel(modelSpec, seed);
  const opt = makeOptimizer(optimizerSpec, model);
  const L = packed.seqLen;
  const S = packed.data.length / L;
  let step = 0;
  let rng = rowSampler(seed * 2654435761 + 1);
  const losses = [];
  const evals = [];
  if (checkpointPath && existsSync(checkpointPath)) {
    const ck = JSON.parse(readFileSync(checkpointPath, 'utf8'));
    for (const p of model.params) p.variable.assign(tf.tensor(decodeF32(ck.params[p.name]), p.variable.shape));
    if (ck.optimizer && opt.getState()) opt.setState({ ...ck.optimizer, slots: Object.fromEntries(Object.entries(ck.optimizer.slots).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).map(([s, b]) => [s, decodeF32(b)]))])) });
    else if (!ck.optimizer) { /* fallback optimizer: moments restart; recorded below */ }
    step = ck.step;
    rng = rowSampler(ck.rng);
    losses.push(...ck.losses);
    evals.push(...ck.evals);
    log(`resumed from checkpoint at step ${step}`);
  }
  const saveCheckpoint = async () => {
    if (!checkpointPath) return;
    const state = opt.getState();
    await writeJsonAtomic(checkpointPath, {
      step, rng: rng.state, losses, evals,
      params: Object.fromEntries(model.params.map((p) => [p.name, encodeF32(p.variable.dataSync())])),
      optimizer: state ? { ...state, slots: Object.fromEntries(Object.entries(state.slots).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).map(([s, b]) => [s, encodeF32(b)]))])) } : null,
    });
  };
  const runEval = async () => { if (evaluate) evals.push({ step, ...(await evaluate(model, { step })) }); };
  if (step === 0 && evalEvery > 0) await runEval();
  const inputs = new Int32Array(batchSize * (L - 1));
  const targets = new Int32Array(batchSize * (L - 1));
  const weights = new Float32Array(batchSize * (L - 1));
  const vars = model.params.map((p) => p.variable);
  const t0 = performance.now();
  while (step < steps) {
    if (shouldStop()) { await saveCheckpoint(); model.dispose(); opt.dispose(); return { stopped: true, step }; }
    for (let b = 0; b < batchSize; b++) {
      const row = rng.next(S) * L;
      for (let i = 0; i < L - 1; i++) {
        inputs[b * (L - 1) + i] = packed.data[row + i];
        targets[b * (L - 1) + i] = packed.data[row + i + 1];
        weights[b * (L - 1) + i] = packed.weights[row + i + 1];
      }
    }
    const lrScale = warmupSteps > 0 && step < warmupSteps ? (step + 1) / warmupSteps : 0.5 * (1 + Math.cos((Math.PI * (step - warmupSteps)) / Math.max(1, steps - warmupSteps)));
    const lossValue = tf.tidy(() => {
      const x = tf.tensor2d(inputs, [batchSize, L - 1], 'int32');
      const y = tf.tensor1d(targets, 'int32');
      const w = tf.tensor1d(weights);
      const wSum = Math.max(1e-6, weights.reduce((a, v) => a + v, 0));
      const { value, grads } = tf.variableGrads(() => {
        const { logits } = model.forward(x);
        const V = logits.shape[2];
        const flat = tf.reshape(logits, [-1, V]);
        const logp = tf.logSoftmax(flat);
        const picked = tf.sum(tf.mul(logp, tf.oneHot(y, V)), 1);
        return tf.div(tf.neg(tf.sum(tf.mul(picked, w))), wSum);
      }, vars);
      const v = value.dataSync()[0];
      if (!Number.isFinite(v)) return v;
      // Global-norm clipping, then one optimizer step keyed by param name.
      const byName = {};
      for (const p of model.params) { const g = grads[p.variable.name]; if (g) byName[p.name] = g; }
      const norm = Math.sqrt(tf.addN(Object.values(byName).map((g) => tf.sum(tf.square(g)))).dataSync()[0]);
      const factor = clip > 0 && norm > clip ? clip / norm : 1;
      if (factor !== 1) for (const k of Object.keys(byName)) byName[k] = tf.mul(byName[k], factor);
      opt.step(byName, lrScale);
      return v;
    });
    if (!Number.isFinite(lossValue)) {
      model.dispose(); opt.dispose();
      const err = new Error(`loss became ${lossValue} at step ${step}: the run diverged (the last good checkpoint is kept)`);
      err.code = 'DIVERGED';
      throw err;
    }
    step++;
    losses.push([step, lossValue]);
    if (step % Math.max(1, Math.floor(steps / 20)) === 0) log(`step ${step}/${steps} loss ${lossValue.toFixed(4)} ${((step * batchSize * (L - 1)) / ((performance.now() - t0) / 1000)).toFixed(0)} tok/s`);
    if (evalEvery > 0 && (step % evalEvery === 0 || step === steps)) await runEval();
    if (checkpointEvery > 0 && step % checkpointEvery === 0 && step < steps) await saveCheckpoint();
  }
  const embedding = await model.embeddingTable().array();
  const result = { model, losses, evals, embedding, steps, seconds: (performance.now() - t0) / 1000 };
  opt.dispose();
  return result;
}
