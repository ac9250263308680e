// Small building blocks shared by every architecture. Activations travel folded as [rows, features]
// (rows = B·T) so each projection is one plain 2-D matMul: on wasm a matMul with batch dimensions or
// transpose flags is 10–20× slower (design.md §2), and matMul2d's backward avoids both.
import { matMul2d, tf, type Tensor2D } from '@numfeat/tensor';

/** RMSNorm epsilon (LLaMA-2's value). */
export const RMS_NORM_EPS = 1e-5;

/** x · gain / sqrt(mean(x²) + eps) over the last axis (LLaMA's RMSNorm; no mean subtraction, no bias). */
export function rmsNorm<T extends tf.Tensor>(x: T, gain: tf.Tensor1D, eps = RMS_NORM_EPS): T {
  return tf.tidy(() => {
    const meanSquare = tf.mean(tf.square(x), -1, true);
    return tf.mul(tf.mul(x, tf.rsqrt(tf.add(meanSquare, eps))), gain) as T;
  });
}

/** x [rows, in] @ w [in, out] through matMul2d (weights are stored [in, out], so no transpose). */
export function linear(x: Tensor2D, w: tf.Tensor2D): Tensor2D {
  return matMul2d(x, w);
}

/** SiLU (swish): x · sigmoid(x). */
export function silu<T extends tf.Tensor>(x: T): T {
  return tf.mul(x, tf.sigmoid(x)) as T;
}

/** LLaMA's gated MLP: (silu(x Wgate) ⊙ (x Wup)) Wdown, on folded x [rows, d]. */
export function swiglu(x: Tensor2D, wGate: tf.Tensor2D, wUp: tf.Tensor2D, wDown: tf.Tensor2D): Tensor2D {
  return linear(tf.mul(silu(linear(x, wGate)), linear(x, wUp)) as Tensor2D, wDown);
}

/** Rotary-embedding constants: cos/sin [maxSeqLen, headDim] (each half repeated) and the rotate-half matrix. */
export interface RopeTables {
  cos: tf.Tensor2D;
  sin: tf.Tensor2D;
  /** [headDim, headDim] R with x·R = rotateHalf(x) = [−x₂, x₁]; Rᵀ = −R. */
  rotate: tf.Tensor2D;
}

/** θ_i = theta^(−2i/headDim), angle(pos, i) = pos·θ_i for i < headDim/2 — computed in float64, stored float32. */
export function ropeTables(maxSeqLen: number, headDim: number, theta: number): RopeTables {
  const half = headDim / 2;
  const cos = new Float32Array(maxSeqLen * headDim);
  const sin = new Float32Array(maxSeqLen * headDim);
  for (let pos = 0; pos < maxSeqLen; pos++) {
    for (let i = 0; i < half; i++) {
      const angle = pos * theta ** ((-2 * i) / headDim);
      for (const j of [i, i + half]) {
        cos[pos * headDim + j] = Math.cos(angle);
        sin[pos * headDim + j] = Math.sin(angle);
      }
    }
  }
  const rotate = new Float32Array(headDim * headDim);
  for (let i = 0; i < half; i++) {
    rotate[(i + half) * headDim + i] = -1; // out[i] = −x[i + half]
    rotate[i * headDim + i + half] = 1; // out[i + half] = x[i]
  }
  return {
    cos: tf.tensor2d(cos, [maxSeqLen, headDim]),
    sin: tf.tensor2d(sin, [maxSeqLen, headDim]),
    rotate: tf.tensor2d(rotate, [headDim, headDim]),
  };
}

type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];

/**
 * Rotates x [B, T, heads, headDim] by position, "rotate-half" layout (Hugging Face LLaMA): the pair
 * (x_i, x_{i+headDim/2}) turns by angle(pos, i). cos/sin are the table rows in use, [T, headDim].
 * rotateHalf is one plain matMul with R (slicing x in halves costs a full copy per slice on wasm).
 */
export function applyRope(x: tf.Tensor4D, cos: tf.Tensor2D, sin: tf.Tensor2D, rotate: tf.Tensor2D): tf.Tensor4D {
  const rotateHalf = tf.customGrad(((flat: Tensor2D) => ({
    value: tf.matMul(flat, rotate),
    gradFunc: (dy: Tensor2D) => tf.neg(tf.matMul(dy, rotate)), // dy·Rᵀ = −dy·R
  })) as unknown as CustomGradientFunc) as (flat: Tensor2D) => Tensor2D;
  return tf.tidy(() => {
    const [b, t, heads, hd] = x.shape;
    const c = tf.reshape(cos, [t, 1, hd]); // broadcast over heads and batch
    const s = tf.reshape(sin, [t, 1, hd]);
    const rotated = tf.reshape(rotateHalf(tf.reshape(x, [b * t * heads, hd]) as Tensor2D), x.shape);
    return tf.add(tf.mul(x, c), tf.mul(rotated, s)) as tf.Tensor4D;
  });
}

