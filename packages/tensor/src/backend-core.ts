// Backend selection: the only code in numfeat that knows TF.js backends exist. What differs between
// Node and browsers (loading tfjs-node; finding a WebGPU adapter through Dawn or navigator.gpu) comes
// in as a BackendHost, so this file imports no Node built-in and both entries share it: backend.ts
// (Node) and backend-browser.ts give initBackend its host.
import { NumfeatError } from '@numfeat/core';
import { missingKernels } from './kernels.js';
import { tf } from './tf.js';
import { installWasmKernels } from './wasm-kernels.js';
import { installWebGPUKernels } from './webgpu-kernels.js';
import { isNode, registerWebGPU, WEBGPU_MODES, type AdapterReport, type FoundAdapter, type WebGPUMode } from './webgpu-adapter.js';

export type BackendName = 'wasm' | 'cpu' | 'webgpu' | 'tensorflow';
export type BackendRequest = 'auto' | BackendName;
export const BACKEND_NAMES: readonly BackendRequest[] = ['auto', 'wasm', 'cpu', 'webgpu', 'tensorflow'];

export interface BackendReport {
  name: BackendName;
  requested: BackendRequest;
  /** Why this backend was chosen, as a sentence. */
  reason: string;
  tried: { name: BackendName; ok: boolean; why: string }[];
  /** wasm only: SIMD support (null on other backends). */
  simd: boolean | null;
  /** wasm only: worker threads in use (1 in Node: the wasm backend runs single-threaded there). */
  threads: number | null;
  adapter?: AdapterReport & { mode?: WebGPUMode };
  /** Kernels numfeat uses (NUMFEAT_KERNELS) that this backend does not register. */
  missingKernels: string[];
  /** numfeat's own kernels serving this backend (wasm: SIMD GEMM, fused cross-entropy, …; webgpu: WGSL cross-entropy, RMSNorm, AdamW); [] when off. */
  numfeatKernels: string[];
  tfVersion: string;
}

export interface InitOptions {
  /** Dawn backend for 'webgpu' in Node; default: env NUMFEAT_WEBGPU, else 'default' (hardware). */
  webgpu?: WebGPUMode;
  /** Browsers with a bundler: URL prefix where the tfjs-backend-wasm .wasm files are served. */
  wasmPaths?: string;
}

/** What initBackend needs from where it runs. */
export interface BackendHost {
  /** A WebGPU adapter (Node: Dawn; browsers: navigator.gpu), or a sentence saying why there is none. */
  findAdapter(mode: WebGPUMode, explain: boolean): Promise<FoundAdapter | string>;
  /** Node only: the installed tfjs-node(-gpu) (package name, entry file), or undefined when neither is. */
  resolveTfjsNode?(): Promise<{ pkg: string; entry: string } | undefined>;
  /** Node only: imports that entry file (which registers the 'tensorflow' backend). */
  importTfjsNode?(entry: string): Promise<void>;
}

// `error` is what an explicit request throws; auto mode only records `why` and moves on.
type Attempt = { ok: true; extra?: Partial<BackendReport> } | { ok: false; why: string; error?: NumfeatError };

let current: BackendReport | undefined;
const envOf = (key: string): string | undefined =>
  typeof process !== 'undefined' && process.env ? process.env[key] || undefined : undefined;

/**
 * initBackend on `host` (the contract is initBackend's, in backend.ts). `requested` undefined: env
 * NUMFEAT_BACKEND, else 'auto'.
 */
