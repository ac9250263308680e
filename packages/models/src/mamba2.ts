// Mamba-2 language model (Dao & Gu 2024): a stack of pre-RMSNorm residual Mamba-2 blocks (no MLP,
// as in the Mamba-2 LMs), tied input/output embeddings. The block follows mamba_ssm's Mamba2 with
// ngroups = 1: one in-projection to (z, x, B, C, dt); a short causal depthwise conv + SiLU on (x, B, C);
// dt = softplus(dt + dt_bias); A = −exp(A_log), one scalar per head; the SSD scan (mamba2-ssd.ts,
// chunked form) on (x·dt, A·dt, B, C) plus the D skip; gated RMSNorm rmsnorm(y ⊙ silu(z)); out projection.
// The conv is a sum of shifted copies (shortCausalConv): wasm has no conv weight gradients.
import { tf, type Tensor2D } from '@numfeat/tensor';
import { decayInit, shortCausalConv } from './recurrent-helpers.js';
import { linear, rmsNorm, silu } from './layers.js';
import { tiedResidualStack } from './residual-stack.js';
import { ssdChunked, ssdRecurrent } from './mamba2-ssd.js';
import { checkConfig, checkForwardArgs, checkKnownFields, isNonNegativeInt, isPositiveInt, ParamBuilder, type ForwardOptions, type ForwardResult, type LanguageModel } from './model.js';

export interface Mamba2Config {
  vocabSize: number;
  dModel: number;
  nLayers: number;
  /** SSM state width N (mamba_ssm's d_state). */
  dState: number;
  /** Inner width = expand · dModel. */
  expand: number;
  /** Channels per head P; must divide expand · dModel (heads = expand · dModel / headDim). */
  headDim: number;
  /** Depthwise causal conv kernel (mamba_ssm: 4); 0 turns the conv off. */
  convSize: number;
  /**
   * Chunk length of the SSD scan; 0 runs the step-by-step reference instead (for checks).
   * 16 by default: on wasm (d128, ctx 64) a training step took 0.77 s CPU at 16, 0.96 at 32, 0.90 at 64.
   */
  chunkSize: number;
  /** Longest sequence forward() accepts. */
  maxSeqLen: number;
  /** Std of the normal init of the embedding and projections (out projection gets initStd/√(2·nLayers)). */
  initStd: number;
}

/** A tiny default (d128, 2 layers, state 32, 8 heads of 32) with any field overridden. */
export function defaultMamba2Config(overrides: Partial<Mamba2Config> = {}): Mamba2Config {
  return {
    vocabSize: 1024,
    dModel: 128,
    nLayers: 2,
    dState: 32,
    expand: 2,
    headDim: 32,
    convSize: 4,
    chunkSize: 16,
    maxSeqLen: 256,
    initStd: 0.02,
    ...overrides,
  };
}


/** Throws BAD_ARGUMENT naming the first bad field and how to fix it. */
export function checkMamba2Config(config: Mamba2Config): void {
  checkKnownFields(config, Object.keys(defaultMamba2Config()), 'a Mamba-2');
  for (const field of ['vocabSize', 'dModel', 'nLayers', 'dState', 'expand', 'headDim', 'maxSeqLen'] as const) {
    checkConfig(isPositiveInt(config[field]), field, `must be a positive integer, got ${config[field]}`, `set ${field} to an integer ≥ 1`);
  }
  const inner = config.expand * config.dModel;
  checkConfig(inner % config.headDim === 0, 'headDim', `${config.headDim} does not divide the inner width expand·dModel = ${inner}`, `pick headDim dividing ${inner} (mamba_ssm uses 64)`);
  checkConfig(isNonNegativeInt(config.convSize), 'convSize', `must be an integer ≥ 0, got ${config.convSize}`, 'use 4 (mamba_ssm), or 0 to turn the conv off');
  checkConfig(isNonNegativeInt(config.chunkSize), 'chunkSize', `must be an integer ≥ 0, got ${config.chunkSize}`, 'use 32 or 64 (0 = step-by-step reference)');
  checkConfig(Number.isFinite(config.initStd) && config.initStd > 0, 'initStd', `must be a finite number > 0, got ${config.initStd}`, 'use 0.02');
}

interface Block {
  norm: tf.Variable;
  /** [d, 2·inner + 2·N + H] → z, x, B, C, dt. */
  wIn: tf.Variable;
  conv?: tf.Variable;
  convBias?: tf.Variable;
  dtBias: tf.Variable;
  aLog: tf.Variable;
  dSkip: tf.Variable;
  outNorm: tf.Variable;
  wOut: tf.Variable;
}

