// numfeat's WGSL kernels (webgpu-kernels.ts) against float64 brute force and against the cpu
// backend's composites, at sizes off the 128-thread workgroup (rows and widths longer than one
// workgroup, and not multiples of it). CI runs them on Dawn's OpenGL ES path over Mesa (software);
// set NUMFEAT_WEBGPU=vulkan on a GPU machine. Skipped, with the reason and the install command,
// where no adapter exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.js';
import { hasFusedCrossEntropy, nllFromLogits, softmaxCrossEntropyFromIds } from './cross-entropy.js';
import { fusedAdamWUpdate, hasFusedAdamW } from './optimizer-kernels.js';
import { createRng, gaussian } from '@numfeat/core';
import { fusedRmsNorm, hasFusedRmsNorm } from './rms-norm.js';
import { tf } from './tf.js';
import { findAdapter, type WebGPUMode } from './webgpu.js';
import { installWebGPUKernels, WEBGPU_KERNEL_NAMES } from './webgpu-kernels.js';
import { adamwReference, crossEntropyReference, maxRelError, rmsNormReference } from './fused-references.js';

const webgpuMode = (process.env.NUMFEAT_WEBGPU ?? 'opengles') as WebGPUMode;
const probe = await findAdapter(webgpuMode).catch((e: Error) => e.message);
const noWebGPU = typeof probe === 'string' ? probe : undefined;
if (noWebGPU) {
  console.warn(
    `[webgpu kernels] skipping: ${noWebGPU}. To enable it on Debian without a GPU: ` +
      'apt-get install libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri (NUMFEAT_WEBGPU=opengles, the default here); ' +
      'on a GPU machine install libvulkan1 + the driver ICD and set NUMFEAT_WEBGPU=vulkan.',
  );
}

const rng = createRng(17);
const normal = gaussian(() => rng.next());
const randn = (n: number, scale = 1): Float32Array => Float32Array.from({ length: n }, () => scale * normal());

// Cross-entropy: V = 300 > 128 threads, so each thread strides; 13 rows with three zero weights.
const [ROWS, VOCAB] = [13, 300];
const logits = randn(ROWS * VOCAB, 4);
const targets = Int32Array.from({ length: ROWS }, () => rng.int(VOCAB));
const weights = Float32Array.from({ length: ROWS }, (_, i) => (i % 4 === 0 ? 0 : 1 + i / 10));
// RMSNorm: d = 130 (two strides of 128 threads, the second partial) over 9 rows; loss Σ w ⊙ y.
const [NR, ND, EPS] = [9, 130, 1e-5];
const x = randn(NR * ND);
const gain = Float32Array.from(randn(ND), (v) => 1 + 0.3 * v);
const w = randn(NR * ND);
// AdamW: a [37, 29] parameter (1073 elements: 9 workgroups, the last partial).
const [PR, PC] = [37, 29];
const [p, g, m] = [randn(PR * PC), randn(PR * PC), randn(PR * PC)];
const v = Float32Array.from(randn(PR * PC), (a) => a * a);
const HYPER = { lr: 0.01, beta1: 0.9, beta2: 0.95, bc1: 1 - 0.9 ** 3, bc2: 1 - 0.95 ** 3, eps: 1e-8, keep: 1 - 0.01 * 0.1 };

/**
 * Every fused op's outputs and gradients on the active backend, by name. Without `fusedOnly` only
 * cross-entropy, the one op with a composite in this package (on cpu: TF.js's own kernels);
 * RMSNorm and AdamW meet their composites in models' webgpu fast-path test.
 */