export async function initBackendOn(host: BackendHost, requested: BackendRequest | undefined, options: InitOptions = {}): Promise<BackendReport> {
  const name = requested === undefined ? ((envOf('NUMFEAT_BACKEND') as BackendRequest | undefined) ?? 'auto') : requested;
  if (!BACKEND_NAMES.includes(name)) {
    throw new NumfeatError('UNKNOWN_BACKEND', `unknown backend '${String(name)}'`, {
      fix: `use one of ${BACKEND_NAMES.join(', ')} (argument or NUMFEAT_BACKEND)`,
    });
  }
  const mode = (options.webgpu ?? envOf('NUMFEAT_WEBGPU') ?? 'default') as WebGPUMode;
  if (!WEBGPU_MODES.includes(mode)) {
    throw new NumfeatError('BAD_ARGUMENT', `unknown WebGPU mode '${mode}'`, {
      fix: `set NUMFEAT_WEBGPU (or options.webgpu) to one of ${WEBGPU_MODES.join(', ')}`,
    });
  }
  // Re-initialising would replace a live backend (and strand its tensors): reuse it.
  const sameWebGPU = current?.name !== 'webgpu' || !isNode() || current.adapter?.mode === mode;
  if (current && current.requested === name && tf.getBackend() === current.name && sameWebGPU) return current;
  const tried: BackendReport['tried'] = [];
  const attempt = async (b: BackendName, why: string, auto: boolean): Promise<BackendReport | undefined> => {
    const r = await tryBackend(host, b, auto ? 'default' : mode, auto, options);
    if (!r.ok) {
      tried.push({ name: b, ok: false, why: r.why });
      if (!auto) throw r.error ?? new NumfeatError('BACKEND_UNAVAILABLE', `the '${b}' backend is not available: ${r.why}`);
      return undefined;
    }
    tried.push({ name: b, ok: true, why });
    return finish(b, name, why, tried, r.extra);
  };

  if (name !== 'auto') return (await attempt(name, `requested explicitly`, false))!;
  if (isNode()) {
    const tfn = await attempt('tensorflow', 'tfjs-node is installed: native TensorFlow is the fastest backend', true);
    if (tfn) return tfn;
  }
  const gpu = await attempt('webgpu', 'a hardware WebGPU adapter is available', true);
  if (gpu) return gpu;
  const why = isNode()
    ? 'neither tfjs-node nor a hardware WebGPU adapter is available, so the portable wasm backend runs'
    : 'no WebGPU adapter is available, so the portable wasm backend runs';
  return (await attempt('wasm', why, false))!;
}

/** The report of the last successful initBackend, or undefined before the first. */
export function getBackendReport(): BackendReport | undefined {
  return current;
}

/** One readable paragraph about a report, for logs and CLI output. */
export function describeBackend(report: BackendReport): string {
  const parts = [`TF.js ${report.tfVersion} on the '${report.name}' backend (requested: ${report.requested}) — ${report.reason}.`];
  if (report.simd !== null) parts.push(`SIMD ${report.simd ? 'on' : 'off'}, ${report.threads ?? 1} thread(s).`);
  if (report.numfeatKernels.length) parts.push(`numfeat ${report.name === 'webgpu' ? 'WGSL' : 'SIMD'} kernels: ${report.numfeatKernels.join(', ')}.`);
  if (report.adapter) {
    const a = report.adapter;
    const what = [a.vendor, a.architecture, a.description].filter(Boolean).join(' / ') || 'unnamed adapter';
    parts.push(`GPU adapter: ${what}${a.isSoftware ? ' (software rasteriser: correct but slow)' : ''}.`);
  }
  parts.push(
    report.missingKernels.length
      ? `Missing kernels numfeat uses: ${report.missingKernels.join(', ')}` +
          (report.missingKernels.includes('UnsortedSegmentSum') ? ' (use embeddingLookup instead of a differentiated tf.gather).' : '.')
      : 'All kernels numfeat uses are present.',
  );
  const failed = report.tried.filter((t) => !t.ok);
  if (failed.length) parts.push(`Not used: ${failed.map((t) => `${t.name} (${t.why})`).join('; ')}.`);
  return parts.join(' ');
}

async function finish(
  name: BackendName,
  requested: BackendRequest,
  reason: string,
  tried: BackendReport['tried'],
  extra: Partial<BackendReport> = {},
): Promise<BackendReport> {
  current = {
    name,
    requested,
    reason,
    tried,
    simd: null,
    threads: null,
    missingKernels: missingKernels(name),
    numfeatKernels: [],
    tfVersion: tf.version.tfjs,
    ...extra,
  };
  return current;
}

