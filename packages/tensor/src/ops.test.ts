import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.js';
import { isNumfeatError } from '@numfeat/core';
import { matrixFromTensor, tensorFromMatrix64, toFloat64 } from './float64.js';
import { embeddingLookup, matMul2d } from './ops.js';
import { tf, type Tensor, type Tensor2D } from './tf.js';

// wasm: the backend these ops exist for (TF.js's own lacks UnsortedSegmentSum and runs transposed
// matMuls slowly; numfeat's kernels fix both, and the fallbacks are tested by removing them).
beforeAll(async () => {
  await initBackend('wasm');
});

const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
};

describe('matMul2d', () => {
  it('rejects non-2-D and mismatched operands', () => {
    expect(isNumfeatError(thrown(() => matMul2d(tf.ones([2, 3]) as Tensor2D, tf.ones([2, 3]) as Tensor2D)), 'SHAPE_MISMATCH')).toBe(true);
    expect(isNumfeatError(thrown(() => matMul2d(tf.ones([2, 3, 1]) as never, tf.ones([1, 3]) as Tensor2D)), 'SHAPE_MISMATCH')).toBe(true);
  });

  it('gradient is dy·bᵀ and aᵀ·dy', async () => {
    const a = tf.tensor2d([[1, 2, 3]]); // 1×3
    const b = tf.tensor2d([[1], [10], [100]]); // 3×1
    const [ga, gb] = tf.grads((x, y) => tf.mul(tf.sum(matMul2d(x as Tensor2D, y as Tensor2D)), 2))([a, b]);
    expect(Array.from(await ga.data())).toEqual([2, 20, 200]);
    expect(Array.from(await gb.data())).toEqual([2, 4, 6]);
  });
});

describe('embeddingLookup', () => {
  const table = () => tf.tensor2d([[0, 1], [10, 11], [20, 21], [30, 31]]);

  it('keeps the shape of the ids and adds a feature axis', async () => {
    const out = embeddingLookup(table(), tf.tensor2d([[3, 0, 1], [1, 1, 2]], undefined, 'int32'));
    expect(out.shape).toEqual([2, 3, 2]);
    expect(Array.from(await out.data())).toEqual([30, 31, 0, 1, 10, 11, 10, 11, 10, 11, 20, 21]);
  });

  it('its gradient adds dy rows per id: by UnsortedSegmentSum where the backend has it, else by chunked one-hot matMuls', async () => {
    const ids = [2, 0, 2, 2, 3];
    const dy = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]];
    const loss = (t: Tensor) => tf.sum(tf.mul(embeddingLookup(t as Tensor2D, ids), tf.tensor2d(dy)));
    const want = [[3, 4], [0, 0], [13, 16], [9, 10]].flat(); // row 2 = dy0 + dy2 + dy3
    expect(Array.from(await tf.grad(loss)(table()).data())).toEqual(want);
    // TF.js's own wasm backend has no UnsortedSegmentSum (numfeat's kernels add one): without it the
    // one-hot path runs — one row of one-hot per chunk here — and must agree exactly.
    const segmentSum = tf.getKernel('UnsortedSegmentSum', 'wasm');
    if (segmentSum) tf.unregisterKernel('UnsortedSegmentSum', 'wasm');
    try {
      const chunked = (t: Tensor) => tf.sum(tf.mul(embeddingLookup(t as Tensor2D, ids, { maxOneHotElements: 4 }), tf.tensor2d(dy)));
      expect(Array.from(await tf.grad(chunked)(table()).data())).toEqual(want);
      // the reason the fallback exists:
      const viaGather = (t: Tensor) => tf.sum(tf.gather(t, tf.tensor1d(ids, 'int32')));
      expect(() => tf.grad(viaGather)(table())).toThrow(/UnsortedSegmentSum/);
    } finally {
      if (segmentSum) tf.registerKernel(segmentSum);
    }
  });

  it('validates ids and options', () => {
    expect(isNumfeatError(thrown(() => embeddingLookup(table(), [0, 4])), 'BAD_RANGE')).toBe(true);
    expect(isNumfeatError(thrown(() => embeddingLookup(table(), [1.5])), 'BAD_RANGE')).toBe(true);
    expect(isNumfeatError(thrown(() => embeddingLookup(table(), tf.tensor1d([1]))), 'BAD_ARGUMENT')).toBe(true);
    expect(isNumfeatError(thrown(() => embeddingLookup(table(), [1], { maxOneHotElements: 0 })), 'BAD_RANGE')).toBe(true);
  });
});

describe('float64 bridges', () => {
  it('round-trips a Matrix64 through float32 and reads back as float64', async () => {
    const m = { data: Float64Array.from([0.1, -2, 3.5, 1e-3, 7, 8]), rows: 2, cols: 3 };
    const t = tensorFromMatrix64(m);
    expect(t.shape).toEqual([2, 3]);
    const back = await toFloat64(t);
    expect(back).toBeInstanceOf(Float64Array);
    expect(Array.from(back)).toEqual(Array.from(Float32Array.from(m.data)));
    const again = await matrixFromTensor(t);
    expect([again.rows, again.cols]).toEqual([2, 3]);
  });

  it('rejects bad matrices and non-finite tensors', async () => {
    expect(isNumfeatError(thrown(() => tensorFromMatrix64({ data: new Float64Array(5), rows: 2, cols: 3 })), 'SHAPE_MISMATCH')).toBe(true);
    await expect(matrixFromTensor(tf.tensor2d([[1, NaN]]))).rejects.toSatisfy((e) => isNumfeatError(e, 'NON_FINITE'));
    await expect(matrixFromTensor(tf.ones([2]) as never)).rejects.toSatisfy((e) => isNumfeatError(e, 'SHAPE_MISMATCH'));
  });
});
