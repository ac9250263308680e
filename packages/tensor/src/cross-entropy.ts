// Next-token cross-entropy from integer targets, the loss every numfeat LM trains on. Where the
// backend registers numfeat's fused kernels (wasm) it is two passes over the logits; elsewhere it
// is the same formula from generic ops, nll_i = logsumexp_j(x_ij) − x_{i,t_i}.
import { NumfeatError } from '@numfeat/core';
import { activeBackendHas } from './kernels.js';
import { tf, type Tensor, type Tensor1D, type Tensor2D } from './tf.js';

/** Kernel: logits [R, V] float32, targets [R] int32 → [nll [R], lse [R]]. */
export const NLL_KERNEL = 'NumfeatNll';
/** Kernel: logits, targets, lse, dy [R] → dlogits [R, V] = dy_i · (softmax_ij − [j = t_i]). */
export const NLL_GRAD_KERNEL = 'NumfeatNllGrad';

type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];

const fusedNll = tf.customGrad(((logits: Tensor2D, targets: Tensor1D, save: tf.GradSaveFunc) => {
  const [nll, lse] = tf.engine().runKernel(NLL_KERNEL, { logits, targets }) as Tensor[];
  save([logits, targets, lse!]);
  return {
    value: nll!,
    gradFunc: (dy: Tensor, [l, t, s]: Tensor[]) => [
      tf.engine().runKernel(NLL_GRAD_KERNEL, { logits: l!, targets: t!, lse: s!, dy }) as Tensor,
      tf.zerosLike(t!),
    ],
  };
}) as unknown as CustomGradientFunc) as (logits: Tensor2D, targets: Tensor1D) => Tensor1D;

function compositeNll(logits: Tensor2D, targets: Tensor1D): Tensor1D {
  return tf.tidy(() => {
    const picked = tf.sum(tf.mul(tf.oneHot(targets, logits.shape[1]).toFloat(), logits), 1);
    return tf.sub(tf.logSumExp(logits, 1), picked) as Tensor1D;
  });
}

/** True when the active backend runs the fused cross-entropy kernels. */
export function hasFusedCrossEntropy(): boolean {
  return activeBackendHas(NLL_KERNEL);
}

/**
 * Per-row negative log-likelihood −log softmax(logits_i)[targets_i] of logits [R, V] and int32
 * targets [R] (differentiable in the logits).
 */
export function nllFromLogits(logits: Tensor2D, targets: Tensor1D): Tensor1D {
  if (logits.rank !== 2 || targets.rank !== 1 || targets.shape[0] !== logits.shape[0]) {
    throw new NumfeatError('SHAPE_MISMATCH', `nllFromLogits: logits [${logits.shape}] and targets [${targets.shape}] must be [R, V] and [R]`, {
      fix: 'fold batch and time into rows: logits.reshape([B·T, V]), targets.reshape([B·T])',
    });
  }
  if (targets.dtype !== 'int32') {
    throw new NumfeatError('BAD_ARGUMENT', `nllFromLogits: targets must be int32, got ${targets.dtype}`, { fix: "cast with tf.cast(targets, 'int32')" });
  }
  return hasFusedCrossEntropy() ? fusedNll(logits, targets) : compositeNll(logits, targets);
}

/**
 * Mean next-token cross-entropy: mean_i nll_i, or Σ w_i·nll_i / max(Σ w_i, 1) with per-row weights
 * (weight 0 drops a row, e.g. padding).
 */
export function softmaxCrossEntropyFromIds(logits: Tensor2D, targets: Tensor1D, weights?: Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const nll = nllFromLogits(logits, targets);
    if (!weights) return tf.mean(nll) as tf.Scalar;
    return tf.div(tf.sum(tf.mul(nll, weights)), tf.maximum(tf.sum(weights), 1)) as tf.Scalar;
  });
}
