// Every registered architecture (read from ARCHITECTURES at test time, so a newly registered one is
// covered without editing this file) gives the same loss before and after one AdamW step on cpu,
// wasm and webgpu. cpu is the reference; tolerances are relative to the cpu loss (see README).
//
// webgpu runs through Dawn's software OpenGL ES path (Mesa llvmpipe) unless NUMFEAT_WEBGPU names
// another mode, and is skipped with the reason and the install command when no adapter exists.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@numfeat/core';
import { initBackend, tf, type Tensor2D, type WebGPUMode } from '@numfeat/tensor';
import { configFields, createModel, ARCHITECTURES } from './registry.js';
import { lmLoss } from './model.js';
import { createOptimizer } from './optim/index.js';
import { streamBatches } from './train/data.js';
import { train } from './train/trainer.js';

/** Relative tolerance on the loss, |got − cpu| ≤ tol·|cpu|, before and after the step. */
const LOSS_TOLERANCE = { wasm: 1e-4, webgpu: 1e-3 } as const;

const SEED = 7;
const B = 2;
const T = 8;
const VOCAB = 24;
// One tiny spec for every architecture (1 layer, width 16, chunk 4 → two chunks of T8). Each
// architecture gets the fields its config has (read from its default config), so one registered
// later is built tiny too without editing this file.
const TINY: Record<string, number> = {
  vocabSize: VOCAB,
  maxSeqLen: T,
  nLayers: 1,
  dModel: 16,
  dEmbed: 16,
  dHidden: 16,
  nHeads: 2,
  nKvHeads: 2,
  headDim: 8,
  dState: 8,
  expand: 2,
  ffnHidden: 32,
  chunkSize: 4,
};
// lr 3e-2: large enough that the step moves the loss well beyond the tolerances on every architecture.
const OPTIMIZER = { name: 'adamw', lr: 3e-2, weightDecay: 0.1 } as const;

/** TINY restricted to the fields of `arch`'s config. */
function tinySpec(arch: string): Record<string, unknown> {
  const fields = new Set(configFields(arch));
  return { arch, ...Object.fromEntries(Object.entries(TINY).filter(([k]) => fields.has(k))) };
}
const specs = new Map<string, Record<string, unknown>>();

function fixedBatch(): { ids: number[][]; targets: number[][] } {
  const rng = createRng(SEED);
  const rows = Array.from({ length: B }, () => Array.from({ length: T + 1 }, () => rng.int(VOCAB)));
  return { ids: rows.map((r) => r.slice(0, T)), targets: rows.map((r) => r.slice(1)) };
}

/** Builds the model on the current backend, one forward + loss + gradient + AdamW step; [loss before, loss after]. */
async function oneStep(arch: string): Promise<[number, number]> {
  const { ids: idRows, targets: targetRows } = fixedBatch();
  const model = createModel(specs.get(arch) as { arch: string }, SEED);
  const optimizer = createOptimizer(OPTIMIZER, model.params);
  const ids = tf.tensor2d(idRows, [B, T], 'int32') as Tensor2D;
  const targets = tf.tensor2d(targetRows, [B, T], 'int32') as Tensor2D;
  try {
    const vars = model.params.map((p) => p.variable);
    const nameOf = new Map(model.params.map((p) => [p.variable.name, p.name]));
    const { value, grads } = tf.variableGrads(() => lmLoss(model, ids, targets), vars);
    const before = (await value.data())[0]!;
    const named: Record<string, tf.Tensor> = {};
    for (const [k, g] of Object.entries(grads)) named[nameOf.get(k)!] = g;
    optimizer.step(named, 1);
    tf.dispose([value, ...Object.values(grads)]);
    const lossAfter = lmLoss(model, ids, targets);
    const after = (await lossAfter.data())[0]!;
    lossAfter.dispose();
    return [before, after];
  } finally {
    tf.dispose([ids, targets]);
    optimizer.dispose();
    model.dispose();
  }
}

const webgpuMode = (process.env.NUMFEAT_WEBGPU ?? 'opengles') as WebGPUMode;
// Probe once at collection time (skipIf needs the answer before the tests run), then back to cpu.
const noWebGPU = await initBackend('webgpu', { webgpu: webgpuMode }).then(
  () => undefined,
  (e: Error) => e.message,
);
if (noWebGPU) {
  console.warn(
    `[models backends] skipping webgpu: ${noWebGPU}. To enable it on Debian without a GPU: ` +
      'apt-get install libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri (NUMFEAT_WEBGPU=opengles, the default here); ' +
      'on a GPU machine install libvulkan1 + the driver ICD and set NUMFEAT_WEBGPU=vulkan.',
  );
}

