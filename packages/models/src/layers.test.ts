import { initBackend, tf, type Tensor2D } from '@numfeat/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyRope, causalAttention, causalMask, rmsNorm, ropeTables, silu, swiglu, unstackRows } from './layers.js';
import { gradCheck } from './gradcheck.js';
import type { Param } from './model.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const values = (t: tf.Tensor) => Array.from(t.dataSync());
const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

/** Textbook attention with autograd's batched matMul and an explicit repeat of the kv heads. */
function referenceAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, group: number): tf.Tensor3D {
  const repeat = (x: tf.Tensor3D) => {
    const [bkv, t, hd] = x.shape;
    const rows = [];
    for (let j = 0; j < bkv; j++) for (let g = 0; g < group; g++) rows.push(j);
    return tf.gather(x, rows).reshape([bkv * group, t, hd]) as tf.Tensor3D;
  };
  const t = q.shape[1];
  const scores = tf.div(tf.matMul(q, repeat(k), false, true), Math.sqrt(q.shape[2]));
  const allowed = tf.linalg.bandPart(tf.ones([t, t]), -1, 0); // lower triangle, built outside any gradient
  const masked = tf.where(tf.cast(allowed, 'bool'), scores, tf.fill(scores.shape, -1e9));
  return tf.matMul(tf.softmax(masked), repeat(v)) as tf.Tensor3D;
}

describe('rmsNorm', () => {
  it('divides by the root mean square and multiplies by the gain', () => {
    const x = tf.tensor2d([[3, 4], [1, -1]]);
    const out = rmsNorm(x, tf.tensor1d([2, 0.5]), 0);
    const r0 = Math.sqrt((9 + 16) / 2);
    expect(values(out)).toEqual([6 / r0, 2 / r0, 2, -0.5].map((v) => expect.closeTo(v, 5)));
  });
});

describe('silu and swiglu', () => {
  it('silu(x) = x / (1 + e^−x)', () => {
    expect(values(silu(tf.tensor1d([-2, 0, 1.5])))).toEqual([-2, 0, 1.5].map((x) => expect.closeTo(x / (1 + Math.exp(-x)), 5)));
  });
  it('swiglu = (silu(x Wg) ⊙ x Wu) Wd', () => {
    const x = tf.tensor2d([[1, 2]]);
    const wg = tf.tensor2d([[1], [0.5]]); // x Wg = 2
    const wu = tf.tensor2d([[-1], [1]]); // x Wu = 1
    const wd = tf.tensor2d([[3, -1]]);
    const h = 2 / (1 + Math.exp(-2));
    expect(values(swiglu(x as Tensor2D, wg, wu, wd))).toEqual([3 * h, -h].map((v) => expect.closeTo(v, 5)));
  });
});

describe('rope', () => {
  it('turns each (x_i, x_{i+hd/2}) pair by pos·θ^(−2i/hd)', () => {
    const [t, hd, theta] = [3, 4, 100];
    const tables = ropeTables(t, hd, theta);
    const x = tf.randomNormal([1, t, 2, hd], 0, 1, 'float32', 3) as tf.Tensor4D;
    const got = applyRope(x, tables.cos, tables.sin, tables.rotate).arraySync()[0]!;
    const xs = x.arraySync()[0]!;
    for (let pos = 0; pos < t; pos++) {
      for (let h = 0; h < 2; h++) {
        for (let i = 0; i < hd / 2; i++) {
          const a = pos * theta ** ((-2 * i) / hd);
          const [x1, x2] = [xs[pos]![h]![i]!, xs[pos]![h]![i + hd / 2]!];
          expect(got[pos]![h]![i]).toBeCloseTo(x1 * Math.cos(a) - x2 * Math.sin(a), 5);
          expect(got[pos]![h]![i + hd / 2]).toBeCloseTo(x2 * Math.cos(a) + x1 * Math.sin(a), 5);
        }
      }
    }
  });
  it('keeps relative positions: <rope(q, m), rope(k, n)> depends on m − n only', () => {
    const tables = ropeTables(6, 4, 10_000);
    const q = tf.tile(tf.randomNormal([1, 1, 1, 4], 0, 1, 'float32', 1), [1, 6, 1, 1]) as tf.Tensor4D;
    const k = tf.tile(tf.randomNormal([1, 1, 1, 4], 0, 1, 'float32', 2), [1, 6, 1, 1]) as tf.Tensor4D;
    const rq = applyRope(q, tables.cos, tables.sin, tables.rotate).reshape([6, 4]);
    const rk = applyRope(k, tables.cos, tables.sin, tables.rotate).reshape([6, 4]);
    const dots = tf.matMul(rq, rk, false, true).arraySync() as number[][];
    expect(dots[3]![1]).toBeCloseTo(dots[4]![2]!, 4);
    expect(dots[5]![5]).toBeCloseTo(dots[0]![0]!, 4);
  });
  it('its gradient passes the finite-difference check', () => {
    const tables = ropeTables(5, 6, 10_000);
    const x = tf.variable(tf.randomNormal([2, 5, 3, 6], 0, 1, 'float32', 4));
    const w = tf.randomNormal([2, 5, 3, 6], 0, 1, 'float32', 5);
    const params: Param[] = [{ name: 'x', variable: x, group: 'vector' }];
    const report = gradCheck(() => tf.sum(tf.mul(applyRope(x as tf.Tensor4D, tables.cos, tables.sin, tables.rotate), w)), params, { coordsPerParam: 8 });
    expect(report.ok, JSON.stringify(report.worst)).toBe(true);
  });
});

