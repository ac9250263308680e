// LLaMA-style decoder-only Transformer (nanoGPT-sized file): pre-RMSNorm blocks, rotary positions,
// SwiGLU MLP, grouped-query causal attention and tied input/output embeddings.
// Activations are folded to [B·T, d] so every projection is one matMul2d (fast on wasm).
import { matMul2d, NumfeatError, tf, type Tensor2D } from '@numfeat/tensor';
import { applyRope, causalAttention, causalMask, linear, rmsNorm, ropeTables, swiglu, type AttentionStrategy } from './layers.js';
import { tiedResidualStack } from './residual-stack.js';
import { checkConfig, checkForwardArgs, checkKnownFields, isPositiveInt, ParamBuilder, type ForwardOptions, type ForwardResult, type LanguageModel } from './model.js';

export interface TransformerConfig {
  vocabSize: number;
  dModel: number;
  nLayers: number;
  /** Query heads; must divide dModel, and dModel / nHeads (the head width) must be even for RoPE. */
  nHeads: number;
  /** Key/value heads (grouped-query attention); must divide nHeads. nKvHeads = nHeads is plain MHA. */
  nKvHeads: number;
  /** SwiGLU hidden width. */
  ffnHidden: number;
  /** RoPE base θ. */
  ropeTheta: number;
  /** Longest sequence forward() accepts (RoPE tables and the causal mask are built for it). */
  maxSeqLen: number;
  /** Std of the normal init of the embedding and weight matrices (output projections get initStd/√(2·nLayers)). */
  initStd: number;
  /** How attention multiplies per head (same numbers either way; see causalAttention). Default 'auto'. */
  attention?: AttentionStrategy;
}

/** LLaMA's SwiGLU width: 8/3·dModel rounded up to a multiple of 32. */
export function llamaFfnHidden(dModel: number): number {
  return Math.ceil((8 * dModel) / 3 / 32) * 32;
}

/** A tiny default (d128, 2 layers, 4 heads) with any field overridden; ffnHidden follows dModel unless given. */
export function defaultTransformerConfig(overrides: Partial<TransformerConfig> = {}): TransformerConfig {
  const dModel = overrides.dModel ?? 128;
  return {
    vocabSize: 1024,
    dModel,
    nLayers: 2,
    nHeads: 4,
    nKvHeads: overrides.nHeads ?? 4,
    ffnHidden: llamaFfnHidden(dModel),
    ropeTheta: 10_000,
    maxSeqLen: 256,
    initStd: 0.02,
    ...overrides,
  };
}

const CONFIG_FIELDS = ['vocabSize', 'dModel', 'nLayers', 'nHeads', 'nKvHeads', 'ffnHidden', 'ropeTheta', 'maxSeqLen', 'initStd', 'attention'];

/** Throws BAD_ARGUMENT naming the first bad field and how to fix it. */
export function checkTransformerConfig(config: TransformerConfig): void {
  checkKnownFields(config, CONFIG_FIELDS, 'a Transformer');
  for (const field of ['vocabSize', 'dModel', 'nLayers', 'nHeads', 'nKvHeads', 'ffnHidden', 'maxSeqLen'] as const) {
    checkConfig(isPositiveInt(config[field]), field, `must be a positive integer, got ${config[field]}`, `set ${field} to an integer ≥ 1`);
  }
  const { dModel, nHeads, nKvHeads } = config;
  checkConfig(dModel % nHeads === 0, 'nHeads', `${nHeads} heads do not divide dModel = ${dModel}`, 'pick nHeads dividing dModel (e.g. dModel / 64)');
  checkConfig((dModel / nHeads) % 2 === 0, 'nHeads', `head width dModel / nHeads = ${dModel / nHeads} is odd; RoPE rotates pairs`, 'pick nHeads so that dModel / nHeads is even');
  checkConfig(nHeads % nKvHeads === 0, 'nKvHeads', `${nKvHeads} key/value heads do not divide nHeads = ${nHeads}`, `pick nKvHeads dividing ${nHeads} (nKvHeads = nHeads is plain multi-head attention)`);
  checkConfig(Number.isFinite(config.ropeTheta) && config.ropeTheta > 1, 'ropeTheta', `must be a finite number > 1, got ${config.ropeTheta}`, 'use 10000 (LLaMA-2) or 500000 (LLaMA-3)');
  checkConfig(Number.isFinite(config.initStd) && config.initStd > 0, 'initStd', `must be a finite number > 0, got ${config.initStd}`, 'use 0.02');
  const strategies: unknown[] = ['auto', 'batched', 'per-head', 'fused', undefined];
  checkConfig(strategies.includes(config.attention), 'attention', `unknown strategy ${JSON.stringify(config.attention)}`, "use 'auto', 'batched', 'per-head' or 'fused'");
}

interface Block {
  attnNorm: tf.Variable;
  wq: tf.Variable;
  wk: tf.Variable;
  wv: tf.Variable;
  wo: tf.Variable;
  mlpNorm: tf.Variable;
  wGate: tf.Variable;
  wUp: tf.Variable;
  wDown: tf.Variable;
}