const cpuLosses = new Map<string, [number, number]>();

describe('one AdamW step on cpu (reference)', () => {
  beforeAll(async () => {
    await initBackend('cpu');
    for (const arch of ARCHITECTURES) specs.set(arch, tinySpec(arch));
  });
  it('covers every registered architecture', () => {
    expect(ARCHITECTURES.length).toBeGreaterThanOrEqual(1);
  });
  for (const arch of ARCHITECTURES) {
    it(`${arch}: finite losses, the step lowers the loss, no tensors leak`, async () => {
      const tensorsBefore = tf.memory().numTensors;
      const [before, after] = await oneStep(arch);
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      expect(Number.isFinite(before) && Number.isFinite(after)).toBe(true);
      // Untrained tied-embedding LM: loss ≈ ln V at init.
      expect(Math.abs(before - Math.log(VOCAB))).toBeLessThan(0.5);
      expect(after).toBeLessThan(before);
      // The step must move the loss well beyond the loosest tolerance, or agreement after it says nothing.
      expect(before - after).toBeGreaterThan(5 * LOSS_TOLERANCE.webgpu * before);
      console.log(`[models backends] ${arch}: cpu loss ${before.toFixed(6)} → ${after.toFixed(6)}`);
      cpuLosses.set(arch, [before, after]);
    });
  }
});

function agreesWithCpu(name: 'wasm' | 'webgpu') {
  beforeAll(async () => {
    await initBackend(name, name === 'webgpu' ? { webgpu: webgpuMode } : {});
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
  const tol = LOSS_TOLERANCE[name];
  for (const arch of ARCHITECTURES) {
    it(`${arch}: loss before and after the step within ${tol} (relative) of cpu`, async () => {
      const want = cpuLosses.get(arch);
      expect(want, 'the cpu reference test must pass first').toBeDefined();
      expect(tf.getBackend()).toBe(name);
      const got = await oneStep(arch);
      for (const [i, label] of ['before', 'after'].entries()) {
        const rel = Math.abs(got[i]! - want![i]!) / Math.abs(want![i]!);
        if (i === 1) console.log(`[models backends] ${arch} on ${name}: relative Δ before ${(Math.abs(got[0]! - want![0]!) / want![0]!).toExponential(2)}, after ${rel.toExponential(2)}`);
        expect(rel, `${arch} on ${name}, loss ${label} the step: cpu ${want![i]} ${name} ${got[i]} (relative Δ ${rel.toExponential(2)})`).toBeLessThanOrEqual(tol);
      }
    });
  }
}

describe('wasm agrees with cpu', () => agreesWithCpu('wasm'));
describe.skipIf(noWebGPU !== undefined)(`webgpu (${webgpuMode}) agrees with cpu`, () => agreesWithCpu('webgpu'));

// The whole trainer (steps, evaluation, checkpoint) must run where tensors can only be read
// asynchronously — WebGPU in Node has no synchronous read-back — and follow the cpu loss curve.
async function trainThreeSteps(outDir?: string): Promise<number[]> {
  const stream = Int32Array.from({ length: 400 }, (_, i) => (i * 7 + (i % 5)) % VOCAB);
  const r = await train({
    model: { ...specs.get('transformer'), arch: 'transformer' },
    seed: SEED,
    optimizer: OPTIMIZER,
    data: streamBatches(stream, { batchSize: B, seqLen: T, seed: SEED }),
    steps: 3,
    warmupSteps: 1,
    eval: { every: B * T, numberIds: Array.from({ length: 20 }, (_, i) => i), moduli: [2] },
    outDir,
  });
  r.model.dispose();
  expect(r.evals.length).toBe(4);
  return r.losses.map((l) => l.loss);
}

describe.skipIf(noWebGPU !== undefined)(`train() on webgpu (${webgpuMode})`, () => {
  let cpu: number[] = [];
  beforeAll(async () => {
    await initBackend('cpu');
    if (!specs.has('transformer')) specs.set('transformer', tinySpec('transformer'));
    cpu = await trainThreeSteps();
    await initBackend('webgpu', { webgpu: webgpuMode });
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
  it('trains, evaluates and checkpoints with asynchronous reads only; losses within 1e-3 of cpu', async () => {
    const got = await trainThreeSteps(mkdtempSync(join(tmpdir(), 'numfeat-webgpu-train-')));
    expect(got).toHaveLength(3);
    got.forEach((l, i) => expect(Math.abs(l - cpu[i]!) / cpu[i]!).toBeLessThanOrEqual(LOSS_TOLERANCE.webgpu));
  }, 120_000);
});
