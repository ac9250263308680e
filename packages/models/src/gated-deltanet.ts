// Gated DeltaNet language model (Yang, Kautz & Hatamizadeh 2024): pre-RMSNorm blocks alternating a
// Gated DeltaNet token mixer and a SwiGLU MLP, tied input/output embeddings. The mixer follows
// flash-linear-attention's GatedDeltaNet layer: q/k/v projections, a short causal conv + SiLU on each,
// L2-normalised q and k, log-space decay g = −exp(A_log)·softplus(x W_a + dt_bias), β = sigmoid(x W_b),
// the gated delta rule (gated-deltanet-rule.ts, chunked form), a per-head RMSNorm gated by
// SiLU(x W_gate), and the out projection. Activations travel folded as [B·T, ·] for matMul2d.
import { matMul2d, tf, type Tensor2D } from '@numfeat/tensor';
import { gatedDeltaRuleChunked, gatedDeltaRuleRecurrent } from './gated-deltanet-rule.js';
import { decayInit, shortCausalConv } from './recurrent-helpers.js';
import { linear, rmsNorm, silu, swiglu } from './layers.js';
import { tiedResidualStack } from './residual-stack.js';
import { llamaFfnHidden } from './transformer.js';
import { checkConfig, checkForwardArgs, checkKnownFields, isNonNegativeInt, isPositiveInt, ParamBuilder, type ForwardOptions, type ForwardResult, type LanguageModel } from './model.js';

export interface GatedDeltaNetConfig {
  vocabSize: number;
  dModel: number;
  nLayers: number;
  nHeads: number;
  /** Width of q and k per head. */
  headDim: number;
  /** v (and output) width per head = headDim · expandV (fla's default expand_v is 2). */
  expandV: number;
  /** Short causal conv kernel on q, k, v (fla: 4); 0 turns the conv off. */
  convSize: number;
  /** SwiGLU hidden width of the MLP between mixers. */
  ffnHidden: number;
  /**
   * Chunk length of the chunked delta rule; 0 runs the step-by-step reference instead (for checks).
   * 16 by default: on wasm (d128, ctx 64) a training step took 0.90 s CPU at 16, 0.97 at 32, 1.43 at 64.
   */
  chunkSize: number;
  /** Longest sequence forward() accepts. */
  maxSeqLen: number;
  /** Std of the normal init of the embedding and projections (output projections get initStd/√(2·nLayers)). */
  initStd: number;
}

/** A tiny default (d128, 2 layers, 2 heads of 32) with any field overridden; ffnHidden follows dModel unless given. */
export function defaultGatedDeltaNetConfig(overrides: Partial<GatedDeltaNetConfig> = {}): GatedDeltaNetConfig {
  const dModel = overrides.dModel ?? 128;
  return {
    vocabSize: 1024,
    dModel,
    nLayers: 2,
    nHeads: 2,
    headDim: 32,
    expandV: 2,
    convSize: 4,
    ffnHidden: llamaFfnHidden(dModel),
    chunkSize: 16,
    maxSeqLen: 256,
    initStd: 0.02,
    ...overrides,
  };
}


/** Throws BAD_ARGUMENT naming the first bad field and how to fix it. */
export function checkGatedDeltaNetConfig(config: GatedDeltaNetConfig): void {
  checkKnownFields(config, Object.keys(defaultGatedDeltaNetConfig()), 'a Gated DeltaNet');
  for (const field of ['vocabSize', 'dModel', 'nLayers', 'nHeads', 'headDim', 'expandV', 'ffnHidden', 'maxSeqLen'] as const) {
    checkConfig(isPositiveInt(config[field]), field, `must be a positive integer, got ${config[field]}`, `set ${field} to an integer ≥ 1`);
  }
  checkConfig(isNonNegativeInt(config.convSize), 'convSize', `must be an integer ≥ 0, got ${config.convSize}`, 'use 4 (fla), or 0 to turn the short conv off');
  checkConfig(isNonNegativeInt(config.chunkSize), 'chunkSize', `must be an integer ≥ 0, got ${config.chunkSize}`, 'use 32 or 64 (0 = step-by-step reference)');
  checkConfig(Number.isFinite(config.initStd) && config.initStd > 0, 'initStd', `must be a finite number > 0, got ${config.initStd}`, 'use 0.02');
}

