import { afterEach, describe, expect, it } from 'vitest';
import { initBackend } from './backend.js';
import { describeBackend, getBackendReport } from './backend-core.js';
import { isNumfeatError } from '@numfeat/core';
import { NUMFEAT_KERNELS } from './kernels.js';
import { tf } from './tf.js';
import { findAdapter } from './webgpu.js';

// What this machine has decides what 'auto' must pick; the tests below state it, then check it.
const hardwareGpu = await findAdapter('default').then((f) => typeof f !== 'string' && !f.report.isSoftware, () => false);
const tfjsNode = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'].some((p) => {
  try {
    import.meta.resolve(p);
    return true;
  } catch {
    return false;
  }
});
const softwareGpu = await findAdapter('opengles').then((f) => typeof f !== 'string', () => false);

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

const savedEnv = { ...process.env };
afterEach(() => {
  for (const k of ['NUMFEAT_BACKEND', 'NUMFEAT_WEBGPU']) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});

describe('initBackend', () => {
  it.skipIf(hardwareGpu || tfjsNode)('auto picks wasm without tfjs-node or a hardware GPU, and says why', async () => {
    const r = await initBackend('auto');
    expect(r.name).toBe('wasm');
    expect(r.requested).toBe('auto');
    expect(tf.getBackend()).toBe('wasm');
    expect(r.tried.map((t) => [t.name, t.ok])).toEqual([['tensorflow', false], ['webgpu', false], ['wasm', true]]);
    expect(r.reason).toMatch(/tfjs-node/);
    expect(r.reason).toMatch(/webgpu/i);
    expect(describeBackend(r)).toMatch(/Not used: tensorflow .*; webgpu/);
  });

  it('NUMFEAT_BACKEND chooses the backend when no name is given', async () => {
    process.env.NUMFEAT_BACKEND = 'cpu';
    const r = await initBackend();
    expect([r.name, r.requested, tf.getBackend()]).toEqual(['cpu', 'cpu', 'cpu']);
    process.env.NUMFEAT_BACKEND = 'tpu';
    expect(await rejection(initBackend())).toSatisfy((e) => isNumfeatError(e, 'UNKNOWN_BACKEND'));
  });

  it('an unknown name throws UNKNOWN_BACKEND listing the valid names', async () => {
    const e = await rejection(initBackend('gpu' as never));
    expect(isNumfeatError(e, 'UNKNOWN_BACKEND')).toBe(true);
    expect((e as Error).message).toMatch(/auto, wasm, cpu, webgpu, tensorflow/);
  });

  it('an unknown WebGPU mode throws BAD_ARGUMENT', async () => {
    expect(await rejection(initBackend('webgpu', { webgpu: 'opengl' as never }))).toSatisfy((e) => isNumfeatError(e, 'BAD_ARGUMENT'));
  });

  it.skipIf(tfjsNode)('tensorflow without tfjs-node throws BACKEND_UNAVAILABLE with the install command', async () => {
    const e = await rejection(initBackend('tensorflow'));
    expect(isNumfeatError(e, 'BACKEND_UNAVAILABLE')).toBe(true);
    expect((e as Error).message).toContain('npm i @tensorflow/tfjs-node');
  });

  it('wasm reports SIMD, threads and the kernels it lacks', async () => {
    const r = await initBackend('wasm');
    expect(r.name).toBe('wasm');
    expect(typeof r.simd).toBe('boolean');
    expect(r.threads).toBeGreaterThanOrEqual(1);
    expect(NUMFEAT_KERNELS).toContain('UnsortedSegmentSum');
    // TF.js's wasm backend lacks UnsortedSegmentSum; numfeat's SIMD kernels (installed with SIMD) add it.
    expect(r.numfeatKernels.length > 0).toBe(r.simd === true);
    expect(r.missingKernels.includes('UnsortedSegmentSum')).toBe(!r.numfeatKernels.includes('UnsortedSegmentSum'));
    expect(describeBackend(r)).toContain(r.numfeatKernels.length ? 'numfeat SIMD kernels' : 'SIMD');
    expect(r.tfVersion).toBe(tf.version.tfjs);
    expect(getBackendReport()).toBe(r);
    expect(await initBackend('wasm')).toBe(r); // a second call reuses the live backend
    const text = describeBackend(r);
    expect(text).toContain("'wasm'");
    expect(text).toContain('UnsortedSegmentSum');
  });

  it('cpu lacks no numfeat kernel and has no wasm fields', async () => {
    const r = await initBackend('cpu');
    expect(r.missingKernels).toEqual([]);
    expect([r.simd, r.threads]).toEqual([null, null]);
    expect(describeBackend(r)).toContain('All kernels numfeat uses are present');
  });

  it.skipIf(hardwareGpu)('webgpu without a GPU fails with the Mesa / NUMFEAT_WEBGPU=opengles fix', async () => {
    const e = await rejection(initBackend('webgpu', { webgpu: 'default' }));
    expect(isNumfeatError(e, 'BACKEND_INIT_FAILED') || isNumfeatError(e, 'BACKEND_UNAVAILABLE')).toBe(true);
    expect((e as Error).message).toMatch(/NUMFEAT_WEBGPU=opengles|npm i webgpu/);
  });

  it.skipIf(!softwareGpu)('NUMFEAT_WEBGPU=opengles gives the software adapter, reported as such', async () => {
    process.env.NUMFEAT_WEBGPU = 'opengles';
    const r = await initBackend('webgpu');
    expect(r.adapter?.isSoftware).toBe(true);
    expect(r.adapter?.mode).toBe('opengles');
    expect(describeBackend(r)).toMatch(/software/);
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    expect(Array.from(await tf.matMul(x, x).data())).toEqual([7, 10, 15, 22]);
    await initBackend('cpu');
  });
});
