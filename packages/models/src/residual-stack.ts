// The skeleton every residual LM here shares (Transformer, Gated DeltaNet, Mamba-2): embedding,
// the per-layer blocks on the folded residual stream, final RMSNorm and the tied output head.
import { embeddingLookup, matMul2dTransposeB, tf, type Tensor2D } from '@numfeat/tensor';
import { rmsNorm } from './layers.js';
import type { ForwardResult } from './model.js';

/**
 * The skeleton every residual LM here shares (Transformer, Gated DeltaNet, Mamba-2): embed the
 * ids, run `block` once per layer on the folded [B·T, d] residual stream (the block returns the
 * new stream, residual adds included), then RMSNorm and the tied output logits = h Eᵀ. Returns
 * the states of the `capture` layers (0 = after the embedding). Call inside tf.tidy.
 */
export function tiedResidualStack(
  ids: Tensor2D,
  embed: tf.Tensor2D,
  finalNorm: tf.Tensor1D,
  nLayers: number,
  block: (h: Tensor2D, layer: number) => Tensor2D,
  capture: number[],
): ForwardResult & tf.TensorContainerObject {
  const [b, t] = ids.shape;
  const [vocabSize, dModel] = embed.shape;
  let h = tf.reshape(embeddingLookup(embed, ids), [b * t, dModel]) as Tensor2D;
  const states: Tensor2D[] = [h];
  for (let layer = 0; layer < nLayers; layer++) {
    h = block(h, layer);
    states.push(h);
  }
  const logits = tf.reshape(matMul2dTransposeB(rmsNorm(h, finalNorm), embed), [b, t, vocabSize]) as tf.Tensor3D;
  const hidden = capture.map((layer) => tf.reshape(states[layer]!, [b, t, dModel]) as tf.Tensor3D);
  return capture.length === 0 ? { logits } : { logits, hidden };
}
