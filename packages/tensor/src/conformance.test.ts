// Runs every conformance case on cpu (checked against float64 references and finite differences),
// then on wasm and webgpu, and asserts agreement with cpu within BACKEND_TOLERANCE (see README).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.js';
import {
  BACKEND_TOLERANCE,
  CONFORMANCE_CASES,
  compareResults,
  FD_TOLERANCE,
  finiteDifferenceGradient,
  REFERENCE_TOLERANCE,
  type Tolerance,
} from './conformance.js';
import { tf } from './tf.js';
import { findAdapter, type WebGPUMode } from './webgpu.js';

// WebGPU in CI: Mesa's software OpenGL ES path (apt packages in .ci/apt-packages.txt); on a GPU
// machine set NUMFEAT_WEBGPU=vulkan (or default) to test the hardware path instead.
const webgpuMode = (process.env.NUMFEAT_WEBGPU ?? 'opengles') as WebGPUMode;
const probe = await findAdapter(webgpuMode).catch((e: Error) => e.message);
const noWebGPU = typeof probe === 'string' ? probe : undefined;
if (noWebGPU) {
  console.warn(
    `[conformance] skipping webgpu: ${noWebGPU}. To enable it on Debian without a GPU: ` +
      'apt-get install libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri (NUMFEAT_WEBGPU=opengles, the default here); ' +
      'on a GPU machine install libvulkan1 + the driver ICD and set NUMFEAT_WEBGPU=vulkan.',
  );
}

const cpuResults = new Map<string, number[]>();

function expectAgreement(want: number[], got: number[], tol: Tolerance, what: string) {
  const a = compareResults(want, got, tol);
  const detail = `${what}: worst element ${a.worstIndex} want ${want[a.worstIndex]} got ${got[a.worstIndex]} (max |Δ| ${a.maxAbs.toExponential(2)}, ${a.worstRatio.toFixed(2)}× tolerance)`;
  expect(a.ok, detail).toBe(true);
}

describe('cpu backend (reference)', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });
  for (const c of CONFORMANCE_CASES) {
    it(c.name, async () => {
      const got = await c.run();
      expect(got.length).toBeGreaterThan(0);
      expect(got.every(Number.isFinite)).toBe(true);
      cpuResults.set(c.name, got);
      if (c.reference) expectAgreement(c.reference(), got, REFERENCE_TOLERANCE, 'cpu vs float64 reference');
      if (c.gradient) expectAgreement(await finiteDifferenceGradient(c), got, FD_TOLERANCE, 'cpu gradient vs finite differences');
    });
  }
  it('the MLP step lowers the loss', () => {
    const [before, after] = cpuResults.get('MLP: loss before and after one SGD step')!;
    expect(after).toBeLessThan(before);
  });
});

function crossBackend(name: 'wasm' | 'webgpu') {
  beforeAll(async () => {
    await initBackend(name, name === 'webgpu' ? { webgpu: webgpuMode } : {});
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
  for (const c of CONFORMANCE_CASES) {
    it(c.name, async () => {
      const want = cpuResults.get(c.name);
      expect(want, 'the cpu reference case must pass first').toBeDefined();
      expectAgreement(want!, await c.run(), BACKEND_TOLERANCE[name], `${name} vs cpu`);
    });
  }
}

describe('wasm backend agrees with cpu', () => crossBackend('wasm'));
describe.skipIf(noWebGPU !== undefined)(`webgpu backend (${webgpuMode}) agrees with cpu`, () => crossBackend('webgpu'));