describe('causalMask', () => {
  it('is 0 on and below the diagonal and very negative above it', () => {
    expect(causalMask(3).arraySync()).toEqual([
      [0, -1e9, -1e9],
      [0, 0, -1e9],
      [0, 0, 0],
    ]);
  });
});

describe('causalAttention', () => {
  for (const [group, strategy] of [[1, 'batched'], [2, 'batched'], [1, 'per-head'], [2, 'per-head'], [4, 'per-head']] as const) {
    it(`matches textbook attention in value and gradient (group ${group}, ${strategy})`, () => {
      const [bh, t, hd] = [8, 5, 3];
      const q = tf.randomNormal([bh, t, hd], 0, 1, 'float32', 11) as tf.Tensor3D;
      const k = tf.randomNormal([bh / group, t, hd], 0, 1, 'float32', 12) as tf.Tensor3D;
      const v = tf.randomNormal([bh / group, t, hd], 0, 1, 'float32', 13) as tf.Tensor3D;
      const w = tf.randomNormal([bh, t, hd], 0, 1, 'float32', 14);
      const mask = causalMask(t);
      expect(maxAbsDiff(causalAttention(q, k, v, mask, group, strategy), referenceAttention(q, k, v, group))).toBeLessThan(1e-5);
      const ours = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
        tf.sum(tf.mul(causalAttention(a as tf.Tensor3D, b as tf.Tensor3D, c as tf.Tensor3D, mask, group, strategy), w)),
      )([q, k, v]);
      const want = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
        tf.sum(tf.mul(referenceAttention(a as tf.Tensor3D, b as tf.Tensor3D, c as tf.Tensor3D, group), w)),
      )([q, k, v]);
      ours.forEach((g, i) => expect(maxAbsDiff(g, want[i]!)).toBeLessThan(1e-5));
    });
  }
  it('never lets a position see a later one', () => {
    const q = tf.randomNormal([1, 4, 2], 0, 1, 'float32', 1) as tf.Tensor3D;
    const k = tf.randomNormal([1, 4, 2], 0, 1, 'float32', 2) as tf.Tensor3D;
    const v = tf.randomNormal([1, 4, 2], 0, 1, 'float32', 3) as tf.Tensor3D;
    const changed = tf.concat([tf.slice(v, [0, 0, 0], [1, 3, 2]), tf.fill([1, 1, 2], 100)], 1) as tf.Tensor3D;
    for (const strategy of ['batched', 'per-head'] as const) {
      const a = causalAttention(q, k, v, causalMask(4), 1, strategy);
      const b = causalAttention(q, k, changed, causalMask(4), 1, strategy);
      expect(maxAbsDiff(tf.slice(a, [0, 0, 0], [1, 3, 2]), tf.slice(b, [0, 0, 0], [1, 3, 2]))).toBe(0);
    }
  });
});

describe('unstackRows', () => {
  it('cuts [n, r, c] into its n matrices, in order', () => {
    const x = tf.range(0, 5 * 2 * 3).reshape([5, 2, 3]) as tf.Tensor3D;
    const pieces = unstackRows(x);
    expect(pieces.map((p) => p.arraySync())).toEqual(x.arraySync());
  });
});

describe('gradCheck', () => {
  it('catches a wrong gradient', () => {
    const wrongSquare = tf.customGrad(((x: tf.Tensor) => ({ value: tf.square(x), gradFunc: (dy: tf.Tensor) => tf.mul(dy, x) })) as never) as (x: tf.Tensor) => tf.Tensor;
    const x = tf.variable(tf.tensor1d([1, 2, 3]));
    const params: Param[] = [{ name: 'x', variable: x, group: 'vector' }];
    expect(gradCheck(() => tf.sum(tf.square(x)), params).ok).toBe(true);
    const report = gradCheck(() => tf.sum(wrongSquare(x)), params);
    expect(report.ok).toBe(false);
    expect(report.worst.numeric).toBeCloseTo(2 * report.worst.analytic, 2);
    expect(values(x)).toEqual([1, 2, 3]); // restored
    const unused: Param = { name: 'unused', variable: tf.variable(tf.tensor1d([5])), group: 'vector' };
    const withUnused = gradCheck(() => tf.sum(tf.square(x)), [...params, unused]);
    expect(withUnused.ok).toBe(true);
    expect(withUnused.entries.find((e) => e.param === 'unused')).toMatchObject({ analytic: 0, numeric: 0 });
  });
});
