// Data-parallel gradients (main thread + worker threads, each on a part of the batch's rows) must
// be the full batch's gradient: compared with tf.variableGrads of the whole batch on one thread,
// with and without a padding mask, and repeatable (the same numbers twice).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@numfeat/core';
import { initBackend, tf, type Tensor2D } from '@numfeat/tensor';
import { createModel } from '../registry.js';
import { DataParallel, splitRows } from './data-parallel.js';
import { weightedLmLoss } from './loss.js';

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

  it('rejects fewer than 2 threads', async () => {
    await expect(DataParallel.start({ threads: 1, model: SPEC, seed: 0 })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});