/**
 * Causal softmax attention per head, softmax(q·kᵀ·scale + mask)·v, on q [B·H, T, hd] and k, v
 * [B·Kv, T, hd] (head i reads key/value head floor(i / group), group = H / Kv: grouped-query attention).
 *
 * Why not tf.matMul on the batched tensors: wasm runs a batched (or transposed) matMul on a naive
 * loop, 15–30× slower than its 2-D path, and a sliced tensor is copied whole per slice. So each
 * head's product is a 2-D matMul of rows taken with gather (cost ∝ rows), and the backward pass is
 * written out (dS = P ⊙ (dP − rowsum(dP ⊙ P))) with the same pieces. Scores, softmax and its
 * backward run once on all heads together.
 */
export function causalAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, mask: tf.Tensor2D, group = 1): tf.Tensor3D {
  const heads = q.shape[0];
  const scale = 1 / Math.sqrt(q.shape[2]);
  const kvOf = (i: number) => Math.floor(i / group);
  /** Stacks a(i) @ b(kvOf(i)) over query heads i, each a plain 2-D matMul. */
  const perHead = (a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D => {
    const parts: tf.Tensor2D[] = [];
    for (let i = 0; i < heads; i++) {
      parts.push(tf.matMul(tf.gather(a, i) as tf.Tensor2D, tf.gather(b, kvOf(i)) as tf.Tensor2D));
    }
    return tf.stack(parts) as tf.Tensor3D;
  };
  /** For each key/value head j: Σ over its query heads i of a(i) @ b(i). */
  const perKvHead = (a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D => {
    const parts: tf.Tensor2D[] = [];
    for (let j = 0; j < heads / group; j++) {
      const terms: tf.Tensor2D[] = [];
      for (let i = j * group; i < (j + 1) * group; i++) terms.push(tf.matMul(tf.gather(a, i) as tf.Tensor2D, tf.gather(b, i) as tf.Tensor2D));
      parts.push(terms.length === 1 ? terms[0]! : (tf.addN(terms) as tf.Tensor2D));
    }
    return tf.stack(parts) as tf.Tensor3D;
  };
  const attend = tf.customGrad(((qq: tf.Tensor3D, kk: tf.Tensor3D, vv: tf.Tensor3D, save: tf.GradSaveFunc) => {
    const probs = tf.softmax(tf.add(tf.mul(perHead(qq, tf.transpose(kk, [0, 2, 1])), scale), mask)) as tf.Tensor3D;
    save([qq, kk, vv, probs]);
    return {
      value: perHead(probs, vv),
      gradFunc: (dOut: tf.Tensor3D, [sq, sk, sv, p]: tf.Tensor[]) => {
        const probs3 = p as tf.Tensor3D;
        const dProbs = perHead(dOut, tf.transpose(sv as tf.Tensor3D, [0, 2, 1]));
        const dScores = tf.mul(tf.mul(probs3, tf.sub(dProbs, tf.sum(tf.mul(dProbs, probs3), -1, true))), scale) as tf.Tensor3D;
        return [
          perHead(dScores, sk as tf.Tensor3D),
          perKvHead(tf.transpose(dScores, [0, 2, 1]), sq as tf.Tensor3D),
          perKvHead(tf.transpose(probs3, [0, 2, 1]), dOut),
        ];
      },
    };
  }) as unknown as CustomGradientFunc) as (q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D) => tf.Tensor3D;
  return attend(q, k, v);
}

/**
 * Additive causal mask [T, T]: 0 where key ≤ query, a large negative number above the diagonal.
 * Built from plain numbers: comparison ops have no gradient, so a mask must never come from one
 * inside the differentiated function.
 */
export function causalMask(t: number): tf.Tensor2D {
  const values = new Float32Array(t * t);
  for (let q = 0; q < t; q++) for (let k = q + 1; k < t; k++) values[q * t + k] = -1e9;
  return tf.tensor2d(values, [t, t]);
}
