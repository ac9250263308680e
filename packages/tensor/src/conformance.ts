// Op and gradient conformance cases: every backend must reproduce the cpu backend within the
// stated tolerances, and cpu must match float64 references (forward) and finite differences
// (gradients). Inputs are small and seeded, so a case runs in milliseconds.
import { embeddingLookup, matMul2d } from './ops.js';
import { tf, type Scalar, type Tensor, type Tensor2D } from './tf.js';
import { mulberry32 } from '@numfeat/core';

export interface Tolerance {
  /** |got − want| ≤ abs + rel·|want| for every element. */
  abs: number;
  rel: number;
}

/**
 * Cross-backend tolerances against cpu. wasm runs the same float32 arithmetic in a different order
 * (SIMD): a few ulps (observed ≤ 7e-7). webgpu uses fused multiply-adds and the driver's own exp/log:
 * looser, with room for hardware GPUs (Mesa llvmpipe observed ≤ 1e-7).
 */
export const BACKEND_TOLERANCE: Record<'wasm' | 'webgpu', Tolerance> = {
  wasm: { abs: 3e-6, rel: 3e-6 },
  webgpu: { abs: 1e-4, rel: 1e-4 },
};
/** cpu (float32) against a float64 JS reference. */
export const REFERENCE_TOLERANCE: Tolerance = { abs: 1e-6, rel: 1e-6 };
/** cpu analytic gradient against float32 central differences (step FD_STEP): truncation O(h²) + rounding O(ε/h). */
export const FD_TOLERANCE: Tolerance = { abs: 2e-4, rel: 2e-4 };
export const FD_STEP = 1e-2;

export interface ConformanceCase {
  name: string;
  /** Runs on the active backend; returns the result flattened (all gradients concatenated). */
  run(): Promise<number[]>;
  /** Forward cases: the float64 answer computed in plain JS. */
  reference?: () => number[];
  /** Gradient cases: the differentiable inputs and the scalar loss, for the finite-difference check. */
  gradient?: { params: () => Tensor[]; loss: (...params: Tensor[]) => Scalar };
}

export interface Agreement {
  ok: boolean;
  maxAbs: number;
  /** Largest |got − want| / (abs + rel·|want|): ≤ 1 passes. */
  worstRatio: number;
  worstIndex: number;
}

/** Elementwise comparison under a tolerance (lengths must match, NaN never passes). */
export function compareResults(want: ArrayLike<number>, got: ArrayLike<number>, tol: Tolerance): Agreement {
  if (want.length !== got.length) return { ok: false, maxAbs: Infinity, worstRatio: Infinity, worstIndex: -1 };
  let maxAbs = 0;
  let worstRatio = 0;
  let worstIndex = -1;
  for (let i = 0; i < want.length; i++) {
    const diff = Math.abs(got[i] - want[i]);
    const ratio = Number.isNaN(diff) ? Infinity : diff / (tol.abs + tol.rel * Math.abs(want[i]));
    maxAbs = Math.max(maxAbs, Number.isNaN(diff) ? Infinity : diff);
    if (ratio > worstRatio || worstIndex < 0) [worstRatio, worstIndex] = [ratio, i];
  }
  return { ok: worstRatio <= 1, maxAbs, worstRatio, worstIndex };
}

/** Central-difference gradient of a case's loss on the active backend (float32 arithmetic). */
export async function finiteDifferenceGradient(c: ConformanceCase, h = FD_STEP): Promise<number[]> {
  if (!c.gradient) throw new Error(`${c.name} is not a gradient case`);
  const params = c.gradient.params();
  const values = await Promise.all(params.map(async (p) => Float32Array.from(await p.data())));
  const lossAt = async (i: number, j: number, delta: number) => {
    const shifted = values[i].slice();
    shifted[j] += delta;
    const args = params.map((p, k) => (k === i ? tf.tensor(shifted, p.shape) : p));
    const loss = tf.tidy(() => c.gradient!.loss(...args));
    const v = (await loss.data())[0];
    tf.dispose([loss, args[i]]);
    return v;
  };
  const out: number[] = [];
  for (let i = 0; i < params.length; i++) {
    for (let j = 0; j < values[i].length; j++) out.push(((await lossAt(i, j, h)) - (await lossAt(i, j, -h))) / (2 * h));
  }
  tf.dispose(params);
  return out;
}

