// Data-parallel gradients (main thread + worker threads, each on a part of the batch's rows) must
// be the full batch's gradient: compared with tf.variableGrads of the whole batch on one thread,
// with and without a padding mask, and repeatable (the same numbers twice).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@numfeat/core';
import { initBackend, tf, type Tensor2D } from '@numfeat/tensor';
import { createModel } from '../registry.js';
import { createOptimizer, resolveOptimizerOptions } from '../optim/index.js';
import { DataParallel, concatValues, splitRows } from './data-parallel.js';
import { weightedLmLoss } from './loss.js';
import { trainStep } from './train-step.js';

const SPEC = { arch: 'transformer', vocabSize: 29, dModel: 16, nLayers: 1, nHeads: 2, maxSeqLen: 8 } as const;
const [B, T] = [5, 8];
const rng = createRng(4);
const ids = Int32Array.from({ length: B * T }, () => rng.int(29));
const targets = Int32Array.from({ length: B * T }, () => rng.int(29));
const mask = Float32Array.from({ length: B * T }, (_, i) => (i % 7 === 3 ? 0 : 1));

async function reference(withMask: boolean) {
  const model = createModel(SPEC, 3);
  const w = withMask ? tf.tensor1d(mask) : undefined;
  const { value, grads } = tf.variableGrads(
    () => weightedLmLoss(model, tf.tensor2d(ids, [B, T], 'int32') as Tensor2D, tf.tensor2d(targets, [B, T], 'int32') as Tensor2D, w),
    model.params.map((p) => p.variable),
  );
  const nameOf = new Map(model.params.map((p) => [p.variable.name, p.name]));
  const out = { loss: (await value.data())[0]!, grads: new Map(await Promise.all(Object.entries(grads).map(async ([k, g]) => [nameOf.get(k)!, (await g.data()) as Float32Array] as const))) };
  model.dispose();
  return out;
}

describe('DataParallel', () => {
  let parallel: DataParallel;
  beforeAll(async () => {
    await initBackend('wasm');
    parallel = await DataParallel.start({ threads: 2, model: SPEC, seed: 3 });
  });
  afterAll(async () => {
    await parallel?.close();
  });

  it('splits rows into contiguous near-equal parts', () => {
    expect(splitRows(5, 2)).toEqual([[0, 3], [3, 5]]);
    expect(splitRows(16, 2)).toEqual([[0, 8], [8, 16]]);
    expect(splitRows(2, 4)).toEqual([[0, 1], [1, 2]]);
  });

  for (const withMask of [false, true]) {
    it(`gives the full batch's loss and gradient ${withMask ? 'with a padding mask' : 'without a mask'}, the same twice`, async () => {
      const want = await reference(withMask);
      const model = createModel(SPEC, 3);
      const nameOf = new Map(model.params.map((p) => [p.variable.name, p.name]));
      const batch = { targets, shape: [B, T] as [number, number], ...(withMask ? { mask } : {}) };
      const runs = [];
      for (let r = 0; r < 2; r++) {
        const { value, grads } = await parallel.lossAndGrads(model, ids, batch);
        runs.push({ loss: (await value.data())[0]!, grads: Object.fromEntries(await Promise.all(Object.entries(grads).map(async ([k, g]) => [nameOf.get(k)!, (await g.data()) as Float32Array] as const))) });
        tf.dispose([value, ...Object.values(grads)]);
      }
      expect(Math.abs(runs[0]!.loss - want.loss) / want.loss).toBeLessThan(1e-6);
      for (const [k, g] of want.grads) {
        const got = runs[0]!.grads[k]!;
        expect(got, k).toBeDefined();
        let err = 0;
        let scale = 0;
        for (let i = 0; i < g.length; i++) {
          err = Math.max(err, Math.abs(got[i]! - g[i]!));
          scale = Math.max(scale, Math.abs(g[i]!));
        }
        expect(err / scale, k).toBeLessThan(1e-5);
        expect(Array.from(runs[1]!.grads[k]!)).toEqual(Array.from(got));
      }
      model.dispose();
    });
  }

  it('rejects fewer than 2 threads, and step() without an optimizer or before load()', async () => {
    const model = createModel(SPEC, 3);
    const optimizer = createOptimizer({ name: 'adamw' }, model.params);
    const batch = { targets, shape: [B, T] as [number, number] };
    await expect(parallel.step(model, optimizer, ids, batch, 1, 1)).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringMatching(/optimizer/) });
    const withOptimizer = await DataParallel.start({ threads: 2, model: SPEC, seed: 3, optimizer: resolveOptimizerOptions({ name: 'adamw' }) });
    try {
      await expect(withOptimizer.step(model, optimizer, ids, batch, 1, 1)).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringMatching(/load/) });
    } finally {
      await withOptimizer.close();
      optimizer.dispose();
      model.dispose();
    }
    await expect(DataParallel.start({ threads: 1, model: SPEC, seed: 0 })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});

