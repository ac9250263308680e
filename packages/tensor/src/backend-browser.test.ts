import { afterEach, describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { initBackend } from './backend-browser.js';

// The browser entry's initBackend, run in Node: it has no tfjs-node and no Dawn, only navigator.gpu.
const rejection = (p: Promise<unknown>) => p.then(() => new Error('expected a rejection'), (e: unknown) => e);

const hadNavigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
afterEach(() => {
  if (hadNavigator) Object.defineProperty(globalThis, 'navigator', hadNavigator);
  else delete (globalThis as { navigator?: unknown }).navigator;
});

describe("initBackend of the browser entry", () => {
  it("refuses 'tensorflow' (tfjs-node) with a fix, whatever is installed", async () => {
    const e = await rejection(initBackend('tensorflow'));
    expect(isNumfeatError(e) && e.code).toBe('BACKEND_UNAVAILABLE');
    expect((e as Error).message).toMatch(/Node entry/);
  });

  it("asks navigator.gpu for 'webgpu', and says when it gives no adapter", async () => {
    let asked = 0;
    const gpu = { requestAdapter: async () => (asked++, null) };
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
    const e = await rejection(initBackend('webgpu'));
    expect(asked).toBe(1);
    expect((e as Error).message).toMatch(/no WebGPU adapter was found/);
  });

  it("auto falls back to wasm when there is no navigator.gpu, with numfeat's kernels", async () => {
    Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
    const r = await initBackend('auto');
    expect(r.name).toBe('wasm');
    expect(r.tried.find((t) => t.name === 'webgpu')?.why).toMatch(/navigator\.gpu/);
    expect(r.numfeatKernels.length).toBeGreaterThan(0);
  });
});
