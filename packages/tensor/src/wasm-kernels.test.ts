// numfeat's wasm kernels against float64 brute force, shape by shape: every transpose/batch/
// broadcast case of BatchMatMul at sizes off the 4×8 micro-kernel grid, the fused cross-entropy
// and its gradient, and UnsortedSegmentSum (out-of-range ids skipped, as TF does).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.js';
import { createRng, gaussian } from '@numfeat/core';
import { nllFromLogits, softmaxCrossEntropyFromIds } from './cross-entropy.js';
import { tf } from './tf.js';
import { hasWasmKernels, WASM_KERNEL_NAMES } from './wasm-kernels.js';
import { fusedAdamWUpdate, hasFusedAdamW } from './optimizer-kernels.js';
import { fusedRmsNorm, hasFusedRmsNorm } from './rms-norm.js';
import { adamwReference, crossEntropyReference, maxRelError, rmsNormReference } from './fused-references.js';

const rng = createRng(3);
const normal = gaussian(() => rng.next());
const randn = (n: number): Float32Array => Float32Array.from({ length: n }, () => normal());

beforeAll(async () => {
  const report = await initBackend('wasm');
  expect(report.numfeatKernels).toEqual([...WASM_KERNEL_NAMES]);
  expect(hasWasmKernels()).toBe(true);
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

/** C[b] = op(A[b]) op(B[b]) in float64 from the stored row-major data. */
function referenceMatMul(a: Float32Array, b: Float32Array, batchA: number, batchB: number, m: number, n: number, k: number, ta: boolean, tb: boolean): Float64Array {
  const batch = Math.max(batchA, batchB);
  const c = new Float64Array(batch * m * n);
  for (let t = 0; t < batch; t++) {
    const ao = (batchA === 1 ? 0 : t) * m * k;
    const bo = (batchB === 1 ? 0 : t) * k * n;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ao + (ta ? p * m + i : i * k + p)]! * b[bo + (tb ? j * k + p : p * n + j)]!;
      c[t * m * n + i * n + j] = s;
    }
  }
  return c;
}

describe('BatchMatMul (numfeat SIMD GEMM)', () => {
  const cases: [string, number, number, number, number, number][] = [
    // name, batchA, batchB, m, n, k
    ['2-D, m and n off the 4×8 grid', 1, 1, 13, 21, 9],
    ['2-D, one row, one column', 1, 1, 1, 1, 5],
    ['2-D, long k', 1, 1, 6, 10, 300],
    ['batched', 5, 5, 7, 9, 3],
    ['B broadcast over A’s batch', 4, 1, 5, 12, 8],
    ['A broadcast over B’s batch', 1, 3, 9, 4, 6],
  ];
  for (const [name, batchA, batchB, m, n, k] of cases) {
    for (const ta of [false, true]) for (const tb of [false, true]) {
      it(`${name}, transposeA=${ta}, transposeB=${tb}`, () => {
        const a = randn(batchA * m * k);
        const b = randn(batchB * k * n);
        const shapeA = [...(batchA > 1 || batchB > 1 ? [batchA] : []), ...(ta ? [k, m] : [m, k])];
        const shapeB = [...(batchA > 1 || batchB > 1 ? [batchB] : []), ...(tb ? [n, k] : [k, n])];
        const c = tf.matMul(tf.tensor(a, shapeA), tf.tensor(b, shapeB), ta, tb);
        expect(c.shape).toEqual([...(batchA > 1 || batchB > 1 ? [Math.max(batchA, batchB)] : []), m, n]);
        expect(maxRelError(c.dataSync(), referenceMatMul(a, b, batchA, batchB, m, n, k, ta, tb))).toBeLessThan(1e-5);
      });
    }
  }
  it('a batch that broadcasts both ways ([3, 1] × [1, 2]) gives all 6 products (one GEMM call per output batch)', () => {
    const a = randn(3 * 4 * 5);
    const b = randn(2 * 5 * 6);
    const c = tf.matMul(tf.tensor(a, [3, 1, 4, 5]), tf.tensor(b, [1, 2, 5, 6]));
    expect(c.shape).toEqual([3, 2, 4, 6]);
    const got = c.dataSync();
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) {
      const want = referenceMatMul(a.slice(i * 20, i * 20 + 20), b.slice(j * 30, j * 30 + 30), 1, 1, 4, 6, 5, false, false);
      expect(maxRelError(got.slice((i * 2 + j) * 24, (i * 2 + j + 1) * 24), want)).toBeLessThan(1e-5);
    }
  });
  it('k = 0 gives zeros, m·n = 0 an empty result', () => {
    expect(Array.from(tf.matMul(tf.zeros([3, 0]), tf.zeros([0, 2])).dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
    expect(tf.matMul(tf.zeros([0, 4]), tf.zeros([4, 2])).shape).toEqual([0, 2]);
  });
  it('gradients through transposed operands match float64', () => {
    const a = randn(6 * 5);
    const b = randn(7 * 5);
    const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x, y, false, true)))([tf.tensor2d(a, [6, 5]), tf.tensor2d(b, [7, 5])]);
    // d/dA Σ A Bᵀ = 1·B summed over rows of B; d/dB = column sums of A.
    const wantA = Array.from({ length: 30 }, (_, i) => Array.from({ length: 7 }, (_, j) => b[j * 5 + (i % 5)]!).reduce((s, v) => s + v, 0));
    const wantB = Array.from({ length: 35 }, (_, i) => Array.from({ length: 6 }, (_, r) => a[r * 5 + (i % 5)]!).reduce((s, v) => s + v, 0));
    expect(maxRelError(da!.dataSync(), wantA)).toBeLessThan(1e-5);
    expect(maxRelError(db!.dataSync(), wantB)).toBeLessThan(1e-5);
  });
});

