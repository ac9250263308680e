import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, isNumfeatError, tf } from '@numfeat/tensor';
import { createModel } from '../registry.js';
import { lmLoss, type LanguageModel } from '../model.js';
import { createOptimizer, newtonSchulz5, newtonSchulz5Batched, type OptimizerOptions } from './index.js';
import { NS_COEFFICIENTS } from './muon.js';
import { symmetricEigen } from '@numfeat/probes';

beforeAll(async () => {
  await initBackend('cpu');
});

// Float64 references: plain row-major arrays.
type M = { r: number; c: number; a: Float64Array };
const mat = (r: number, c: number, a = new Float64Array(r * c)): M => ({ r, c, a });
function mul(x: M, y: M): M {
  const out = mat(x.r, y.c);
  for (let i = 0; i < x.r; i++) for (let k = 0; k < x.c; k++) for (let j = 0; j < y.c; j++) out.a[i * y.c + j] += x.a[i * x.c + k] * y.a[k * y.c + j];
  return out;
}
function transpose(x: M): M {
  const out = mat(x.c, x.r);
  for (let i = 0; i < x.r; i++) for (let j = 0; j < x.c; j++) out.a[j * x.r + i] = x.a[i * x.c + j];
  return out;
}
const lin = (x: M, s: number, y?: M, t = 0): M => mat(x.r, x.c, x.a.map((v, i) => s * v + (y ? t * y.a[i] : 0)));

/** Singular values of x via the eigenvalues of the smaller Gram matrix. */
function singularValues(x: M): number[] {
  const gram = x.r <= x.c ? mul(x, transpose(x)) : mul(transpose(x), x);
  // Ascending, like the rest of this file expects; the Jacobi solver is shared with the PPMI SVD.
  return Array.from(symmetricEigen(gram.a, gram.r).values).reverse().map((e) => Math.sqrt(Math.max(0, e)));
}

/** The quintic Newton–Schulz iteration in float64, written independently of the tf version. */
function newtonSchulzReference(g: M, steps: number): M {
  const [a, b, c] = NS_COEFFICIENTS;
  const fro = Math.sqrt(g.a.reduce((s, v) => s + v * v, 0));
  let x = lin(g, 1 / (fro + 1e-7));
  const tall = x.r > x.c;
  if (tall) x = transpose(x);
  for (let i = 0; i < steps; i++) {
    const A = mul(x, transpose(x));
    const B = lin(A, b, mul(A, A), c);
    x = lin(x, a, mul(B, x), 1);
  }
  return tall ? transpose(x) : x;
}

function randomMatrix(r: number, c: number, seed: number): M {
  let s = seed >>> 0;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) - 0.5;
  return mat(r, c, Float64Array.from({ length: r * c }, next));
}

describe('newtonSchulz5', () => {
  for (const [r, c] of [[12, 32], [40, 10], [16, 16]] as const) {
    it(`matches a float64 reference and puts singular values in the targeted band (${r}×${c})`, () => {
      const g = randomMatrix(r, c, r * 100 + c);
      // A random square matrix has a near-zero singular value; shift it so every σ is visible.
      if (r === c) {
        g.a.forEach((v, i) => (g.a[i] = 0.1 * v));
        for (let i = 0; i < r; i++) g.a[i * c + i] += 0.2 + 0.1 * i;
      }
      const out = tf.tidy(() => newtonSchulz5(tf.tensor2d(Float32Array.from(g.a), [r, c])).dataSync());
      const ref = newtonSchulzReference(g, 5);
      for (let i = 0; i < ref.a.length; i++) expect(Math.abs(out[i] - ref.a[i])).toBeLessThan(2e-4);
      const svIn = singularValues(lin(g, 1 / Math.sqrt(g.a.reduce((s, v) => s + v * v, 0))));
      const svOut = singularValues(mat(r, c, Float64Array.from(out)));
      // Every normalised σ ≥ 0.01 maps into f⁵'s band [0.68, 1.135] (f(x) = ax + bx³ + cx⁵), however spread the input.
      expect(svIn[0]).toBeGreaterThan(0.01);
      expect(svIn[svIn.length - 1] / svIn[0]).toBeGreaterThan(2);
      expect(svOut[0]).toBeGreaterThan(0.67);
      expect(svOut[svOut.length - 1]).toBeLessThan(1.14);
    });
  }
  for (const [r, c] of [[12, 32], [40, 10]] as const) {
    it(`on a stack, orthogonalises each matrix by its own norm, as the float64 reference does one at a time (3 × ${r}×${c})`, () => {
      // Matrices of very different scales: a shared norm would shrink the small one's σ out of the band.
      const gs = [1, 2, 3].map((k) => lin(randomMatrix(r, c, 7 * k + r), k === 2 ? 100 : 1));
      const stack = Float32Array.from(gs.flatMap((g) => Array.from(g.a)));
      const out = tf.tidy(() => newtonSchulz5Batched(tf.tensor3d(stack, [3, r, c])).dataSync());
      gs.forEach((g, k) => {
        const ref = newtonSchulzReference(g, 5);
        for (let i = 0; i < ref.a.length; i++) expect(Math.abs(out[k * r * c + i] - ref.a[i])).toBeLessThan(2e-4);
      });
    });
  }
  it('leaks no tensors', () => {
    const g = tf.randomNormal([8, 12], 0, 1, 'float32', 1) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    newtonSchulz5(g).dispose();
    expect(tf.memory().numTensors).toBe(before);
    g.dispose();
  });
});

