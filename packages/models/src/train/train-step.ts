// One optimizer step: forward, backward, global-norm clipping, update.
import { tf } from '@numfeat/tensor';
import type { LanguageModel } from '../model.js';
import type { Optimizer } from '../optim/types.js';
import type { TrainBatch } from './data.js';
import type { DataParallel } from './data-parallel.js';
import { batchLossAndGrads } from './loss.js';

/** Σ‖g‖² over all gradients, as a pairwise sum of scalars (WebGPU's AddN fails with many inputs). */
function sumOfSquares(grads: tf.Tensor[]): tf.Scalar {
  let terms = grads.map((g) => tf.sum(tf.square(g)));
  while (terms.length > 1) terms = Array.from({ length: Math.ceil(terms.length / 2) }, (_, i) => (terms[2 * i + 1] ? tf.add(terms[2 * i], terms[2 * i + 1]) : terms[2 * i]));
  return (terms[0] ?? tf.scalar(0)) as tf.Scalar;
}

/**
 * One forward/backward/update; returns the loss before the update and the unclipped gradient norm.
 * A non-finite loss or norm skips the update. The one read-back is asynchronous, so the trainer
 * also runs on GPU backends in Node.
 */
export async function trainStep(model: LanguageModel, optimizer: Optimizer, ids: Int32Array, batch: TrainBatch, gradClip: number, lrScale: number, parallel?: DataParallel): Promise<{ loss: number; gradNorm: number }> {
  // Several threads: the batch's rows are split over them (the same gradient), and every thread
  // applies the same update to its own copy of the model (see DataParallel.step).
  if (parallel) return parallel.step(model, optimizer, ids, batch, gradClip, lrScale);
  return applyStep(model, optimizer, batchLossAndGrads(model, ids, batch.targets, batch.shape, batch.mask), gradClip, lrScale);
}

/**
 * Clips and applies the gradient; returns the loss and the unclipped norm; frees the loss and
 * gradients. Data-parallel worker threads call it too: the same inputs give every thread the same update.
 */
export async function applyStep(model: LanguageModel, optimizer: Optimizer, { value, grads }: { value: tf.Scalar; grads: Record<string, tf.Tensor> }, gradClip: number, lrScale: number): Promise<{ loss: number; gradNorm: number }> {
  const nameOf = new Map(model.params.map((p) => [p.variable.name, p.name]));
  const all = Object.values(grads);
  try {
    const both = tf.tidy(() => tf.stack([value, tf.sqrt(sumOfSquares(all))]));
    const [loss, gradNorm] = await both.data();
    both.dispose();
    if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) return { loss, gradNorm };
    const factor = gradClip > 0 && gradNorm > gradClip ? gradClip / gradNorm : 1;
    tf.tidy(() => {
      const named: Record<string, tf.Tensor> = {};
      for (const [k, g] of Object.entries(grads)) named[nameOf.get(k)!] = factor === 1 ? g : tf.mul(g, factor);
      optimizer.step(named, lrScale);
    });
    return { loss, gradNorm };
  } finally {
    tf.dispose([value, ...all]);
  }
}