/** Builds a Transformer with seeded weights (same seed → same weights on cpu). */
export function createTransformer(config: TransformerConfig, seed: number): LanguageModel<TransformerConfig> {
  checkTransformerConfig(config);
  const cfg = Object.freeze({ ...config });
  const { vocabSize, dModel, nLayers, nHeads, nKvHeads, ffnHidden, initStd } = cfg;
  const headDim = dModel / nHeads;
  const group = nHeads / nKvHeads;
  const outStd = initStd / Math.sqrt(2 * nLayers); // GPT-2: keep the residual stream's variance flat in depth

  const pb = new ParamBuilder(seed);
  const embed = pb.normal('embed', [vocabSize, dModel], initStd, 'embedding');
  const blocks: Block[] = [];
  for (let i = 0; i < nLayers; i++) {
    const p = `layers.${i}`;
    blocks.push({
      attnNorm: pb.constant(`${p}.attnNorm`, [dModel], 1, 'gain'),
      wq: pb.normal(`${p}.attn.wq`, [dModel, nHeads * headDim], initStd, 'matrix'),
      wk: pb.normal(`${p}.attn.wk`, [dModel, nKvHeads * headDim], initStd, 'matrix'),
      wv: pb.normal(`${p}.attn.wv`, [dModel, nKvHeads * headDim], initStd, 'matrix'),
      wo: pb.normal(`${p}.attn.wo`, [nHeads * headDim, dModel], outStd, 'matrix'),
      mlpNorm: pb.constant(`${p}.mlpNorm`, [dModel], 1, 'gain'),
      wGate: pb.normal(`${p}.mlp.wGate`, [dModel, ffnHidden], initStd, 'matrix'),
      wUp: pb.normal(`${p}.mlp.wUp`, [dModel, ffnHidden], initStd, 'matrix'),
      wDown: pb.normal(`${p}.mlp.wDown`, [ffnHidden, dModel], outStd, 'matrix'),
    });
  }
  const finalNorm = pb.constant('finalNorm', [dModel], 1, 'gain');
  // Constants, built once outside any gradient.
  const tables = ropeTables(cfg.maxSeqLen, headDim, cfg.ropeTheta);
  const mask = causalMask(cfg.maxSeqLen);

  /** x [B·T, d] → causal self-attention output [B·T, d]. */
  function attention(x: Tensor2D, w: Block, b: number, t: number, cos: tf.Tensor2D, sin: tf.Tensor2D, m: tf.Tensor2D): Tensor2D {
    // [B·T, heads·hd] → [B·heads, T, hd]: one (batch, head) pair per leading index.
    const split = (y: Tensor2D, heads: number, rope: boolean) => {
      let y4 = tf.reshape(y, [b, t, heads, headDim]) as tf.Tensor4D;
      if (rope) y4 = applyRope(y4, cos, sin, tables.rotate);
      return tf.reshape(tf.transpose(y4, [0, 2, 1, 3]), [b * heads, t, headDim]) as tf.Tensor3D;
    };
    const q = split(linear(x, w.wq as Tensor2D), nHeads, true);
    const k = split(linear(x, w.wk as Tensor2D), nKvHeads, true);
    const v = split(linear(x, w.wv as Tensor2D), nKvHeads, false);
    const out = causalAttention(q, k, v, m, group, cfg.attention); // [B·H, T, hd]
    const merged = tf.reshape(tf.transpose(tf.reshape(out, [b, nHeads, t, headDim]), [0, 2, 1, 3]), [b * t, dModel]);
    return linear(merged as Tensor2D, w.wo as Tensor2D);
  }

  function forward(ids: Tensor2D, options: ForwardOptions = {}): ForwardResult {
    const capture = checkForwardArgs(ids, options, cfg.maxSeqLen, nLayers);
    return tf.tidy(() => {
      const [b, t] = ids.shape;
      const cos = tf.slice(tables.cos, [0, 0], [t, -1]);
      const sin = tf.slice(tables.sin, [0, 0], [t, -1]);
      const m = tf.slice(mask, [0, 0], [t, t]);
      return tiedResidualStack(ids, embed as tf.Tensor2D, finalNorm as tf.Tensor1D, blocks.length, (h, layer) => {
        const w = blocks[layer]!;
        const x = tf.add(h, attention(rmsNorm(h, w.attnNorm as tf.Tensor1D), w, b, t, cos, sin, m)) as Tensor2D;
        return tf.add(x, swiglu(rmsNorm(x, w.mlpNorm as tf.Tensor1D), w.wGate as tf.Tensor2D, w.wUp as tf.Tensor2D, w.wDown as tf.Tensor2D)) as Tensor2D;
      }, capture);
    }) as ForwardResult;
  }

  return {
    arch: 'transformer',
    config: cfg,
    params: pb.params,
    forward,
    embeddingTable: () => embed as tf.Tensor2D,
    dispose: () => {
      tf.dispose(pb.params.map((p) => p.variable));
      tf.dispose([tables.cos, tables.sin, tables.rotate, mask]);
    },
  };
}
