import { readFileSync } from 'node:fs';
import { createRng } from '@numfeat/data-gen';
import { initBackend, isNumfeatError, tf, type Tensor2D } from '@numfeat/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradCheck } from './gradcheck.js';
import { lmLoss, type LanguageModel } from './model.js';
import { ARCHITECTURES, createModel } from './registry.js';
import type { AttentionStrategy } from './layers.js';
import { createTransformer, defaultTransformerConfig, type TransformerConfig } from './transformer.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** Seeded int32 [B, T] ids. */
function randomIds(b: number, t: number, vocab: number, seed: number): Tensor2D {
  const rng = createRng(seed);
  return tf.tensor2d(Array.from({ length: b * t }, () => rng.int(vocab)), [b, t], 'int32');
}

const tiny = (overrides: Partial<TransformerConfig> = {}) =>
  defaultTransformerConfig({ vocabSize: 16, dModel: 8, nLayers: 2, nHeads: 2, nKvHeads: 1, ffnHidden: 12, maxSeqLen: 8, initStd: 0.5, ...overrides });

function expectConfigError(overrides: Partial<TransformerConfig>, field: string) {
  try {
    createTransformer(tiny(overrides), 0);
  } catch (e) {
    expect(isNumfeatError(e, 'BAD_ARGUMENT')).toBe(true);
    expect((e as Error).message).toContain(`config.${field}`);
    expect((e as { details?: { field?: string } }).details?.field).toBe(field);
    return;
  }
  throw new Error(`config ${JSON.stringify(overrides)} was accepted`);
}

describe('transformer config', () => {
  it('rejects bad configs naming the field', () => {
    expectConfigError({ vocabSize: 0 }, 'vocabSize');
    expectConfigError({ dModel: 10, nHeads: 4 }, 'nHeads'); // 4 ∤ 10
    expectConfigError({ dModel: 6, nHeads: 2, nKvHeads: 1 }, 'nHeads'); // head width 3 is odd
    expectConfigError({ nHeads: 4, nKvHeads: 3 }, 'nKvHeads');
    expectConfigError({ nLayers: 1.5 }, 'nLayers');
    expectConfigError({ ropeTheta: Number.NaN }, 'ropeTheta');
    expectConfigError({ initStd: 0 }, 'initStd');
    expectConfigError({ attention: 'flash' as never }, 'attention');
    expectConfigError({ dmodel: 64 } as never, 'dmodel'); // a typo is not silently ignored
  });
  it('defaults follow dModel: LLaMA SwiGLU width, MHA unless told', () => {
    const c = defaultTransformerConfig({ dModel: 256, nHeads: 8 });
    expect(c.ffnHidden).toBe(704); // ceil(8·256/3 / 32)·32
    expect(c.nKvHeads).toBe(8);
  });
});

describe('registry', () => {
  it('builds a transformer from plain data, filling defaults', () => {
    const model = createModel({ arch: 'transformer', vocabSize: 20, dModel: 16, nLayers: 1, nHeads: 2 }, 3);
    expect(model.arch).toBe('transformer');
    expect((model.config as TransformerConfig).ffnHidden).toBe(64);
    expect(model.params.map((p) => p.name)).toContain('layers.0.attn.wq');
    model.dispose();
    expect(ARCHITECTURES).toContain('transformer');
  });
  it('rejects an unknown architecture listing the valid names', () => {
    expect(() => createModel({ arch: 'rwkv' }, 0)).toThrow(/unknown architecture "rwkv".*transformer/);
  });
});

