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
