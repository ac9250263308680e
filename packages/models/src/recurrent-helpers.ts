// The small pieces the recurrent models (Gated DeltaNet, Mamba-2) share: a batched matMul (with
// explicit-transpose gradients where transposed matMuls are slow), a short causal convolution, the seeded A/dt initialisation, and
// the triangular masks and segment decays of the chunked forms.
import { createRng, tf, transposedMatMulIsSlow } from '@numfeat/tensor';

type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];

/**
 * a [n, i, j] @ b [n, j, k]. Where transposed matMuls are slow (TF.js's own wasm kernel) the
 * backward uses explicit transposes instead of autograd's transposeA/B flags.
 */
const batchMatMulExplicitGrad = tf.customGrad(((a: tf.Tensor3D, b: tf.Tensor3D, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor3D, [sa, sb]: tf.Tensor[]) => [
      tf.matMul(dy, tf.transpose(sb!, [0, 2, 1])),
      tf.matMul(tf.transpose(sa!, [0, 2, 1]), dy),
    ],
  };
}) as unknown as CustomGradientFunc) as (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;

export const batchMatMul = (a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D =>
  transposedMatMulIsSlow() ? batchMatMulExplicitGrad(a, b) : (tf.matMul(a, b) as tf.Tensor3D);

/** [n, i, j] → [n, j, i]. */
export const transposeLast = (x: tf.Tensor3D): tf.Tensor3D => tf.transpose(x, [0, 2, 1]);

/**
 * Depthwise causal convolution as a sum of shifted copies: y_t = Σ_j w[j] ⊙ x_{t−j} for
 * x [B, T, C], w [K, C] (w[0] weighs the current token). Cheap for K ≈ 4 and differentiable on
 * every backend (wasm has no conv weight gradient, design.md §2). PyTorch's conv1d weight
 * [C, 1, K] maps to w[j] = weight[:, 0, K−1−j].
 */
export function shortCausalConv(x: tf.Tensor3D, w: tf.Tensor2D): tf.Tensor3D {
  const [b, t, c] = x.shape;
  const k = w.shape[0];
  let y = tf.mul(x, tf.reshape(tf.slice(w, [0, 0], [1, c]), [c])) as tf.Tensor3D;
  for (let j = 1; j < Math.min(k, t); j++) {
    const shifted = tf.pad(tf.slice(x, [0, 0, 0], [b, t - j, c]), [[0, 0], [j, 0], [0, 0]]);
    y = tf.add(y, tf.mul(shifted, tf.reshape(tf.slice(w, [j, 0], [1, c]), [c])));
  }
  return y;
}

/** Seeded uniform numbers in [lo, hi) from the project's one PRNG (only for the A and dt initialisation). */
function uniformValues(count: number, lo: number, hi: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count }, () => lo + (hi - lo) * rng.next());
}

/**
 * Mamba-style decay parameters for `heads` heads: A ~ U[1, 16) stored as log A, and a dt bias
 * that is softplus⁻¹ of dt ~ logU[0.001, 0.1) (fla's GatedDeltaNet and Mamba-2 both do this).
 */
export function decayInit(heads: number, seed: number): { aLog: Float32Array; dtBias: Float32Array } {
  const a = uniformValues(heads, 1, 16, seed);
  const u = uniformValues(heads, Math.log(0.001), Math.log(0.1), seed + 1);
  return {
    aLog: a.map(Math.log),
    dtBias: u.map((logDt) => {
      const dt = Math.max(Math.exp(logDt), 1e-4);
      return dt + Math.log(-Math.expm1(-dt)); // softplus⁻¹(dt)
    }),
  };
}

/** 0/1 lower-triangular [size, size] (diagonal included unless strict), built outside any gradient. */
export function lowerMask(size: number, strict = false): tf.Tensor2D {
  const values = new Float32Array(size * size);
  for (let i = 0; i < size; i++) for (let j = 0; j <= (strict ? i - 1 : i); j++) values[i * size + j] = 1;
  return tf.tensor2d(values, [size, size]);
}

/**
 * exp(c_i − c_j) for i ≥ j and 0 above the diagonal, for cumulative log-decays c [..., L]:
 * the decay from position j to position i. The difference is masked BEFORE exp so the (positive,
 * possibly huge) upper triangle never overflows into inf·0 = NaN.
 */
export function segmentDecay(cum: tf.Tensor, mask: tf.Tensor2D): tf.Tensor {
  const diff = tf.sub(tf.expandDims(cum, -1), tf.expandDims(cum, -2));
  return tf.mul(tf.exp(tf.mul(diff, mask)), mask);
}