describe('fused cross-entropy', () => {
  const rows = 11;
  const vocab = 203; // not a multiple of 4: the scalar tail runs
  const logits = Float32Array.from(randn(rows * vocab), (x) => 4 * x);
  const targets = Int32Array.from({ length: rows }, () => rng.int(vocab));
  const weights = Float32Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 0 : 1 + i / 10));
  const want = crossEntropyReference(logits, targets, weights, rows, vocab);

  it('per-row nll equals logsumexp − picked logit (float64)', () => {
    expect(maxRelError(nllFromLogits(tf.tensor2d(logits, [rows, vocab]), tf.tensor1d(targets, 'int32')).dataSync(), want.nll)).toBeLessThan(2e-6);
  });
  it('weighted mean and its gradient w_i(softmax − onehot)/Σw match float64', () => {
    const f = (x: tf.Tensor) => softmaxCrossEntropyFromIds(x as tf.Tensor2D, tf.tensor1d(targets, 'int32'), tf.tensor1d(weights));
    const { value, grad } = tf.valueAndGrad(f)(tf.tensor2d(logits, [rows, vocab]));
    expect(Math.abs(value.dataSync()[0]! - want.loss) / want.loss).toBeLessThan(2e-6);
    expect(maxRelError(grad.dataSync(), want.grad)).toBeLessThan(1e-5);
  });
  it('extreme logits stay finite (no overflow in exp)', () => {
    const x = tf.tensor2d([[1e4, -1e4, 0, 3], [-80, -90, -100, -85]]);
    const v = nllFromLogits(x, tf.tensor1d([1, 0], 'int32')).dataSync();
    expect(v[0]).toBeCloseTo(2e4, 0);
    expect(v[1]).toBeCloseTo(Math.log(Math.exp(0) + Math.exp(-10) + Math.exp(-20) + Math.exp(-5)), 5);
  });
});

describe('UnsortedSegmentSum (the embedding gradient)', () => {
  it('adds rows into their segments; out-of-range ids are skipped', () => {
    const x = randn(9 * 6);
    const ids = [4, 0, 4, 7, -1, 2, 0, 99, 4];
    const want = new Float64Array(8 * 6);
    ids.forEach((s, i) => {
      if (s >= 0 && s < 8) for (let j = 0; j < 6; j++) want[s * 6 + j]! += x[i * 6 + j]!;
    });
    const got = tf.unsortedSegmentSum(tf.tensor2d(x, [9, 6]), tf.tensor1d(ids, 'int32'), 8);
    expect(got.shape).toEqual([8, 6]);
    expect(maxRelError(got.dataSync(), want)).toBeLessThan(1e-6);
  });
  it('makes a differentiated tf.gather work on wasm', () => {
    const table = tf.variable(tf.tensor2d(randn(5 * 3), [5, 3]));
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, tf.tensor1d([1, 1, 4], 'int32'))))(table);
    expect(Array.from(g.dataSync())).toEqual([0, 0, 0, 2, 2, 2, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
  });
});