async function runAll(fusedOnly = true): Promise<Record<string, Float32Array>> {
  const read = async (t: tf.Tensor) => (await t.data()) as Float32Array;
  const out: Record<string, Float32Array> = {};
  const ids = tf.tensor1d(targets, 'int32');
  out.nll = await read(nllFromLogits(tf.tensor2d(logits, [ROWS, VOCAB]), ids));
  const ce = tf.valueAndGrad((l: tf.Tensor) => softmaxCrossEntropyFromIds(l as tf.Tensor2D, ids, tf.tensor1d(weights)))(tf.tensor2d(logits, [ROWS, VOCAB]));
  out.ceValue = await read(ce.value);
  out.ceGrad = await read(ce.grad);
  if (!fusedOnly) return out;
  const rms = (xs: tf.Tensor, gs: tf.Tensor) => tf.sum(tf.mul(fusedRmsNorm(xs, gs as tf.Tensor1D, EPS), tf.tensor2d(w, [NR, ND])));
  out.rmsY = await read(fusedRmsNorm(tf.tensor2d(x, [NR, ND]), tf.tensor1d(gain), EPS));
  const [dx, dg] = tf.grads(rms)([tf.tensor2d(x, [NR, ND]), tf.tensor1d(gain)]);
  out.rmsDx = await read(dx!);
  out.rmsDgain = await read(dg!);
  const [po, mo, vo] = fusedAdamWUpdate(tf.tensor2d(p, [PR, PC]), tf.tensor2d(g, [PR, PC]), tf.tensor2d(m, [PR, PC]), tf.tensor2d(v, [PR, PC]), HYPER);
  expect(po!.shape).toEqual([PR, PC]);
  [out.adamP, out.adamM, out.adamV] = [await read(po!), await read(mo!), await read(vo!)];
  return out;
}

function reference(): Record<string, ArrayLike<number>> {
  const ce = crossEntropyReference(logits, targets, weights, ROWS, VOCAB);
  const rms = rmsNormReference(x, gain, w, NR, ND, EPS);
  const adam = adamwReference(p, g, m, v, HYPER);
  return { nll: ce.nll, ceValue: [ce.loss], ceGrad: ce.grad, rmsY: rms.y, rmsDx: rms.dx, rmsDgain: rms.dgain, adamP: adam.p, adamM: adam.m, adamV: adam.v };
}

describe.skipIf(noWebGPU !== undefined)(`numfeat WGSL kernels (${webgpuMode})`, () => {
  let cpu: Record<string, Float32Array> = {};
  let gpu: Record<string, Float32Array> = {};
  beforeAll(async () => {
    await initBackend('cpu');
    cpu = await runAll(false);
    const report = await initBackend('webgpu', { webgpu: webgpuMode });
    // Without the kernels the comparisons below would test TF.js's composites: make that a failure.
    expect(report.numfeatKernels).toEqual([...WEBGPU_KERNEL_NAMES]);
    expect([hasFusedCrossEntropy(), hasFusedRmsNorm(), hasFusedAdamW()]).toEqual([true, true, true]);
    gpu = await runAll();
  }, 180_000);
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  const want = reference();
  // float32 kernels vs float64: rounding of one row's exp/sum (1e-5); vs cpu's composite the same.
  it('cross-entropy was compared with cpu', () => expect(Object.keys(cpu)).toEqual(['nll', 'ceValue', 'ceGrad']));
  for (const name of Object.keys(want)) {
    it(`${name}: matches float64${['nll', 'ceValue', 'ceGrad'].includes(name) ? ' and the cpu backend' : ''}`, () => {
      const toF64 = maxRelError(gpu[name]!, want[name]!);
      const toCpu = cpu[name] ? maxRelError(gpu[name]!, cpu[name]) : undefined;
      console.log(`[webgpu kernels] ${name}: max relative error vs float64 ${toF64.toExponential(1)}${toCpu === undefined ? '' : `, vs cpu ${toCpu.toExponential(1)}`}`);
      expect(toF64).toBeLessThan(1e-5);
      if (toCpu !== undefined) expect(toCpu).toBeLessThan(1e-5);
    });
  }
  it('extreme logits stay finite (no overflow in exp)', async () => {
    const v = await nllFromLogits(tf.tensor2d([[1e4, -1e4, 0, 3], [-80, -90, -100, -85]]), tf.tensor1d([1, 0], 'int32')).data();
    expect(v[0]).toBeCloseTo(2e4, 0);
    expect(v[1]).toBeCloseTo(Math.log(1 + Math.exp(-10) + Math.exp(-20) + Math.exp(-5)), 4);
  });
  it('NUMFEAT_WEBGPU_KERNELS=off (installWebGPUKernels(false)) removes them; reinstalling restores them', () => {
    expect(installWebGPUKernels(false)).toEqual([]);
    expect([hasFusedCrossEntropy(), hasFusedRmsNorm(), hasFusedAdamW()]).toEqual([false, false, false]);
    expect(installWebGPUKernels()).toEqual([...WEBGPU_KERNEL_NAMES]);
    expect(hasFusedCrossEntropy()).toBe(true);
  });
});