describe('transformer', () => {
  it('passes the finite-difference gradient check (GQA, 2 layers)', () => {
    const model = createTransformer(tiny(), 1);
    const ids = randomIds(2, 5, 16, 1);
    const targets = randomIds(2, 5, 16, 2);
    const report = gradCheck(() => lmLoss(model, ids, targets), model.params, { coordsPerParam: 2, seed: 3 });
    expect(report.entries.length).toBe(2 * model.params.length);
    expect(report.ok, JSON.stringify(report.worst)).toBe(true);
    model.dispose();
  });

  it('returns the requested residual-stream captures with their shapes', () => {
    const model = createTransformer(tiny({ nKvHeads: 2 }), 2);
    const ids = randomIds(3, 6, 16, 4);
    const { logits, hidden } = model.forward(ids, { capture: [2, 0, 1] });
    expect(logits.shape).toEqual([3, 6, 16]);
    expect(hidden!.map((h) => h.shape)).toEqual([[3, 6, 8], [3, 6, 8], [3, 6, 8]]);
    const embedded = tf.gather(model.embeddingTable(), ids);
    expect(tf.max(tf.abs(tf.sub(hidden![1]!, embedded))).dataSync()[0]).toBe(0); // layer 0 = the embedding
    expect(model.forward(ids).hidden).toBeUndefined();
    expect(() => model.forward(ids, { capture: [3] })).toThrow(/capture layer 3/);
    expect(() => model.forward(randomIds(1, 9, 16, 1))).toThrow(/maxSeqLen/);
    expect(() => model.forward(tf.zeros([2, 3]) as Tensor2D)).toThrow(/int32/);
    model.dispose();
  });

  it('is causal: changing a later token leaves earlier logits unchanged', () => {
    const model = createTransformer(tiny(), 5);
    const a = tf.tensor2d([[1, 2, 3, 4, 5]], [1, 5], 'int32');
    const b = tf.tensor2d([[1, 2, 3, 9, 5]], [1, 5], 'int32');
    const la = tf.slice(model.forward(a).logits, [0, 0, 0], [1, 3, -1]);
    const lb = tf.slice(model.forward(b).logits, [0, 0, 0], [1, 3, -1]);
    expect(tf.max(tf.abs(tf.sub(la, lb))).dataSync()[0]).toBeLessThan(1e-6);
    model.dispose();
  });

  it('overfits a fixed tiny batch (B2 T8 V32 d32 L2, GQA) to loss < 0.05', () => {
    const model = createTransformer(defaultTransformerConfig({ vocabSize: 32, dModel: 32, nLayers: 2, nHeads: 4, nKvHeads: 2, maxSeqLen: 8, initStd: 0.1 }), 7);
    const ids = randomIds(2, 8, 32, 11);
    const targets = randomIds(2, 8, 32, 12);
    const optimizer = tf.train.adam(0.02);
    const vars = model.params.map((p) => p.variable);
    let loss = Number.POSITIVE_INFINITY;
    let steps = 0;
    for (; steps < 300 && loss >= 0.05; steps++) {
      const value = optimizer.minimize(() => lmLoss(model, ids, targets), true, vars)!;
      loss = value.dataSync()[0]!;
      value.dispose();
    }
    expect(loss, `after ${steps} steps`).toBeLessThan(0.05);
    optimizer.dispose();
    model.dispose();
  });

  it.each(['batched', 'per-head'] as const)('keeps the tensor count flat across training steps (%s attention)', (attention) => {
    const model = createTransformer(tiny({ attention }), 8);
    const ids = randomIds(2, 6, 16, 1);
    const targets = randomIds(2, 6, 16, 2);
    const optimizer = tf.train.adam(0.01);
    const vars = model.params.map((p) => p.variable);
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      tf.dispose(optimizer.minimize(() => lmLoss(model, ids, targets), true, vars)!);
      const out = model.forward(ids, { capture: [1] }); // forward's outputs are the caller's to dispose
      tf.dispose([out.logits, ...out.hidden!]);
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts.slice(1)).size, `tensor counts ${counts}`).toBe(1);
    optimizer.dispose();
    const before = tf.memory().numTensors;
    model.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before - model.params.length);
  });
});