async function tryBackend(host: BackendHost, name: BackendName, mode: WebGPUMode, auto: boolean, options: InitOptions): Promise<Attempt> {
  const initFailed = (what: string, fix: string, cause?: unknown): Attempt => ({
    ok: false,
    why: what,
    error: new NumfeatError('BACKEND_INIT_FAILED', `the '${name}' backend failed to initialise: ${what}`, { fix, cause }),
  });
  const unavailable = (what: string, fix: string): Attempt => ({
    ok: false,
    why: what,
    error: new NumfeatError('BACKEND_UNAVAILABLE', `the '${name}' backend is not available: ${what}`, { fix }),
  });
  const activate = async (): Promise<string | undefined> => {
    try {
      if (await tf.setBackend(name)) return undefined;
      return 'tf.setBackend returned false';
    } catch (e) {
      return (e as Error).message;
    }
  };

  switch (name) {
    case 'cpu': {
      const err = await activate();
      if (err) return initFailed(err, 'report this: the cpu backend ships with @tensorflow/tfjs');
      // Our report already says tfjs-node is faster; skip the cpu backend's own console banner.
      (tf.backend() as { firstUse?: boolean }).firstUse = false;
      return { ok: true };
    }
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (options.wasmPaths) wasm.setWasmPaths(options.wasmPaths);
      const err = await activate();
      if (err) return initFailed(err, 'check that @tensorflow/tfjs-backend-wasm is installed with its .wasm files (not bundled away)');
      const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
      // NUMFEAT_WASM_KERNELS=off keeps TF.js's own kernels (for A/B measurements and bisecting).
      const numfeatKernels = simd && envOf('NUMFEAT_WASM_KERNELS') !== 'off' ? await installWasmKernels() : [];
      return { ok: true, extra: { simd, threads: wasm.getThreadsCount(), numfeatKernels } };
    }
    case 'tensorflow': {
      if (!isNode() || !host.resolveTfjsNode || !host.importTfjsNode) {
        return unavailable('tfjs-node runs only in Node.js (through the Node entry of @numfeat/tensor)', "use 'webgpu' or 'wasm' in browsers");
      }
      const found = await host.resolveTfjsNode();
      if (!found) {
        return unavailable(
          'neither @tensorflow/tfjs-node nor @tensorflow/tfjs-node-gpu is installed',
          'run `npm i @tensorflow/tfjs-node` (or @tensorflow/tfjs-node-gpu with CUDA 11.2 + cuDNN 8.1); it downloads libtensorflow at install time',
        );
      }
      const { pkg, entry } = found;
      try {
        await host.importTfjsNode(entry);
      } catch (e) {
        return initFailed(`${pkg} could not be loaded: ${(e as Error).message}`, `reinstall it (\`npm rebuild ${pkg}\`) so libtensorflow is downloaded`, e);
      }
      const err = await activate();
      return err ? initFailed(err, `reinstall ${pkg}; its TF.js version must match @tensorflow/tfjs ${tf.version.tfjs}`) : { ok: true };
    }
    case 'webgpu': {
      let found;
      try {
        found = await host.findAdapter(mode, !auto); // Dawn's own reason matters only to who asked for webgpu
      } catch (e) {
        return initFailed((e as Error).message, webgpuFix(mode), e);
      }
      if (typeof found === 'string') {
        if (found.includes("'webgpu' package")) return unavailable(found, 'run `npm i webgpu` (Dawn for Node, 130 MB: an optional peer dependency of @numfeat/tensor, not installed with it)');
        return initFailed(found, webgpuFix(mode));
      }
      if (auto && found.report.isSoftware) {
        return { ok: false, why: `only a software adapter (${found.report.description}) was found; auto never picks one` };
      }
      await registerWebGPU(found);
      const err = await activate();
      if (err) return initFailed(err, webgpuFix(mode));
      // NUMFEAT_WEBGPU_KERNELS=off keeps TF.js's composites (A/B measurements, bisecting).
      const numfeatKernels = installWebGPUKernels(envOf('NUMFEAT_WEBGPU_KERNELS') !== 'off');
      return { ok: true, extra: { adapter: { ...found.report, ...(isNode() ? { mode } : {}) }, numfeatKernels } };
    }
  }
}

function webgpuFix(mode: WebGPUMode): string {
  if (!isNode()) return 'use a browser with WebGPU enabled (Chrome/Edge 113+), or use the wasm backend';
  if (mode === 'opengles') {
    return 'install Mesa’s EGL/GLES drivers (Debian: apt-get install libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri) and keep EGL_PLATFORM=surfaceless';
  }
  return (
    'on a GPU machine install the Vulkan loader and driver ICD (Debian: libvulkan1 + the vendor driver); ' +
    'on a GPU-less Linux install Mesa (apt-get install libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri) and set NUMFEAT_WEBGPU=opengles for the software path'
  );
}
