// numfeat's fused kernels against the cpu backend, which runs TF.js's own kernels and the models'
// composite references: the loss, EVERY parameter gradient (relative, by norm) and the loss after
// one AdamW and one Muon step of every registered architecture must agree — to 1e-4 on wasm (SIMD
// GEMM, fused cross-entropy, scatter-add, fused LSTM scan, fused AdamW) and to 1e-3 on webgpu (WGSL
// cross-entropy, RMSNorm, AdamW; the webgpu tolerance of backends.test.ts: its matMuls sum in
// another order). webgpu runs on Dawn's OpenGL ES path over Mesa unless NUMFEAT_WEBGPU names
// another mode, and is skipped with the reason and the install command where no adapter exists.
// Shapes are odd on purpose (vocabulary 37, widths not multiples of 8, T = 7) so that the kernels'
// edge paths run, and large enough (B·T = 21 rows, V = 37) to exercise the 4×8 micro-kernel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@numfeat/core';
import { ADAMW_KERNEL, hasFusedAttention, hasFusedLstmScan, initBackend, installWebGPUKernels, NLL_GRAD_KERNEL, NLL_KERNEL, tf, WEBGPU_KERNEL_NAMES, type Tensor2D, type WebGPUMode } from '@numfeat/tensor';
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
const REL_TOLERANCE = { wasm: 1e-4, webgpu: 1e-3 } as const;

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
async function ensureReference(): Promise<void> {
  if (reference.size) return;
  await initBackend('cpu');
  for (const arch of ARCHITECTURES) reference.set(arch, await lossAndGrads(arch));
}

function expectAgreement(arch: string, got: Result, want: Result, tol: number, backend: string): void {
  expect(Math.abs(got.loss - want.loss) / want.loss).toBeLessThan(tol);
  for (const { name } of OPTIMIZERS) {
    expect(want.after[name]!, `${arch}: one ${name} step must lower the loss`).toBeLessThan(want.loss - 1e-3);
    expect(Math.abs(got.after[name]! - want.after[name]!) / want.after[name]!, `${arch}: loss after one ${name} step`).toBeLessThan(tol);
  }
  expect([...got.grads.keys()].sort()).toEqual([...want.grads.keys()].sort());
  let worst = 0;
  for (const [name, g] of want.grads) {
    const scale = norm(g);
    expect(scale, `${arch}.${name}: the reference gradient must not vanish`).toBeGreaterThan(0);
    const rel = norm(got.grads.get(name)!, g) / scale;
    worst = Math.max(worst, rel);
    expect(rel, `${arch}.${name}: ‖Δg‖/‖g‖`).toBeLessThan(tol);
  }
  console.log(`[fast path] ${arch} on ${backend}: loss Δ ${(Math.abs(got.loss - want.loss) / want.loss).toExponential(1)}, worst gradient Δ ${worst.toExponential(1)} over ${want.grads.size} parameters`);
}

describe('numfeat wasm kernels agree with the cpu backend (loss and every gradient)', () => {
  beforeAll(async () => {
    await ensureReference();
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
      expectAgreement(arch, await lossAndGrads(arch), reference.get(arch)!, REL_TOLERANCE.wasm, 'wasm');
    });
  }
});

const webgpuMode = (process.env.NUMFEAT_WEBGPU ?? 'opengles') as WebGPUMode;
// Probe once at collection time (skipIf needs the answer before the tests run), then back to cpu.
const noWebGPU = await initBackend('webgpu', { webgpu: webgpuMode }).then(
  () => undefined,
  (e: Error) => e.message,
);
await tf.setBackend('cpu');
if (noWebGPU) {
  console.warn(
    `[fast path] skipping webgpu: ${noWebGPU}. To enable it on Debian without a GPU: ` +
      'apt-get install libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri (NUMFEAT_WEBGPU=opengles, the default here); ' +
      'on a GPU machine install libvulkan1 + the driver ICD and set NUMFEAT_WEBGPU=vulkan.',
  );
}

describe.skipIf(noWebGPU !== undefined)(`numfeat WGSL kernels (webgpu, ${webgpuMode}) agree with the cpu backend (loss and every gradient)`, () => {
  // Each of numfeat's webgpu kernels is wrapped to count its calls, so a pass proves they ran.
  const calls = new Map<string, number>();
  const everCalled = new Set<string>();
  const originals: tf.KernelConfig[] = [];
  beforeAll(async () => {
    await ensureReference();
    const report = await initBackend('webgpu', { webgpu: webgpuMode });
    expect(report.numfeatKernels).toEqual([...WEBGPU_KERNEL_NAMES]);
    for (const name of WEBGPU_KERNEL_NAMES) {
      const config = tf.getKernel(name, 'webgpu')!;
      originals.push(config);
      tf.unregisterKernel(name, 'webgpu');
      tf.registerKernel({ ...config, kernelFunc: (args) => (calls.set(name, (calls.get(name) ?? 0) + 1), config.kernelFunc(args)) });
    }
  }, 120_000);
  afterAll(async () => {
    for (const config of originals) {
      tf.unregisterKernel(config.kernelName, 'webgpu');
      tf.registerKernel(config);
    }
    await tf.setBackend('cpu');
  });

  for (const arch of ARCHITECTURES) {
    it(`${arch}`, async () => {
      calls.clear();
      expectAgreement(arch, await lossAndGrads(arch), reference.get(arch)!, REL_TOLERANCE.webgpu, 'webgpu');
      // Every architecture trains through the fused cross-entropy and AdamW.
      for (const name of [NLL_KERNEL, NLL_GRAD_KERNEL, ADAMW_KERNEL]) {
        expect(calls.get(name) ?? 0, `${arch}: ${name} must have run on webgpu`).toBeGreaterThan(0);
      }
      for (const name of calls.keys()) everCalled.add(name);
      console.log(`[fast path] ${arch} on webgpu, numfeat kernel calls: ${[...calls].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    }, 120_000);
  }
  it('every numfeat webgpu kernel ran for some architecture (RMSNorm: all but the LSTM)', () => {
    expect([...everCalled].sort()).toEqual([...WEBGPU_KERNEL_NAMES].sort());
  });
  it('the point of fusing: the Transformer run above (3 gradients, an AdamW and a Muon step, 2 losses) dispatches fewer GPU programs', async () => {
    const backend = tf.backend() as unknown as { runWebGPUProgram: (...args: unknown[]) => unknown };
    const original = backend.runWebGPUProgram;
    let programs = 0;
    backend.runWebGPUProgram = function (this: unknown, ...args: unknown[]) {
      programs++;
      return original.apply(this, args);
    };
    const count = async () => {
      programs = 0;
      await lossAndGrads('transformer');
      return programs;
    };
    try {
      const fused = await count();
      installWebGPUKernels(false);
      const composite = await count();
      console.log(`[fast path] transformer run on webgpu: ${fused} GPU programs with numfeat's kernels, ${composite} with TF.js's composites`);
      expect(fused).toBeLessThan(composite);
    } finally {
      backend.runWebGPUProgram = original;
      installWebGPUKernels(true);
    }
  }, 120_000);
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