describe('Slice and SplitV (strided copy inside the heap)', () => {
  const shape = [3, 4, 5, 6];
  const data = Float32Array.from({ length: 360 }, (_, i) => i);
  const at = (i: number, j: number, k: number, l: number) => ((i * 4 + j) * 5 + k) * 6 + l;
  it('every rank 1–4, contiguous and strided blocks, float32 and int32', () => {
    const x4 = tf.tensor4d(data, [3, 4, 5, 6]);
    const got = tf.slice(x4, [1, 2, 1, 3], [2, 2, 3, 2]).dataSync();
    const want: number[] = [];
    for (let i = 1; i < 3; i++) for (let j = 2; j < 4; j++) for (let k = 1; k < 4; k++) for (let l = 3; l < 5; l++) want.push(at(i, j, k, l));
    expect(Array.from(got)).toEqual(want);
    expect(Array.from(tf.slice(tf.tensor1d(data), [7], [5]).dataSync())).toEqual([7, 8, 9, 10, 11]);
    expect(Array.from(tf.slice(tf.tensor2d(data, [60, 6]), [2, 1], [2, 3]).dataSync())).toEqual([13, 14, 15, 19, 20, 21]);
    const ints = tf.slice(tf.tensor3d(Int32Array.from(data), [12, 5, 6], 'int32'), [11, 4, 0], [1, 1, 6]);
    expect(ints.dtype).toBe('int32');
    expect(Array.from(ints.dataSync())).toEqual([354, 355, 356, 357, 358, 359]);
    expect(tf.slice(x4, [0, 0, 0, 0], [0, 4, 5, 6]).shape).toEqual([0, 4, 5, 6]);
  });
  it('split along an inner axis gives the pieces in order, and its gradient reassembles', () => {
    const x = tf.tensor4d(data, [3, 4, 5, 6]);
    const [a, b] = tf.split(x, [2, 4], 3);
    expect(a!.shape).toEqual([3, 4, 5, 2]);
    expect(b!.dataSync()[0]).toBe(at(0, 0, 0, 2));
    expect(b!.dataSync()[359 - 120]).toBe(359);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.split(t, [2, 4], 3)[1]!, 2)))(x);
    expect(Array.from(g.dataSync().slice(0, 6))).toEqual([0, 0, 2, 2, 2, 2]);
  });
  it('shape ' + JSON.stringify(shape) + ': a 5-D slice still works (TF.js’s kernel)', () => {
    const x = tf.tensor(Float32Array.from({ length: 64 }, (_, i) => i), [2, 2, 2, 2, 4]);
    expect(Array.from(tf.slice(x, [1, 1, 1, 1, 2], [1, 1, 1, 1, 2]).dataSync())).toEqual([62, 63]);
  });
});

describe('fused AdamW update', () => {
  it('equals the AdamW formula in float64 (n = 4k + 3, so the scalar tail runs)', () => {
    const n = 4 * 9 + 3;
    const [p, g, m] = [randn(n), randn(n), randn(n)];
    const v = Float32Array.from(randn(n), (x) => x * x);
    const h = { lr: 0.01, beta1: 0.9, beta2: 0.95, bc1: 1 - 0.9 ** 3, bc2: 1 - 0.95 ** 3, eps: 1e-8, keep: 1 - 0.01 * 0.1 };
    expect(hasFusedAdamW()).toBe(true);
    const [po, mo, vo] = fusedAdamWUpdate(tf.tensor1d(p), tf.tensor1d(g), tf.tensor1d(m), tf.tensor1d(v), h).map((t) => t.dataSync());
    const want = adamwReference(p, g, m, v, h);
    expect(maxRelError(mo!, want.m)).toBeLessThan(1e-6);
    expect(maxRelError(vo!, want.v)).toBeLessThan(1e-6);
    expect(maxRelError(po!, want.p)).toBeLessThan(1e-6);
  });
});

describe('fused RMSNorm', () => {
  it('forward and both gradients equal the formula in float64 (d = 4k + 2, rank 3)', () => {
    const [b, t, d] = [2, 5, 10];
    const eps = 1e-5;
    const x = randn(b * t * d);
    const gain = Float32Array.from(randn(d), (v) => 1 + 0.3 * v);
    const w = randn(b * t * d); // loss = Σ w ⊙ y, so dy = w
    expect(hasFusedRmsNorm()).toBe(true);
    const f = (xs: tf.Tensor, gs: tf.Tensor) => tf.sum(tf.mul(fusedRmsNorm(xs, gs as tf.Tensor1D, eps), tf.tensor3d(w, [b, t, d])));
    const [dx, dg] = tf.grads(f)([tf.tensor3d(x, [b, t, d]), tf.tensor1d(gain)]);
    const y = fusedRmsNorm(tf.tensor3d(x, [b, t, d]), tf.tensor1d(gain), eps).dataSync();
    const { y: wantY, dx: wantDx, dgain: wantDg } = rmsNormReference(x, gain, w, b * t, d, eps);
    expect(maxRelError(y, wantY)).toBeLessThan(1e-5);
    expect(maxRelError(dx!.dataSync(), wantDx)).toBeLessThan(1e-5);
    expect(maxRelError(dg!.dataSync(), wantDg)).toBeLessThan(1e-5);
  });
});

// The committed binary must be what kernels.c compiles to (skipped where clang-14 is absent).
const hasClang = (() => {
  try {
    execFileSync(process.env.CLANG ?? 'clang-14', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasClang) console.warn('[wasm kernels] skipping the binary-matches-source check: clang-14 is not installed (apt-get install clang-14 lld-14)');
describe.skipIf(!hasClang)('wasm-kernels-binary.ts', () => {
  it('is what kernels.c compiles to', () => {
    const script = fileURLToPath(new URL('./wasm/make-kernels.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
