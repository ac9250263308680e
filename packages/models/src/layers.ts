// Small building blocks shared by every architecture. Activations travel folded as [rows, features]
// (rows = B·T) so each projection is one plain 2-D matMul: on wasm a matMul with batch dimensions or
// transpose flags is 10–20× slower (design.md §2), and matMul2d's backward avoids both.
import { fusedCausalAttention, fusedRmsNorm, hasFusedAttention, hasFusedRmsNorm, matMul2d, tf, transposedMatMulIsSlow, type Tensor2D } from '@numfeat/tensor';

/** RMSNorm epsilon (LLaMA-2's value). */
export const RMS_NORM_EPS = 1e-5;

/** x · gain / sqrt(mean(x²) + eps) over the last axis (LLaMA's RMSNorm; no mean subtraction, no bias). */
export function rmsNorm<T extends tf.Tensor>(x: T, gain: tf.Tensor1D, eps = RMS_NORM_EPS): T {
  if (hasFusedRmsNorm()) return fusedRmsNorm(x, gain, eps); // one kernel each way (wasm); same formula
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
 * x [n, r, c] → n tensors [r, c]. On wasm a slice copies its whole source first, so n slices of one
 * tensor cost n full copies; halving recursively costs about 2·log2(n) copies instead.
 */
export function unstackRows(x: tf.Tensor3D): tf.Tensor2D[] {
  const [n, r, c] = x.shape;
  const pieces: tf.Tensor2D[] = [];
  // Slices of the folded [n·r, c] matrix are 2-D already: no reshape per piece.
  const cut = (block: tf.Tensor2D, count: number): void => {
    if (count === 1) {
      pieces.push(block);
      return;
    }
    const half = Math.ceil(count / 2);
    cut(tf.slice(block, [0, 0], [half * r, c]), half);
    cut(tf.slice(block, [half * r, 0], [(count - half) * r, c]), count - half);
  };
  cut(tf.reshape(x, [n * r, c]) as tf.Tensor2D, n);
  return pieces;
}

/** How causalAttention multiplies per head: see its comment. */
export type AttentionStrategy = 'auto' | 'batched' | 'per-head' | 'fused';

/**
 * From this sequence length on, 'auto' uses the per-head 2-D path where transposed/batched matMuls
 * are slow (TF.js's own wasm kernels). Measured there (CPU seconds per Adam step): T = 64 (B16 d128
 * L2) batched 0.60 vs per-head 0.69; T = 256 (B8 d256 L4) batched 9.5 vs per-head 6.1.
 */
export const PER_HEAD_MIN_SEQ_LEN = 128;

/**
 * Causal softmax attention, softmax(q·kᵀ/√hd + mask)·v, on q [B·H, T, hd] and k, v [B·Kv, T, hd]
 * (grouped-query attention: query head i reads key/value head floor(i / group), group = H / Kv).
 * The `group` query heads sharing a key/value head are stacked along time, [B·Kv, group·T, hd], so
 * GQA needs no copies of k and v and their gradients need no sums over the group.
 *
 * Strategies (same numbers): 'batched' is plain autograd over batched matMuls. 'per-head' cuts the
 * tensors into one 2-D matrix per (batch, kv-head) and writes the backward pass out
 * (dS = P ⊙ (dP − rowsum(dP ⊙ P))): for TF.js's own wasm kernels, which run batched and transposed
 * matMuls on a naive loop. 'fused' is one kernel each way where the backend has numfeat's (wasm):
 * it keeps two numbers per query instead of the [T, T] probabilities — at d256 L4 T256 B8 a step's
 * peak RSS fell from 1037 to 815 MB, but it ran 13% slower than 'batched' (its loops are not a
 * GEMM), and at the study's size no faster — so 'auto' does not pick it. 'auto': 'per-head' where
 * transposed matMuls are slow and T ≥ PER_HEAD_MIN_SEQ_LEN, else 'batched'.
 */
export function causalAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  mask: tf.Tensor2D,
  group = 1,
  strategy: AttentionStrategy = 'auto',
): tf.Tensor3D {
  const [heads, t, hd] = q.shape;
  const kvHeads = heads / group;
  if (strategy === 'fused' && hasFusedAttention()) return fusedCausalAttention(q, k, v, group);
  return tf.tidy(() => {
    const stackedQ = tf.reshape(q, [kvHeads, group * t, hd]) as tf.Tensor3D;
    const stackedMask = (group === 1 ? mask : tf.tile(mask, [group, 1])) as tf.Tensor2D; // a constant
    const perHead = strategy === 'per-head' || (strategy === 'auto' && t >= PER_HEAD_MIN_SEQ_LEN && transposedMatMulIsSlow());
    const out = (perHead ? perHeadAttention : batchedAttention)(stackedQ, k, v, stackedMask);
    return tf.reshape(out, [heads, t, hd]) as tf.Tensor3D;
  });
}

function batchedAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
  const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(q.shape[2])), mask);
  return tf.matMul(tf.softmax(scores), v) as tf.Tensor3D;
}

/** x [n, r, c] → its n transposed matrices [c, r]. */
const transposedPieces = (x: tf.Tensor3D) => unstackRows(tf.transpose(x, [0, 2, 1]) as tf.Tensor3D);

function perHeadAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
  const n = q.shape[0];
  const scale = 1 / Math.sqrt(q.shape[2]);
  // Only q, k, v and dOut are cut into pieces; scores and probabilities ([T', T] each, the largest
  // tensors here) live as pieces throughout, so they are never stacked and cut again.
  const attend = tf.customGrad(((qq: tf.Tensor3D, kk: tf.Tensor3D, vv: tf.Tensor3D, save: tf.GradSaveFunc) => {
    const qs = unstackRows(qq);
    const kTs = transposedPieces(kk);
    const vs = unstackRows(vv);
    const probs = qs.map((qi, i) => tf.softmax(tf.add(tf.mul(tf.matMul(qi, kTs[i]!), scale), mask)) as tf.Tensor2D);
    save([kk, vv, ...qs, ...probs]);
    return {
      value: tf.stack(probs.map((p, i) => tf.matMul(p, vs[i]!))),
      // tf.tidy: TF.js keeps everything a custom gradient creates until the whole backward pass
      // ends, unless the gradient tidies up itself (here that is the per-piece temporaries).
      gradFunc: (dOut: tf.Tensor3D, saved: tf.Tensor[]) => tf.tidy(() => {
        const [sk, sv] = saved as tf.Tensor3D[];
        const qs = saved.slice(2, 2 + n) as tf.Tensor2D[];
        const ps = saved.slice(2 + n) as tf.Tensor2D[];
        const dOuts = unstackRows(dOut);
        const ks = unstackRows(sk!);
        const vTs = transposedPieces(sv!);
        const dq: tf.Tensor2D[] = [];
        const dk: tf.Tensor2D[] = [];
        const dv: tf.Tensor2D[] = [];
        ps.forEach((p, i) => {
          const dProbs = tf.matMul(dOuts[i]!, vTs[i]!);
          // Softmax backward: dS = P ⊙ (dP − rowsum(dP ⊙ P)), times the score scale.
          const dScores = tf.mul(tf.mul(p, tf.sub(dProbs, tf.sum(tf.mul(dProbs, p), -1, true))), scale) as tf.Tensor2D;
          dq.push(tf.matMul(dScores, ks[i]!));
          dk.push(tf.matMul(tf.transpose(dScores), qs[i]!));
          dv.push(tf.matMul(tf.transpose(p), dOuts[i]!));
        });
        return [tf.stack(dq), tf.stack(dk), tf.stack(dv)];
      }),
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