// ---- seeded inputs -------------------------------------------------------------------------

function uniform(seed: number, n: number, lo = -1, hi = 1): Float32Array {
  const rand = mulberry32(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rand();
  return out;
}
const mat = (seed: number, r: number, c: number, lo = -1, hi = 1) => tf.tensor2d(uniform(seed, r * c, lo, hi), [r, c]);
const flat = async (ts: Tensor | Tensor[]) => (await Promise.all([ts].flat().map((t) => t.data()))).flatMap((d) => Array.from(d));

/** Forward case: computes `f()` on the backend; `reference` gets the same seeded inputs as float64. */
function forward(name: string, f: () => Tensor, reference?: () => number[]): ConformanceCase {
  return {
    name,
    reference,
    run: async () => {
      const t = tf.tidy(f);
      const v = await flat(t);
      t.dispose();
      return v;
    },
  };
}

/** Gradient case: d loss / d params, via tf.grads. */
function gradient(name: string, params: () => Tensor[], loss: (...p: Tensor[]) => Scalar): ConformanceCase {
  return {
    name,
    gradient: { params, loss },
    run: async () => {
      const ps = params();
      const gs = tf.grads(loss)(ps);
      const v = await flat(gs);
      tf.dispose([...ps, ...gs]);
      return v;
    },
  };
}

function naiveMatMul(a: ArrayLike<number>, b: ArrayLike<number>, n: number, k: number, m: number): number[] {
  const out = new Array<number>(n * m).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) for (let l = 0; l < k; l++) out[i * m + j] += a[i * k + l] * b[l * m + j];
  return out;
}

const IDS = [3, 0, 3, 5, 1, 3, 0]; // repeats: the gradient must add rows up
const twoLayer = (x: Tensor2D, w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) =>
  tf.add(matMul2d(tf.tanh(tf.add(matMul2d(x, w1 as Tensor2D), b1)) as Tensor2D, w2 as Tensor2D), b2) as Tensor2D;
const mlpParams = () => [mat(21, 4, 6, -0.7, 0.7), mat(22, 1, 6, -0.1, 0.1), mat(23, 6, 3, -0.7, 0.7), mat(24, 1, 3, -0.1, 0.1)];
const softmaxXent = (logits: Tensor2D, labels: number[]) =>
  tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(tf.tensor1d(labels, 'int32'), logits.shape[1]), tf.logSoftmax(logits)), 1))) as Scalar;