describe('transformer on wasm agrees with cpu', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  /** Loss and the gradient of every parameter, with the weights given. */
  function lossAndGrads(weights: Float32Array[], seqLen: number, attention: AttentionStrategy) {
    const model = createTransformer(defaultTransformerConfig({ vocabSize: 24, dModel: 16, nLayers: 2, nHeads: 4, nKvHeads: 2, maxSeqLen: 8, initStd: 0.3, attention }), 0);
    model.params.forEach((p, i) => p.variable.assign(tf.tensor(weights[i]!, p.variable.shape)));
    const ids = randomIds(2, seqLen, 24, 5);
    const targets = randomIds(2, seqLen, 24, 6);
    const { value, grads } = tf.variableGrads(() => lmLoss(model, ids, targets), model.params.map((p) => p.variable));
    const out = { loss: value.dataSync()[0]!, grads: model.params.map((p) => Array.from(grads[p.variable.name]!.dataSync())) };
    tf.dispose([value, ids, targets, ...Object.values(grads)]);
    model.dispose();
    return out;
  }

  it('gives the same loss and gradients within 1e-4 (forward pass + one gradient, both attention paths)', async () => {
    const seed = createTransformer(defaultTransformerConfig({ vocabSize: 24, dModel: 16, nLayers: 2, nHeads: 4, nKvHeads: 2, maxSeqLen: 8, initStd: 0.3 }), 9);
    const weights = seed.params.map((p) => p.variable.dataSync().slice() as Float32Array);
    seed.dispose();
    const cpu = lossAndGrads(weights, 8, 'batched');
    await initBackend('wasm');
    for (const attention of ['batched', 'per-head'] as const) {
      const wasm = lossAndGrads(weights, 8, attention);
      expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-4);
      cpu.grads.forEach((g, i) => {
        const worst = g.reduce((m, v, j) => Math.max(m, Math.abs(v - wasm.grads[i]![j]!)), 0);
        expect(worst, `${attention}: parameter ${i}`).toBeLessThan(1e-4);
      });
    }
  });
});

describe('PyTorch parity (fixtures/transformer_fixture.json)', () => {
  interface Fixture {
    config: TransformerConfig;
    ids: number[][];
    weights: Record<string, { shape: number[]; float32: string }>;
    logits: { shape: number[]; float64: string };
    hidden1: { shape: number[]; float64: string };
  }
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/transformer_fixture.json', import.meta.url), 'utf8')) as Fixture;
  const decode = (b64: string, bytes: 4 | 8) => {
    const buf = Buffer.from(b64, 'base64');
    const copy = new Uint8Array(buf); // aligned copy
    return bytes === 4 ? new Float32Array(copy.buffer) : new Float64Array(copy.buffer);
  };
  const maxDiff = (got: tf.Tensor, want: Float32Array | Float64Array) =>
    Array.from(got.dataSync()).reduce((m, v, i) => Math.max(m, Math.abs(v - want[i]!)), 0);

  it.each(['batched', 'per-head'] as const)('matches the independent PyTorch LLaMA reference within 1e-4 (logits and layer-1 residual, %s)', (attention) => {
    const model: LanguageModel = createTransformer({ ...fixture.config, attention }, 0);
    expect(model.params.map((p) => p.name).sort()).toEqual(Object.keys(fixture.weights).sort());
    for (const p of model.params) {
      const w = fixture.weights[p.name]!;
      expect(p.variable.shape).toEqual(w.shape);
      p.variable.assign(tf.tensor(decode(w.float32, 4), w.shape, 'float32'));
    }
    const ids = tf.tensor2d(fixture.ids, undefined, 'int32');
    const { logits, hidden } = model.forward(ids, { capture: [1] });
    expect(logits.shape).toEqual(fixture.logits.shape);
    expect(maxDiff(logits, decode(fixture.logits.float64, 8))).toBeLessThan(1e-4);
    expect(maxDiff(hidden![0]!, decode(fixture.hidden1.float64, 8))).toBeLessThan(1e-4);
    // The test can fail: a different RoPE base moves the logits far beyond the tolerance.
    const other = createTransformer({ ...fixture.config, ropeTheta: 500 }, 0);
    other.params.forEach((p, i) => p.variable.assign(model.params[i]!.variable));
    expect(maxDiff(other.forward(ids).logits, decode(fixture.logits.float64, 8))).toBeGreaterThan(1e-2);
    other.dispose();
    model.dispose();
  });
});
