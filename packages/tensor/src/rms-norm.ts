// RMSNorm (LLaMA's: no mean subtraction, no bias) as one kernel each way where the backend has
// numfeat's (wasm). The composite form costs ~20 TF.js ops per call with its gradient, and its
// mean's gradient builds a ones(x.shape) array in JavaScript on every backward pass.
import { activeBackendHas } from './kernels.js';
import { tf, type Tensor } from './tf.js';

/** Kernel: x [R, d], gain [d], attr eps → [y [R, d], rstd [R]]. */
export const RMS_NORM_KERNEL = 'NumfeatRmsNorm';
/** Kernel: dy, x, gain, rstd → [dx [R, d], dgain [d]]. */
export const RMS_NORM_GRAD_KERNEL = 'NumfeatRmsNormGrad';

type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];

/** True when the active backend runs the fused RMSNorm. */
export function hasFusedRmsNorm(): boolean {
  return activeBackendHas(RMS_NORM_KERNEL);
}

const fused = (eps: number) =>
  tf.customGrad(((x: tf.Tensor2D, gain: tf.Tensor1D, save: tf.GradSaveFunc) => {
    const [y, rstd] = tf.engine().runKernel(RMS_NORM_KERNEL, { x, gain }, { eps }) as Tensor[];
    save([x, gain, rstd!]);
    return {
      value: y!,
      gradFunc: (dy: Tensor, [sx, sg, sr]: Tensor[]) => tf.engine().runKernel(RMS_NORM_GRAD_KERNEL, { dy, x: sx!, gain: sg!, rstd: sr! }) as Tensor[],
    };
  }) as unknown as CustomGradientFunc) as (x: tf.Tensor2D, gain: tf.Tensor1D) => tf.Tensor2D;
const byEps = new Map<number, ReturnType<typeof fused>>();

/**
 * x · gain / √(mean(x²) + eps) over the last axis of x (any rank), as one kernel each way; only
 * where hasFusedRmsNorm().
 */
export function fusedRmsNorm<T extends Tensor>(x: T, gain: tf.Tensor1D, eps: number): T {
  if (!byEps.has(eps)) byEps.set(eps, fused(eps));
  const d = x.shape[x.rank - 1]!;
  return tf.tidy(() => tf.reshape(byEps.get(eps)!(tf.reshape(x, [-1, d]) as tf.Tensor2D, gain), x.shape) as T);
}