/** The conformance table. Each case builds its own seeded inputs, so cases are independent. */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  forward('matMul2d forward 7×5 @ 5×3', () => matMul2d(mat(1, 7, 5), mat(2, 5, 3)), () => naiveMatMul(uniform(1, 35), uniform(2, 15), 7, 5, 3)),
  forward('matMul 64×48 @ 48×40 (tiled kernels)', () => tf.matMul(mat(3, 64, 48), mat(4, 48, 40)), () =>
    naiveMatMul(uniform(3, 64 * 48), uniform(4, 48 * 40), 64, 48, 40),
  ),
  forward('transpose rank 3 perm [2,0,1]', () => tf.transpose(tf.tensor3d(uniform(5, 24), [2, 3, 4]), [2, 0, 1]), () => {
    const x = uniform(5, 24);
    const out: number[] = [];
    for (let k = 0; k < 4; k++) for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) out.push(x[i * 12 + j * 4 + k]);
    return out;
  }),
  forward('reductions sum/mean/max/min over axes, logSumExp', () => {
    const x = mat(6, 5, 7, -3, 3);
    return tf.concat([tf.sum(x, 0), tf.mean(x, 1), tf.max(x, 0), tf.min(x, 1), tf.reshape(tf.logSumExp(x), [1])]);
  }, () => {
    const x = Array.from(uniform(6, 35, -3, 3));
    const at = (i: number, j: number) => x[i * 7 + j];
    const cols = [...Array(7).keys()];
    const rows = [...Array(5).keys()];
    const big = Math.max(...x);
    return [
      ...cols.map((j) => rows.reduce((s, i) => s + at(i, j), 0)),
      ...rows.map((i) => cols.reduce((s, j) => s + at(i, j), 0) / 7),
      ...cols.map((j) => Math.max(...rows.map((i) => at(i, j)))),
      ...rows.map((i) => Math.min(...cols.map((j) => at(i, j)))),
      big + Math.log(x.reduce((s, v) => s + Math.exp(v - big), 0)),
    ];
  }),
  forward('exp/log/tanh/sigmoid/sqrt elementwise', () => {
    const x = tf.tensor1d(uniform(7, 16, 0.05, 4));
    return tf.concat([tf.exp(x), tf.log(x), tf.tanh(x), tf.sigmoid(x), tf.sqrt(x)]);
  }, () => {
    const x = Array.from(uniform(7, 16, 0.05, 4));
    return [Math.exp, Math.log, Math.tanh, (v: number) => 1 / (1 + Math.exp(-v)), Math.sqrt].flatMap((f) => x.map(f));
  }),
  forward('softmax rows', () => tf.softmax(mat(8, 4, 6, -4, 4)), () => {
    const x = uniform(8, 24, -4, 4);
    const out: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = Array.from(x.subarray(i * 6, i * 6 + 6)).map(Math.exp);
      const z = r.reduce((s, v) => s + v, 0);
      out.push(...r.map((v) => v / z));
    }
    return out;
  }),
  forward('embeddingLookup forward (ids with repeats)', () => embeddingLookup(mat(9, 6, 4), IDS), () => {
    const table = uniform(9, 24);
    return IDS.flatMap((id) => Array.from(table.subarray(id * 4, id * 4 + 4)));
  }),
  forward('MLP: loss before and after one SGD step', () => {
    const x = mat(25, 8, 4);
    const labels = [0, 1, 2, 1, 0, 2, 2, 1];
    const params = mlpParams();
    const loss = (...p: Tensor[]) => softmaxXent(twoLayer(x, p[0], p[1], p[2], p[3]), labels);
    const { value, grads } = tf.valueAndGrads(loss)(params);
    const stepped = params.map((p, i) => tf.sub(p, tf.mul(0.5, grads[i])));
    return tf.stack([value, loss(...stepped)]);
  }),
  gradient('matMul2d gradient (explicit transposes)', () => [mat(10, 3, 4), mat(11, 4, 2)], (a, b) =>
    tf.sum(tf.mul(matMul2d(a as Tensor2D, b as Tensor2D), mat(12, 3, 2))),
  ),
  gradient('tf.matMul gradient (autograd transposeA/B path)', () => [mat(10, 3, 4), mat(11, 4, 2)], (a, b) =>
    tf.sum(tf.mul(tf.matMul(a as Tensor2D, b as Tensor2D), mat(12, 3, 2))),
  ),
  gradient('embeddingLookup gradient (no UnsortedSegmentSum)', () => [mat(13, 6, 3)], (table) =>
    tf.sum(tf.mul(embeddingLookup(table as Tensor2D, IDS), mat(14, IDS.length, 3))),
  ),
  gradient('softmax cross-entropy gradient', () => [mat(15, 5, 4, -2, 2)], (logits) => softmaxXent(logits as Tensor2D, [0, 3, 1, 1, 2])),
  gradient('exp/log/sqrt chain gradient', () => [tf.tensor1d(uniform(16, 6, 0.2, 2))], (x) =>
    tf.sum(tf.mul(tf.log(tf.add(1, tf.exp(x))), tf.sqrt(x))),
  ),
  gradient('layer norm gradient', () => [mat(17, 3, 5, -2, 2)], (x) => {
    const mean = tf.mean(x, 1, true);
    const centred = tf.sub(x, mean);
    const normed = tf.div(centred, tf.sqrt(tf.add(tf.mean(tf.square(centred), 1, true), 1e-5)));
    return tf.sum(tf.mul(normed, mat(18, 3, 5)));
  }),
  gradient('two-layer tanh MLP gradient', mlpParams, (w1, b1, w2, b2) =>
    softmaxXent(twoLayer(mat(25, 8, 4), w1, b1, w2, b2), [0, 1, 2, 1, 0, 2, 2, 1]),
  ),
];
