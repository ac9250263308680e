// WebGPU adapter discovery and backend registration, in browsers and in Node (Dawn via the
// `webgpu` npm package). Order matters in Node (design.md §2): globals and navigator.gpu first,
// then import @tensorflow/tfjs-backend-webgpu, then setBackend before any tensor is created.
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
interface GPUAdapterLike {
  readonly info?: { vendor?: string; architecture?: string; description?: string; device?: string; isFallbackAdapter?: boolean };
  readonly isFallbackAdapter?: boolean;
  readonly limits: Record<string, number>;
  requestDevice(descriptor?: object): Promise<unknown>;
}
interface GPULike {
  requestAdapter(options?: object): Promise<GPUAdapterLike | null>;
}

export interface FoundAdapter {
  gpu: GPULike;
  adapter: GPUAdapterLike;
  report: AdapterReport;
}

const SOFTWARE_ADAPTER = /llvmpipe|lavapipe|softpipe|swiftshader|software|basic render/i;
// Dawn instances must outlive the backend (a collected instance loses its devices).
const keepAlive: unknown[] = [];

export const isNode = (): boolean => typeof process !== 'undefined' && !!process.versions?.node;

/**
 * Call in the main thread before starting worker threads that will initialise WebGPU. A worker's
 * process.env is a JavaScript copy: EGL_PLATFORM set there never reaches Mesa's getenv(), so the
 * software (opengles) path finds no adapter in a worker unless the main thread set it first.
 */
export function prepareWebGPUWorkers(): void {
  if (isNode()) process.env.EGL_PLATFORM ??= 'surfaceless';
}

export function describeAdapter(adapter: GPUAdapterLike): AdapterReport {
  const info = adapter.info ?? {};
  // Dawn's OpenGL ES adapter leaves vendor/architecture empty and names the renderer in `device`.
  const description = [info.description, info.device].filter(Boolean).join(' — ');
  const isSoftware =
    !!(info.isFallbackAdapter ?? adapter.isFallbackAdapter) ||
    SOFTWARE_ADAPTER.test(`${info.vendor ?? ''} ${info.architecture ?? ''} ${description}`);
  return { vendor: info.vendor ?? '', architecture: info.architecture ?? '', description, isSoftware };
}

/**
 * Finds a WebGPU adapter. Returns a string saying why not when there is none
 * (package missing, no adapter; with `explain`, plus Dawn's own first warning); throws only for
 * unexpected native failures.
 */
export async function findAdapter(mode: WebGPUMode, explain = true): Promise<FoundAdapter | string> {
  let gpu: GPULike;
  let options: object = { powerPreference: 'high-performance' };
  if (isNode()) {
    let dawn: { create(flags: string[]): GPULike; globals: object };
    try {
      // A variable specifier keeps browser bundlers from trying to bundle Dawn's native addon.
      const dawnPackage = 'webgpu';
      dawn = (await import(/* @vite-ignore */ dawnPackage)) as typeof dawn;
    } catch (e) {
      return `the optional 'webgpu' package (Dawn for Node) could not be loaded: ${(e as Error).message}`;
    }
    if (mode === 'opengles') {
      // Mesa's EGL needs no display server with the surfaceless platform.
      process.env.EGL_PLATFORM ??= 'surfaceless';
      options = { featureLevel: 'compatibility' };
    }
    const probe = await probeDawnInChild(mode, options);
    if (probe.found === false) return `no WebGPU adapter was found (Dawn backend: ${mode})${explain && probe.note ? `: ${probe.note}` : ''}`;
    Object.assign(globalThis, dawn.globals);
    gpu = dawn.create(mode === 'default' ? [] : [`backend=${mode}`]);
    keepAlive.push(gpu);
  } else {
    const nav = (globalThis as { navigator?: { gpu?: GPULike } }).navigator;
    if (!nav?.gpu) return 'this browser does not expose navigator.gpu (WebGPU is off or unsupported)';
    gpu = nav.gpu;
  }
  const adapter = await gpu.requestAdapter(options);
  if (!adapter) return `no WebGPU adapter was found${isNode() ? ` (Dawn backend: ${mode})` : ''}`;
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

// Runs in the probe child: argv = [file URL of the webgpu package, Dawn backend, requestAdapter options].
const PROBE = `const [url, mode, opts] = process.argv.slice(1);
const dawn = await import(url);
Object.assign(globalThis, dawn.globals);
const adapter = await dawn.create(mode === 'default' ? [] : ['backend=' + mode]).requestAdapter(JSON.parse(opts));
process.stdout.write(JSON.stringify({ found: !!adapter }));
process.exit(0);`;

/**
 * Asks Dawn for an adapter in a child process before loading it here. Dawn writes its warnings
 * (e.g. "Couldn't load Vulkan: libvulkan.so.1 …" on every machine without a GPU) to the native
 * stderr, which Node cannot capture in-process, so probing here would leak them into every `auto`
 * run. The child's stderr is kept: its first warning becomes the one-line reason when there is no
 * adapter. `found` is undefined when the probe itself could not run (then the caller probes here).
 */
async function probeDawnInChild(mode: WebGPUMode, options: object): Promise<{ found?: boolean; note?: string }> {
  const [{ spawnSync }, { createRequire }, { pathToFileURL }, { join }] = await Promise.all([
    import('node:child_process'),
    import('node:module'),
    import('node:url'),
    import('node:path'),
  ]);
  let entry: string | undefined;
  for (const base of [typeof __filename === 'string' ? __filename : import.meta.url, join(process.cwd(), 'index.js')]) {
    try {
      entry = createRequire(base).resolve('webgpu');
      break;
    } catch {
      // not installed from this base
    }
  }
  if (!entry) return {};
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE, pathToFileURL(entry).href, mode, JSON.stringify(options)], {
    encoding: 'utf8',
    timeout: 30_000,
    env: process.env,
  });
  let found: boolean | undefined;
  try {
    found = (JSON.parse(r.stdout) as { found: boolean }).found;
  } catch {
    return {};
  }
  const warning = r.stderr.split('\n').find((l) => /\S/.test(l) && !/^\s+at /.test(l));
  return { found, note: warning?.replace(/^\s*(Warning|Error):\s*/i, '').trim() };
}