interface Block {
  mixNorm: tf.Variable;
  wq: tf.Variable;
  wk: tf.Variable;
  wv: tf.Variable;
  convQ?: tf.Variable;
  convK?: tf.Variable;
  convV?: tf.Variable;
  wa: tf.Variable;
  wb: tf.Variable;
  aLog: tf.Variable;
  dtBias: tf.Variable;
  wGate: tf.Variable;
  outNorm: tf.Variable;
  wo: tf.Variable;
  mlpNorm: tf.Variable;
  wUp1: tf.Variable;
  wUp2: tf.Variable;
  wDown: tf.Variable;
}

/** Builds a Gated DeltaNet LM with seeded weights (same seed → same weights on cpu). */
export function createGatedDeltaNet(config: GatedDeltaNetConfig, seed: number): LanguageModel<GatedDeltaNetConfig> {
  checkGatedDeltaNetConfig(config);
  const cfg = Object.freeze({ ...config });
  const { vocabSize, dModel, nLayers, nHeads, headDim, convSize, ffnHidden, initStd } = cfg;
  const dk = headDim;
  const dv = headDim * cfg.expandV;
  const outStd = initStd / Math.sqrt(2 * nLayers);

  const pb = new ParamBuilder(seed);
  const embed = pb.normal('embed', [vocabSize, dModel], initStd, 'embedding');
  const blocks: Block[] = [];
  for (let i = 0; i < nLayers; i++) {
    const p = `layers.${i}`;
    const conv = (name: string, width: number) =>
      convSize > 0 ? pb.uniform(`${p}.mixer.${name}`, [convSize, width], 1 / Math.sqrt(convSize), 'vector') : undefined; // PyTorch conv1d init; per-channel taps, not a hidden matrix, so AdamW not Muon
    const decay = decayInit(nHeads, seed * 7 + i);
    blocks.push({
      mixNorm: pb.constant(`${p}.mixNorm`, [dModel], 1, 'gain'),
      wq: pb.normal(`${p}.mixer.wq`, [dModel, nHeads * dk], initStd, 'matrix'),
      wk: pb.normal(`${p}.mixer.wk`, [dModel, nHeads * dk], initStd, 'matrix'),
      wv: pb.normal(`${p}.mixer.wv`, [dModel, nHeads * dv], initStd, 'matrix'),
      convQ: conv('convQ', nHeads * dk),
      convK: conv('convK', nHeads * dk),
      convV: conv('convV', nHeads * dv),
      wa: pb.normal(`${p}.mixer.wa`, [dModel, nHeads], initStd, 'matrix'),
      wb: pb.normal(`${p}.mixer.wb`, [dModel, nHeads], initStd, 'matrix'),
      aLog: pb.add(`${p}.mixer.aLog`, tf.tensor1d(decay.aLog), 'vector'),
      dtBias: pb.add(`${p}.mixer.dtBias`, tf.tensor1d(decay.dtBias), 'bias'),
      wGate: pb.normal(`${p}.mixer.wGate`, [dModel, nHeads * dv], initStd, 'matrix'),
      outNorm: pb.constant(`${p}.mixer.outNorm`, [dv], 1, 'gain'),
      wo: pb.normal(`${p}.mixer.wo`, [nHeads * dv, dModel], outStd, 'matrix'),
      mlpNorm: pb.constant(`${p}.mlpNorm`, [dModel], 1, 'gain'),
      wUp1: pb.normal(`${p}.mlp.wGate`, [dModel, ffnHidden], initStd, 'matrix'),
      wUp2: pb.normal(`${p}.mlp.wUp`, [dModel, ffnHidden], initStd, 'matrix'),
      wDown: pb.normal(`${p}.mlp.wDown`, [ffnHidden, dModel], outStd, 'matrix'),
    });
  }
  const finalNorm = pb.constant('finalNorm', [dModel], 1, 'gain');

  /** x [B·T, d] (normed) → the mixer's output [B·T, d]. */
  function mixer(x: Tensor2D, w: Block, b: number, t: number): Tensor2D {
    // Projection → short causal conv over time → SiLU, as fla's ShortConvolution(activation='silu').
    const project = (wp: tf.Variable, conv: tf.Variable | undefined, width: number) => {
      const y = tf.reshape(linear(x, wp as tf.Tensor2D), [b, t, width]) as tf.Tensor3D;
      return silu(conv ? shortCausalConv(y, conv as tf.Tensor2D) : y);
    };
    // [B, T, H·d] → [B·H, T, d]: one sequence per (batch, head) for the rule.
    const heads = (y: tf.Tensor, d: number) => tf.reshape(tf.transpose(tf.reshape(y, [b, t, nHeads, d]), [0, 2, 1, 3]), [b * nHeads, t, d]) as tf.Tensor3D;
    const l2 = (y: tf.Tensor3D) => tf.mul(y, tf.rsqrt(tf.add(tf.sum(tf.square(y), -1, true), 1e-6))) as tf.Tensor3D;
    const q = l2(heads(project(w.wq, w.convQ, nHeads * dk), dk));
    const k = l2(heads(project(w.wk, w.convK, nHeads * dk), dk));
    const v = heads(project(w.wv, w.convV, nHeads * dv), dv);
    const perHead = (y: tf.Tensor) => tf.reshape(tf.transpose(tf.reshape(y, [b, t, nHeads]), [0, 2, 1]), [b * nHeads, t]) as tf.Tensor2D;
    const g = perHead(tf.mul(tf.neg(tf.exp(w.aLog)), tf.softplus(tf.add(linear(x, w.wa as tf.Tensor2D), w.dtBias))));
    const beta = perHead(tf.sigmoid(linear(x, w.wb as tf.Tensor2D)));
    const o = cfg.chunkSize > 0 ? gatedDeltaRuleChunked(q, k, v, g, beta, cfg.chunkSize) : gatedDeltaRuleRecurrent(q, k, v, g, beta);
    // Back to token rows, one row per (token, head) for the per-head gated RMSNorm.
    const rows = tf.reshape(tf.transpose(tf.reshape(o, [b, nHeads, t, dv]), [0, 2, 1, 3]), [b * t * nHeads, dv]);
    const gate = silu(tf.reshape(linear(x, w.wGate as tf.Tensor2D), [b * t * nHeads, dv]));
    const gated = tf.mul(rmsNorm(rows, w.outNorm as tf.Tensor1D), gate);
    return linear(tf.reshape(gated, [b * t, nHeads * dv]) as Tensor2D, w.wo as tf.Tensor2D);
  }

  function forward(ids: Tensor2D, options: ForwardOptions = {}): ForwardResult {
    const capture = checkForwardArgs(ids, options, cfg.maxSeqLen, nLayers);
    return tf.tidy(() => {
      const [b, t] = ids.shape;
      return tiedResidualStack(ids, embed as tf.Tensor2D, finalNorm as tf.Tensor1D, blocks.length, (h, layer) => {
        const w = blocks[layer]!;
        const x = tf.add(h, mixer(rmsNorm(h, w.mixNorm as tf.Tensor1D), w, b, t)) as Tensor2D;
        return tf.add(x, swiglu(rmsNorm(x, w.mlpNorm as tf.Tensor1D), w.wUp1 as tf.Tensor2D, w.wUp2 as tf.Tensor2D, w.wDown as tf.Tensor2D)) as Tensor2D;
      }, capture);
    }) as ForwardResult;
  }

  return {
    arch: 'gated-deltanet',
    config: cfg,
    params: pb.params,
    forward,
    embeddingTable: () => embed as tf.Tensor2D,
    dispose: () => tf.dispose(pb.params.map((p) => p.variable)),
  };
}
