// Multi-layer LSTM language model (the study's "Gated RNN": 12 layers, and a 4-layer variant), with
// PyTorch nn.LSTM semantics: gates i, f, g, o from W_x x_t + W_h h_{t−1} + b; c_t = f⊙c_{t−1} + i⊙g;
// h_t = o⊙tanh(c_t); layers stacked without residuals. Tied embeddings: logits = (h W_proj) Eᵀ, with
// the projection W_proj [dHidden, dEmbed] only when the widths differ.
// Speed: the input projection of a layer is folded over time (one matMul2d for all B·T tokens);
// only h_{t−1} W_h runs step by step.
import { embeddingLookup, matMul2d, tf, type Tensor2D } from '@numfeat/tensor';
import { checkForwardArgs } from './gated-deltanet-rule.js';
import { linear } from './layers.js';
import { checkConfig, ParamBuilder, type ForwardOptions, type ForwardResult, type LanguageModel } from './model.js';

export interface LstmConfig {
  vocabSize: number;
  /** Width of the (tied) embedding table. */
  dEmbed: number;
  /** Width of h and c in every layer. */
  dHidden: number;
  nLayers: number;
  /** Longest sequence forward() accepts (the recurrence itself has no limit; this guards memory). */
  maxSeqLen: number;
  /** Std of the normal init of the embedding; LSTM weights and biases take PyTorch's U(±1/√dHidden). */
  initStd: number;
}

/** A tiny default (d128, 2 layers) with any field overridden; dHidden follows dEmbed unless given. */
export function defaultLstmConfig(overrides: Partial<LstmConfig> = {}): LstmConfig {
  const dEmbed = overrides.dEmbed ?? 128;
  return { vocabSize: 1024, dEmbed, dHidden: dEmbed, nLayers: 2, maxSeqLen: 256, initStd: 0.02, ...overrides };
}

const isPositiveInt = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 1;

/** Throws BAD_ARGUMENT naming the first bad field and how to fix it. */
export function checkLstmConfig(config: LstmConfig): void {
  const fields = Object.keys(defaultLstmConfig());
  for (const field of Object.keys(config)) {
    checkConfig(fields.includes(field), field, 'is not an LSTM config field (a typo would otherwise be silently ignored)', `remove it or use one of: ${fields.join(', ')} (the embedding width is dEmbed, the state width dHidden)`);
  }
  for (const field of ['vocabSize', 'dEmbed', 'dHidden', 'nLayers', 'maxSeqLen'] as const) {
    checkConfig(isPositiveInt(config[field]), field, `must be a positive integer, got ${config[field]}`, `set ${field} to an integer ≥ 1`);
  }
  checkConfig(Number.isFinite(config.initStd) && config.initStd > 0, 'initStd', `must be a finite number > 0, got ${config.initStd}`, 'use 0.02');
}

interface Layer {
  /** [in, 4H]: input → gates, columns ordered i, f, g, o (PyTorch's order). */
  wx: tf.Variable;
  /** [H, 4H]: previous hidden state → gates. */
  wh: tf.Variable;
  /** [4H]: PyTorch's b_ih + b_hh as one bias. */
  bias: tf.Variable;
}

/** Builds an LSTM LM with seeded weights (same seed → same weights on cpu). */
export function createLstm(config: LstmConfig, seed: number): LanguageModel<LstmConfig> {
  checkLstmConfig(config);
  const cfg = Object.freeze({ ...config });
  const { vocabSize, dEmbed, dHidden, nLayers } = cfg;
  const bound = 1 / Math.sqrt(dHidden);

  const pb = new ParamBuilder(seed);
  const embed = pb.normal('embed', [vocabSize, dEmbed], cfg.initStd, 'embedding');
  const layers: Layer[] = [];
  for (let i = 0; i < nLayers; i++) {
    layers.push({
      wx: pb.uniform(`layers.${i}.wx`, [i === 0 ? dEmbed : dHidden, 4 * dHidden], bound, 'matrix'),
      wh: pb.uniform(`layers.${i}.wh`, [dHidden, 4 * dHidden], bound, 'matrix'),
      bias: pb.uniform(`layers.${i}.bias`, [4 * dHidden], bound, 'bias'),
    });
  }
  const proj = dHidden === dEmbed ? undefined : pb.uniform('proj', [dHidden, dEmbed], bound, 'matrix');

  /** One layer over the whole sequence: x [B·T, in] → h [B·T, H]. */
  function runLayer(x: Tensor2D, w: Layer, b: number, t: number): Tensor2D {
    // All timesteps' input projections in one matMul, then one [B, 4H] slice per step.
    const xGates = tf.unstack(tf.transpose(tf.reshape(tf.add(linear(x, w.wx as tf.Tensor2D), w.bias), [b, t, 4 * dHidden]), [1, 0, 2])) as Tensor2D[];
    let h: Tensor2D | undefined;
    let c: tf.Tensor | undefined;
    const hs: Tensor2D[] = [];
    for (let s = 0; s < t; s++) {
      const gates = h ? tf.add(xGates[s]!, matMul2d(h, w.wh as tf.Tensor2D)) : xGates[s]!; // h₀ = 0
      const [i, f, g, o] = tf.split(gates, 4, 1) as Tensor2D[];
      const write = tf.mul(tf.sigmoid(i!), tf.tanh(g!));
      c = c ? tf.add(tf.mul(tf.sigmoid(f!), c), write) : write; // c₀ = 0
      h = tf.mul(tf.sigmoid(o!), tf.tanh(c)) as Tensor2D;
      hs.push(h);
    }
    return tf.reshape(tf.stack(hs, 1), [b * t, dHidden]) as Tensor2D;
  }

  function forward(ids: Tensor2D, options: ForwardOptions = {}): ForwardResult {
    const capture = checkForwardArgs(ids, options, cfg.maxSeqLen, nLayers);
    return tf.tidy(() => {
      const [b, t] = ids.shape;
      let h = tf.reshape(embeddingLookup(embed as tf.Tensor2D, ids), [b * t, dEmbed]) as Tensor2D;
      const states: Tensor2D[] = [h];
      for (const w of layers) {
        h = runLayer(h, w, b, t);
        states.push(h);
      }
      const out = proj ? linear(h, proj as tf.Tensor2D) : h;
      const logits = tf.reshape(matMul2d(out, tf.transpose(embed as tf.Tensor2D)), [b, t, vocabSize]) as tf.Tensor3D;
      if (capture.length === 0) return { logits };
      // Layer 0 is the embedding (dEmbed wide); layers 1..nLayers are LSTM outputs (dHidden wide).
      return { logits, hidden: capture.map((layer) => tf.reshape(states[layer]!, [b, t, layer === 0 ? dEmbed : dHidden]) as tf.Tensor3D) };
    }) as ForwardResult;
  }

  return {
    arch: 'lstm',
    config: cfg,
    params: pb.params,
    forward,
    embeddingTable: () => embed as tf.Tensor2D,
    dispose: () => tf.dispose(pb.params.map((p) => p.variable)),
  };
}