/** Builds a Mamba-2 LM with seeded weights (same seed → same weights on cpu). */
export function createMamba2(config: Mamba2Config, seed: number): LanguageModel<Mamba2Config> {
  checkMamba2Config(config);
  const cfg = Object.freeze({ ...config });
  const { vocabSize, dModel, nLayers, dState, headDim, convSize, initStd } = cfg;
  const inner = cfg.expand * dModel;
  const nHeads = inner / headDim;
  const convWidth = inner + 2 * dState; // the conv runs over x, B and C together

  const pb = new ParamBuilder(seed);
  const embed = pb.normal('embed', [vocabSize, dModel], initStd, 'embedding');
  const blocks: Block[] = [];
  for (let i = 0; i < nLayers; i++) {
    const p = `layers.${i}`;
    const decay = decayInit(nHeads, seed * 7 + i);
    blocks.push({
      norm: pb.constant(`${p}.norm`, [dModel], 1, 'gain'),
      wIn: pb.normal(`${p}.mixer.wIn`, [dModel, 2 * inner + 2 * dState + nHeads], initStd, 'matrix'),
      // Per-channel taps (PyTorch conv1d init), grouped as 'vector': AdamW, not Muon.
      conv: convSize > 0 ? pb.uniform(`${p}.mixer.conv`, [convSize, convWidth], 1 / Math.sqrt(convSize), 'vector') : undefined,
      convBias: convSize > 0 ? pb.constant(`${p}.mixer.convBias`, [convWidth], 0, 'bias') : undefined,
      dtBias: pb.add(`${p}.mixer.dtBias`, tf.tensor1d(decay.dtBias), 'bias'),
      aLog: pb.add(`${p}.mixer.aLog`, tf.tensor1d(decay.aLog), 'vector'),
      dSkip: pb.constant(`${p}.mixer.D`, [nHeads], 1, 'vector'),
      outNorm: pb.constant(`${p}.mixer.outNorm`, [inner], 1, 'gain'),
      wOut: pb.normal(`${p}.mixer.wOut`, [inner, dModel], initStd / Math.sqrt(2 * nLayers), 'matrix'),
    });
  }
  const finalNorm = pb.constant('finalNorm', [dModel], 1, 'gain');

  /** x [B·T, d] (normed) → the mixer's output [B·T, d]. */
  function mixer(x: Tensor2D, w: Block, b: number, t: number): Tensor2D {
    const [z, xbcRaw, dtRaw] = tf.split(linear(x, w.wIn as tf.Tensor2D), [inner, convWidth, nHeads], 1) as Tensor2D[];
    let xbc = tf.reshape(xbcRaw!, [b, t, convWidth]) as tf.Tensor3D;
    if (w.conv) xbc = tf.add(shortCausalConv(xbc, w.conv as tf.Tensor2D), w.convBias!) as tf.Tensor3D;
    const [xs, bMat, cMat] = tf.split(silu(xbc), [inner, dState, dState], 2) as tf.Tensor3D[];
    const dt = tf.reshape(tf.softplus(tf.add(dtRaw!, w.dtBias)), [b, t, nHeads]);
    const xHeads = tf.reshape(xs!, [b, t, nHeads, headDim]);
    const a = tf.mul(dt, tf.neg(tf.exp(w.aLog))) as tf.Tensor3D; // A·dt ≤ 0 (log decay)
    const xDt = tf.mul(xHeads, tf.expandDims(dt, -1)) as tf.Tensor4D;
    // ngroups = 1: every head reads the same B and C. Broadcast by multiplying with ones: wasm's
    // Tile kernel is slow, and the multiply's gradient sums the heads back for free.
    const ones = tf.ones([1, 1, nHeads, 1]);
    const perHead = (m: tf.Tensor3D) => tf.mul(tf.expandDims(m, 2), ones) as tf.Tensor4D;
    const scan = cfg.chunkSize > 0 ? ssdChunked(xDt, a, perHead(bMat!), perHead(cMat!), cfg.chunkSize) : ssdRecurrent(xDt, a, perHead(bMat!), perHead(cMat!));
    const y = tf.add(scan, tf.mul(xHeads, tf.reshape(w.dSkip, [nHeads, 1]))); // + D·x
    // Gated RMSNorm (mamba_ssm's RMSNormGated, norm_before_gate = False): norm(y ⊙ silu(z)).
    const gated = tf.mul(tf.reshape(y, [b * t, inner]), silu(z!)) as Tensor2D;
    return linear(rmsNorm(gated, w.outNorm as tf.Tensor1D), w.wOut as tf.Tensor2D);
  }

  function forward(ids: Tensor2D, options: ForwardOptions = {}): ForwardResult {
    const capture = checkForwardArgs(ids, options, cfg.maxSeqLen, nLayers);
    return tf.tidy(() => {
      const [b, t] = ids.shape;
      return tiedResidualStack(ids, embed as tf.Tensor2D, finalNorm as tf.Tensor1D, blocks.length, (h, layer) => {
        const w = blocks[layer]!;
        return tf.add(h, mixer(rmsNorm(h, w.norm as tf.Tensor1D), w, b, t)) as Tensor2D;
      }, capture);
    }) as ForwardResult;
  }

  return {
    arch: 'mamba2',
    config: cfg,
    params: pb.params,
    forward,
    embeddingTable: () => embed as tf.Tensor2D,
    dispose: () => tf.dispose(pb.params.map((p) => p.variable)),
  };
}