// Replicated steps: every thread applies the update to its own copy. The copies must stay
// bit-identical (no parameters travel), and the run must follow the one-thread run.
describe('DataParallel.step (replicated optimizer)', () => {
  const STEPS = 4;
  const batchAt = (k: number) => {
    const r = createRng(100 + k);
    return {
      ids: Int32Array.from({ length: B * T }, () => r.int(29)),
      batch: { targets: Int32Array.from({ length: B * T }, () => r.int(29)), shape: [B, T] as [number, number], ...(k % 2 ? { mask } : {}) },
    };
  };

  for (const name of ['adamw', 'muon'] as const) {
    it(`${name}: worker copies equal the main thread's bit for bit, and the run follows one thread's`, async () => {
      await initBackend('wasm');
      const options = resolveOptimizerOptions({ name, lr: name === 'muon' ? 0.02 : 3e-3 });
      const parallel = await DataParallel.start({ threads: 2, model: SPEC, seed: 3, optimizer: options });
      const model = createModel(SPEC, 3);
      const optimizer = createOptimizer(options, model.params);
      const single = createModel(SPEC, 3);
      const singleOptimizer = createOptimizer(options, single.params);
      try {
        // A fresh worker model has the seed's weights; load() must overwrite them, so start elsewhere.
        for (const p of model.params) p.variable.assign(tf.mul(p.variable, 1.5));
        for (const p of single.params) p.variable.assign(tf.mul(p.variable, 1.5));
        await parallel.load(model, optimizer);
        for (let k = 0; k < STEPS; k++) {
          const { ids: x, batch } = batchAt(k);
          const got = await parallel.step(model, optimizer, x, batch, 1, 1 - k / 10);
          const want = await trainStep(single, singleOptimizer, x, batch, 1, 1 - k / 10);
          expect(Math.abs(got.loss - want.loss) / want.loss, `loss at step ${k}`).toBeLessThan(1e-5);
          expect(Math.abs(got.gradNorm - want.gradNorm) / want.gradNorm, `norm at step ${k}`).toBeLessThan(1e-4);
        }
        const mine = await concatValues(model.params.map((p) => p.variable));
        const [replica] = await parallel.replicaParams();
        expect(replica!.length).toBe(mine.length);
        expect(Buffer.from(replica!.buffer).equals(Buffer.from(mine.buffer))).toBe(true);
        // Against one thread: the parameters moved the same way (relative to how far they moved).
        const ref = await concatValues(single.params.map((p) => p.variable));
        const start = await concatValues(createModel(SPEC, 3).params.map((p) => tf.mul(p.variable, 1.5)));
        let diff = 0;
        let moved = 0;
        for (let i = 0; i < ref.length; i++) {
          diff += (mine[i]! - ref[i]!) ** 2;
          moved += (ref[i]! - start[i]!) ** 2;
        }
        expect(moved).toBeGreaterThan(0);
        expect(Math.sqrt(diff / moved)).toBeLessThan(1e-3);
      } finally {
        await parallel.close();
        optimizer.dispose();
        singleOptimizer.dispose();
        model.dispose();
        single.dispose();
      }
    });
  }
});
