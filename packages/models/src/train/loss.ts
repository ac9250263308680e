import { softmaxCrossEntropyFromIds, tf, type Tensor2D } from '@numfeat/tensor';
import { lmLoss, type LanguageModel } from '../model.js';

/**
 * Mean next-token cross-entropy over the targets whose weight is non-zero (padding from Isolate-k
 * has weight 0). Without weights it is exactly lmLoss.
 */
export function weightedLmLoss(model: LanguageModel, ids: Tensor2D, targets: Tensor2D, weights?: tf.Tensor1D): tf.Scalar {
  if (!weights) return lmLoss(model, ids, targets);
  return tf.tidy(() => {
    const { logits } = model.forward(ids);
    const [b, t, v] = logits.shape;
    return softmaxCrossEntropyFromIds(tf.reshape(logits, [b * t, v]) as Tensor2D, tf.reshape(targets, [-1]) as tf.Tensor1D, weights);
  });
}

/**
 * The weighted loss and its gradients (keyed by variable name, as tf.variableGrads gives them) of
 * one batch given as plain arrays [B, T]; the input tensors it makes are freed again.
 */
export function batchLossAndGrads(model: LanguageModel, ids: Int32Array, targets: Int32Array, shape: [number, number], mask?: ArrayLike<number>): { value: tf.Scalar; grads: tf.NamedTensorMap } {
  return tf.tidy(() => {
    const weights = mask ? tf.tensor1d(Float32Array.from(mask)) : undefined;
    const idsT = tf.tensor2d(ids, shape, 'int32') as Tensor2D;
    const targetsT = tf.tensor2d(targets, shape, 'int32') as Tensor2D;
    return tf.variableGrads(() => weightedLmLoss(model, idsT, targetsT, weights), model.params.map((p) => p.variable));
  });
}
