// numfeat's wasm kernels (SIMD GEMM, fused cross-entropy, scatter-add, fused LSTM scan, fused AdamW)
// against the cpu backend, which runs TF.js's own kernels and the models' step-by-step references:
// the loss, EVERY parameter gradient (relative, by norm) and the loss after one AdamW and one Muon
// step of every registered architecture must agree to 1e-4.
// Shapes are odd on purpose (vocabulary 37, widths not multiples of 8, T = 7) so that the kernels'
// edge paths run, and large enough (B·T = 21 rows, V = 37) to exercise the 4×8 micro-kernel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@numfeat/tensor/core';
import { hasFusedAttention, hasFusedLstmScan, initBackend, tf, type Tensor2D } from '@numfeat/tensor';
import { configFields, createModel, ARCHITECTURES } from './registry.js';
import { lmLoss } from './model.js';
import { causalAttention, causalMask } from './layers.js';
import { createOptimizer } from './optim/index.js';

const SEED = 11;
const B = 3;
const T = 7;
const VOCAB = 37;
const SIZES: Record<string, number> = {
  vocabSize: VOCAB, maxSeqLen: 8, nLayers: 2, dModel: 20, dEmbed: 20, dHidden: 12, nHeads: 2, nKvHeads: 1,
  headDim: 10, dState: 6, expand: 2, ffnHidden: 36, chunkSize: 4,
};
const REL_TOLERANCE = 1e-4;

function spec(arch: string): { arch: string } {
  const fields = new Set(configFields(arch));
  return { arch, ...Object.fromEntries(Object.entries(SIZES).filter(([k]) => fields.has(k))) };
}

interface Result { loss: number; grads: Map<string, Float32Array>; after: Record<string, number> }
const OPTIMIZERS = [{ name: 'adamw', lr: 3e-2, weightDecay: 0.1 }, { name: 'muon', lr: 2e-2, adamLr: 3e-2, weightDecay: 0.1 }] as const;

async function lossAndGrads(arch: string): Promise<Result> {
  const rng = createRng(SEED);
  const rows = Array.from({ length: B }, () => Array.from({ length: T + 1 }, () => rng.int(VOCAB)));
  const model = createModel(spec(arch), SEED);
  const ids = tf.tensor2d(rows.map((r) => r.slice(0, T)), [B, T], 'int32') as Tensor2D;
  const targets = tf.tensor2d(rows.map((r) => r.slice(1)), [B, T], 'int32') as Tensor2D;
  try {
    const nameOf = new Map(model.params.map((p) => [p.variable.name, p.name]));
    const { value, grads } = tf.variableGrads(() => lmLoss(model, ids, targets), model.params.map((p) => p.variable));
    const out: Result = { loss: (await value.data())[0]!, grads: new Map(), after: {} };
    for (const [k, g] of Object.entries(grads)) out.grads.set(nameOf.get(k)!, (await g.data()) as Float32Array);
    tf.dispose([value, ...Object.values(grads)]);
    // The loss after one step of each optimizer, from the same weights (fused AdamW on wasm).
    for (const options of OPTIMIZERS) {
      const fresh = createModel(spec(arch), SEED);
      const optimizer = createOptimizer(options, fresh.params);
      const names = new Map(fresh.params.map((p) => [p.variable.name, p.name]));
      const step = tf.variableGrads(() => lmLoss(fresh, ids, targets), fresh.params.map((p) => p.variable));
      const named: Record<string, tf.Tensor> = {};
      for (const [k, g] of Object.entries(step.grads)) named[names.get(k)!] = g;
      optimizer.step(named, 1);
      tf.dispose([step.value, ...Object.values(step.grads)]);
      const after = lmLoss(fresh, ids, targets);
      out.after[options.name] = (await after.data())[0]!;
      tf.dispose(after);
      optimizer.dispose();
      fresh.dispose();
    }
    return out;
  } finally {
    tf.dispose([ids, targets]);
    model.dispose();
  }
}

