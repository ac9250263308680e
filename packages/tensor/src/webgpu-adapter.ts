// WebGPU adapters and backend registration, the part that needs no Node built-in: the browser's
// navigator.gpu, and registering TF.js's 'webgpu' backend on an adapter found anywhere. Dawn in
// Node (a child-process probe, the optional `webgpu` package) is in webgpu.ts, the Node entry's.
// Order matters in Node (design.md §2): globals and navigator.gpu first, then import
// @tensorflow/tfjs-backend-webgpu, then setBackend before any tensor is created.
import { tf } from './tf.js';

/** Which Dawn backend to ask for in Node. 'opengles' is Mesa's software path on GPU-less Linux. */
export type WebGPUMode = 'default' | 'opengles' | 'vulkan' | 'metal' | 'd3d12';
export const WEBGPU_MODES: readonly WebGPUMode[] = ['default', 'opengles', 'vulkan', 'metal', 'd3d12'];

export interface AdapterReport {
  vendor: string;
  architecture: string;
  description: string;
  /** A CPU rasteriser (llvmpipe, lavapipe, SwiftShader…): correct but slow; never picked by 'auto'. */
  isSoftware: boolean;
}

// Minimal structural types, so we need neither @webgpu/types nor a DOM lib with WebGPU in it.
export interface GPUAdapterLike {
  readonly info?: { vendor?: string; architecture?: string; description?: string; device?: string; isFallbackAdapter?: boolean };
  readonly isFallbackAdapter?: boolean;
  readonly limits: Record<string, number>;
  requestDevice(descriptor?: object): Promise<unknown>;
}
export interface GPULike {
  requestAdapter(options?: object): Promise<GPUAdapterLike | null>;
}

export interface FoundAdapter {
  gpu: GPULike;
  adapter: GPUAdapterLike;
  report: AdapterReport;
}

const SOFTWARE_ADAPTER = /llvmpipe|lavapipe|softpipe|swiftshader|software|basic render/i;
// Dawn instances must outlive the backend (a collected instance loses its devices).
export const keepAlive: unknown[] = [];

export const isNode = (): boolean => typeof process !== 'undefined' && !!process.versions?.node;

export function describeAdapter(adapter: GPUAdapterLike): AdapterReport {
  const info = adapter.info ?? {};
  // Dawn's OpenGL ES adapter leaves vendor/architecture empty and names the renderer in `device`.
  const description = [info.description, info.device].filter(Boolean).join(' — ');
  const isSoftware =
    !!(info.isFallbackAdapter ?? adapter.isFallbackAdapter) ||
    SOFTWARE_ADAPTER.test(`${info.vendor ?? ''} ${info.architecture ?? ''} ${description}`);
  return { vendor: info.vendor ?? '', architecture: info.architecture ?? '', description, isSoftware };
}

/** The browser's adapter (navigator.gpu), or a string saying why there is none. */
export async function findBrowserAdapter(): Promise<FoundAdapter | string> {
  const nav = (globalThis as { navigator?: { gpu?: GPULike } }).navigator;
  if (!nav?.gpu) return 'this browser does not expose navigator.gpu (WebGPU is off or unsupported)';
  return requestAdapter(nav.gpu, { powerPreference: 'high-performance' }, '');
}

/** Asks `gpu` for an adapter; `where` names the Dawn backend in the no-adapter message (Node). */
export async function requestAdapter(gpu: GPULike, options: object, where: string): Promise<FoundAdapter | string> {
  const adapter = await gpu.requestAdapter(options);
  if (!adapter) return `no WebGPU adapter was found${where}`;
  return { gpu, adapter, report: describeAdapter(adapter) };
}

/** Registers (or re-registers) tf's 'webgpu' backend on this adapter. Call setBackend next. */
export async function registerWebGPU(found: FoundAdapter): Promise<void> {
  if (isNode()) {
    const g = globalThis as { navigator?: { gpu?: GPULike } };
    if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: found.gpu, configurable: true });
    else Object.defineProperty(globalThis, 'navigator', { value: { gpu: found.gpu }, configurable: true, writable: true });
  }
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  // The package's own factory asks for a default adapter; ours keeps the adapter we chose
  // (e.g. a compatibility-level OpenGL ES one), so replace it.
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  const { adapter } = found;
  tf.registerBackend('webgpu', async () => {
    const limits = adapter.limits;
    const device = await adapter.requestDevice({
      requiredLimits: {
        maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
        maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxBufferSize: limits.maxBufferSize,
        maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
        maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
      },
    });
    keepAlive.push(device);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return new WebGPUBackend(device as any, adapter.info as any);
  }, 3);
}