const tinySpec = { arch: 'transformer', vocabSize: 24, dModel: 16, nLayers: 1, nHeads: 2, maxSeqLen: 16 };

function fixedBatch(): { ids: tf.Tensor2D; targets: tf.Tensor2D } {
  const seq = Array.from({ length: 4 * 9 }, (_, i) => (i * 7 + Math.floor(i / 9)) % 24);
  const rows = [0, 1, 2, 3].map((r) => seq.slice(r * 9, r * 9 + 9));
  return {
    ids: tf.tensor2d(rows.map((x) => x.slice(0, 8)), [4, 8], 'int32'),
    targets: tf.tensor2d(rows.map((x) => x.slice(1)), [4, 8], 'int32'),
  };
}

function trainLosses(model: LanguageModel, opts: OptimizerOptions, steps: number): number[] {
  const opt = createOptimizer(opts, model.params);
  const { ids, targets } = fixedBatch();
  const losses: number[] = [];
  const vars = model.params.map((p) => p.variable);
  const byVar = new Map(model.params.map((p) => [p.variable.name, p.name]));
  for (let s = 0; s < steps; s++) {
    const { value, grads } = tf.variableGrads(() => lmLoss(model, ids, targets), vars);
    losses.push(value.dataSync()[0]);
    const named = Object.fromEntries(Object.entries(grads).map(([k, g]) => [byVar.get(k)!, g]));
    opt.step(named, 1);
    tf.dispose([value, ...Object.values(grads)]);
  }
  opt.dispose();
  tf.dispose([ids, targets]);
  return losses;
}

describe('createOptimizer', () => {
  it('AdamW and Muon each reduce the loss of a tiny LM; same seed → identical losses', () => {
    for (const opts of [{ name: 'adamw', lr: 1e-2 }, { name: 'muon', lr: 0.05, adamLr: 1e-2 }] as OptimizerOptions[]) {
      const runs = [0, 1].map(() => {
        const model = createModel(tinySpec, 3);
        const before = tf.memory().numTensors;
        const losses = trainLosses(model, opts, 12);
        expect(tf.memory().numTensors).toBe(before);
        model.dispose();
        return losses;
      });
      expect(runs[0][11]).toBeLessThan(runs[0][0] * 0.8);
      expect(runs[1]).toEqual(runs[0]);
    }
  });

  it('getState/setState continue exactly', async () => {
    const opts: OptimizerOptions = { name: 'muon', lr: 0.05, adamLr: 1e-2 };
    const a = createModel(tinySpec, 5);
    const full = trainLosses(a, opts, 6);
    a.dispose();
    // 3 steps, save params + state, rebuild everything, restore, 3 more.
    const b = createModel(tinySpec, 5);
    const optB = createOptimizer(opts, b.params);
    const { ids, targets } = fixedBatch();
    const byVar = new Map(b.params.map((p) => [p.variable.name, p.name]));
    const step = (m: LanguageModel, o: ReturnType<typeof createOptimizer>, map: Map<string, string>) => {
      const { value, grads } = tf.variableGrads(() => lmLoss(m, ids, targets), m.params.map((p) => p.variable));
      const loss = value.dataSync()[0];
      o.step(Object.fromEntries(Object.entries(grads).map(([k, g]) => [map.get(k)!, g])), 1);
      tf.dispose([value, ...Object.values(grads)]);
      return loss;
    };
    const losses = [0, 1, 2].map(() => step(b, optB, byVar));
    const saved = await optB.getState();
    const weights = b.params.map((p) => Float32Array.from(p.variable.dataSync() as Float32Array));
    optB.dispose();
    b.dispose();
    const c = createModel(tinySpec, 99);
    c.params.forEach((p, i) => p.variable.assign(tf.tensor(weights[i], p.variable.shape)));
    const optC = createOptimizer(opts, c.params);
    optC.setState(saved);
    const mapC = new Map(c.params.map((p) => [p.variable.name, p.name]));
    losses.push(...[0, 1, 2].map(() => step(c, optC, mapC)));
    expect(losses).toEqual(full);
    optC.dispose();
    c.dispose();
    tf.dispose([ids, targets]);
  });

  it('rejects unknown names and bad fields with BAD_ARGUMENT', () => {
    const model = createModel(tinySpec, 0);
    try {
      expect(() => createOptimizer({ name: 'sgd' as 'adamw' }, model.params)).toThrow(/adamw, muon/);
      try {
        createOptimizer({ name: 'adamw', lr: -1 }, model.params);
        expect.unreachable();
      } catch (e) {
        expect(isNumfeatError(e, 'BAD_ARGUMENT')).toBe(true);
        expect((e as Error).message).toMatch(/optimizer\.lr/);
      }
    } finally {
      model.dispose();
    }
  });
});