const norm = (a: ArrayLike<number>, b?: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - (b ? b[i]! : 0)) ** 2;
  return Math.sqrt(s);
};

const reference = new Map<string, Result>();

describe('numfeat wasm kernels agree with the cpu backend (loss and every gradient)', () => {
  beforeAll(async () => {
    await initBackend('cpu');
    for (const arch of ARCHITECTURES) reference.set(arch, await lossAndGrads(arch));
    const report = await initBackend('wasm');
    // Without the kernels this test would compare TF.js with itself: make that a failure.
    expect(report.numfeatKernels).toContain('BatchMatMul');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const arch of ARCHITECTURES) {
    it(`${arch}`, async () => {
      if (arch === 'lstm') expect(hasFusedLstmScan()).toBe(true);
      const want = reference.get(arch)!;
      const got = await lossAndGrads(arch);
      expect(Math.abs(got.loss - want.loss) / want.loss).toBeLessThan(REL_TOLERANCE);
      for (const { name } of OPTIMIZERS) {
        expect(want.after[name]!, `${arch}: one ${name} step must lower the loss`).toBeLessThan(want.loss - 1e-3);
        expect(Math.abs(got.after[name]! - want.after[name]!) / want.after[name]!, `${arch}: loss after one ${name} step`).toBeLessThan(REL_TOLERANCE);
      }
      expect([...got.grads.keys()].sort()).toEqual([...want.grads.keys()].sort());
      let worst = 0;
      for (const [name, g] of want.grads) {
        const scale = norm(g);
        expect(scale, `${arch}.${name}: the reference gradient must not vanish`).toBeGreaterThan(0);
        const rel = norm(got.grads.get(name)!, g) / scale;
        worst = Math.max(worst, rel);
        expect(rel, `${arch}.${name}: ‖Δg‖/‖g‖`).toBeLessThan(REL_TOLERANCE);
      }
      console.log(`[fast path] ${arch}: loss Δ ${(Math.abs(got.loss - want.loss) / want.loss).toExponential(1)}, worst gradient Δ ${worst.toExponential(1)} over ${want.grads.size} parameters`);
    });
  }
});

describe('fused causal attention (wasm) against the composite reference (cpu)', () => {
  // T = 37 (off every tile), head width 6 (not a multiple of 4: the scalar tails run), 3 query heads
  // per key/value head; loss = Σ w ⊙ out so that every gradient is exercised.
  const [kvN, group, t, hd] = [2, 3, 37, 6];
  const rng = createRng(5);
  const values = (n: number) => Array.from({ length: n }, () => 2 * rng.next() - 1);
  const [qv, kv, vv, wv] = [values(kvN * group * t * hd), values(kvN * t * hd), values(kvN * t * hd), values(kvN * group * t * hd)];
  async function run(): Promise<Float32Array[]> {
    const [q, k, v] = [tf.tensor3d(qv, [kvN * group, t, hd]), tf.tensor3d(kv, [kvN, t, hd]), tf.tensor3d(vv, [kvN, t, hd])];
    const mask = causalMask(t);
    const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => causalAttention(a as tf.Tensor3D, b as tf.Tensor3D, c as tf.Tensor3D, mask, group, 'fused');
    const out = f(q, k, v);
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(f(a, b, c), tf.tensor3d(wv, [kvN * group, t, hd]))))([q, k, v]);
    return Promise.all([out, ...grads].map(async (x) => (await x.data()) as Float32Array));
  }
  it('output and the gradients of q, k and v agree to 1e-5', async () => {
    await initBackend('cpu');
    const want = await run();
    await initBackend('wasm');
    expect(hasFusedAttention(), 'the wasm kernels must be installed, or this compares the composite with itself').toBe(true);
    const got = await run();
    ['out', 'dq', 'dk', 'dv'].forEach((name, i) => {
      expect(norm(got[i]!, want[i]!) / norm(want[i]!), name).toBeLessThan(1e-5);
    });
    await tf.setBackend('cpu');
  });
});
