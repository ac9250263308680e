import { tf, type Tensor2D } from '@numfeat/tensor';
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
    const logp = tf.logSoftmax(tf.reshape(logits, [b * t, v]));
    const hot = tf.oneHot(tf.reshape(targets, [-1]) as tf.Tensor1D, v).toFloat();
    const nll = tf.neg(tf.sum(tf.mul(hot, logp), 1));
    return tf.div(tf.sum(tf.mul(nll, weights)), tf.maximum(tf.sum(weights), 1)) as tf.Scalar;
  });
}
