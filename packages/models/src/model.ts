// The contract every trainable language model in @numfeat/models implements. The trainer, the
// optimizers and the evaluation hooks only see this interface (nanoGPT style: the trainer knows
// nothing of a model's insides).
import { NumfeatError, softmaxCrossEntropyFromIds, tf, type Tensor2D } from '@numfeat/tensor';

/**
 * How an optimizer treats a parameter. Muon orthogonalises only `matrix` (hidden 2-D weights);
 * embeddings, gains, biases and other vectors go to AdamW (design.md §7).
 */
export type ParamGroup = 'embedding' | 'matrix' | 'gain' | 'bias' | 'vector';

export interface Param {
  /** Stable, unique, path-like name ("layers.0.attn.wq"), used in checkpoints. */
  readonly name: string;
  readonly variable: tf.Variable;
  readonly group: ParamGroup;
}

export interface ForwardOptions {
  /** Layer indices whose residual-stream output to return (0 = after the embedding). */
  capture?: number[];
}

export interface ForwardResult {
  /** [B, T, V] next-token logits. */
  logits: tf.Tensor3D;
  /** One [B, T, d] tensor per requested layer, in the order of `capture`. */
  hidden?: tf.Tensor3D[];
}

export interface LanguageModel<C = unknown> {
  readonly arch: string;
  readonly config: C;
  readonly params: readonly Param[];
  /** ids: int32 [B, T]. Pure function of the params (safe inside tf.grad / tf.variableGrads). */
  forward(ids: Tensor2D, options?: ForwardOptions): ForwardResult;
  /** The tied input/output embedding table [V, d] (a view of a param, not a copy). */
  embeddingTable(): Tensor2D;
  dispose(): void;
}

/** Mean next-token cross-entropy of `model` on ids [B, T] predicting targets [B, T]. */
export function lmLoss(model: LanguageModel, ids: Tensor2D, targets: Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const { logits } = model.forward(ids);
    const [b, t, v] = logits.shape;
    return softmaxCrossEntropyFromIds(tf.reshape(logits, [b * t, v]) as Tensor2D, tf.reshape(targets, [-1]) as tf.Tensor1D);
  });
}

/** Named variable factory with deterministic, seeded initialisation (same seed → same numbers on cpu). */
let variableCount = 0; // TF.js variable names are engine-global: keep them unique across models.

export class ParamBuilder {
  readonly params: Param[] = [];
  private counter = 0;
  constructor(private readonly seed: number) {}

  private nextSeed(): number {
    // Each parameter gets its own derived seed so adding a layer does not shift the others.
    return (this.seed * 1_000_003 + ++this.counter * 7919) % 2_147_483_647;
  }

  normal(name: string, shape: number[], std: number, group: ParamGroup): tf.Variable {
    return this.add(name, tf.randomNormal(shape, 0, std, 'float32', this.nextSeed()), group);
  }

  uniform(name: string, shape: number[], bound: number, group: ParamGroup): tf.Variable {
    return this.add(name, tf.randomUniform(shape, -bound, bound, 'float32', this.nextSeed()), group);
  }

  constant(name: string, shape: number[], value: number, group: ParamGroup): tf.Variable {
    return this.add(name, tf.fill(shape, value), group);
  }

  add(name: string, init: tf.Tensor, group: ParamGroup): tf.Variable {
    if (this.params.some((p) => p.name === name)) {
      throw new NumfeatError('BAD_ARGUMENT', `duplicate parameter name '${name}'`, { fix: 'give every parameter a unique name' });
    }
    const variable = tf.variable(init, true, `${name}_${variableCount++}`);
    init.dispose();
    this.params.push({ name, variable, group });
    return variable;
  }
}

export const isPositiveInt = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 1;
export const isNonNegativeInt = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;

/** Rejects fields an architecture does not have (a typo would otherwise be silently ignored). */
export function checkKnownFields(config: object, fields: readonly string[], arch: string, hint = ''): void {
  for (const field of Object.keys(config)) {
    checkConfig(fields.includes(field), field, `is not ${arch} config field (a typo would otherwise be silently ignored)`, `remove it or use one of: ${fields.join(', ')}${hint}`);
  }
}

/** Throws a BAD_ARGUMENT naming the field unless `cond` holds. */
export function checkConfig(cond: boolean, field: string, problem: string, fix: string): void {
  if (!cond) throw new NumfeatError('BAD_ARGUMENT', `config.${field}: ${problem}`, { fix, details: { field } });
}

/**
 * Validates forward()'s ids (int32 [B, T], 1 ≤ T ≤ maxSeqLen) and capture indices (0..nLayers);
 * returns the capture list. Shared by every architecture.
 */
export function checkForwardArgs(ids: Tensor2D, options: ForwardOptions, maxSeqLen: number, nLayers: number): number[] {
  if (!(ids instanceof tf.Tensor) || ids.rank !== 2 || ids.dtype !== 'int32') {
    throw new NumfeatError('BAD_ARGUMENT', `ids must be an int32 tensor [B, T], got ${ids instanceof tf.Tensor ? `${ids.dtype} [${ids.shape}]` : typeof ids}`, {
      fix: "build ids with tf.tensor2d(rows, [B, T], 'int32')",
    });
  }
  const t = ids.shape[1];
  if (t < 1 || t > maxSeqLen) {
    throw new NumfeatError('BAD_RANGE', `sequence length ${t} is outside [1, maxSeqLen = ${maxSeqLen}]`, {
      fix: 'shorten the sequences or build the model with a larger maxSeqLen',
    });
  }
  const capture = options.capture ?? [];
  for (const layer of capture) {
    if (!Number.isInteger(layer) || layer < 0 || layer > nLayers) {
      throw new NumfeatError('BAD_RANGE', `capture layer ${layer} is not in [0, ${nLayers}]`, {
        fix: `use 0 (after the embedding) to ${nLayers} (after the last block)`,
      });
    }
  }
  return capture;
}
