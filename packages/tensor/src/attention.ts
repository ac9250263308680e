// Causal softmax attention as one kernel each way where the backend has numfeat's (wasm): the
// composite form is ~15 TF.js ops forward and ~25 backward per layer and stores the [T, T] scores
// and probabilities for the backward pass; the kernel stores two numbers per query (max and sum
// of the softmax) and recomputes the probabilities. Models keep their composite reference
// (models/src/layers.ts causalAttention) for other backends; a test holds the two together.
import { activeBackendHas } from './kernels.js';
import { tf, type Tensor } from './tf.js';

/** Kernel: q [N, T, hd], k, v [N/group, T, hd], attrs {group, scale} → [out [N, T, hd], stats [N, T, 2]]. */
export const ATTENTION_KERNEL = 'NumfeatCausalAttention';
/** Kernel: q, k, v, out, stats, dout, attrs {group, scale} → [dq, dk, dv]. */
export const ATTENTION_GRAD_KERNEL = 'NumfeatCausalAttentionGrad';

type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];

/** True when the active backend runs the fused causal attention. */
export function hasFusedAttention(): boolean {
  return activeBackendHas(ATTENTION_KERNEL);
}

const fused = (group: number, scale: number) =>
  tf.customGrad(((q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, save: tf.GradSaveFunc) => {
    const [out, stats] = tf.engine().runKernel(ATTENTION_KERNEL, { q, k, v }, { group, scale }) as Tensor[];
    save([q, k, v, out!, stats!]);
    return {
      value: out!,
      gradFunc: (dout: Tensor, [sq, sk, sv, so, ss]: Tensor[]) =>
        tf.engine().runKernel(ATTENTION_GRAD_KERNEL, { q: sq!, k: sk!, v: sv!, out: so!, stats: ss!, dout }, { group, scale }) as Tensor[],
    };
  }) as unknown as CustomGradientFunc) as (q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D) => tf.Tensor3D;
const cache = new Map<string, ReturnType<typeof fused>>();

/**
 * softmax(q·kᵀ·scale + causal mask)·v for q [N, T, hd] and k, v [N/group, T, hd] (query sequence n
 * reads key/value sequence ⌊n / group⌋); one kernel each way. Only where hasFusedAttention().
 */
export function fusedCausalAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, group = 1, scale = 1 / Math.sqrt(q.shape[2])): tf.Tensor3D {
  const key = `${group}:${scale}`;
  if (!cache.has(key)) cache.set(key, fused(group, scale));
  return cache.get(key)!(q, k, v);
}
