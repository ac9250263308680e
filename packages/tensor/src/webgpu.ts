// WebGPU in Node: Dawn through the optional `webgpu` package, probed in a child process first.
// (Node-only: child_process, module, url, path. The browser path and the backend registration
// are in webgpu-adapter.ts, which both entries share.)
import { findBrowserAdapter, isNode, keepAlive, requestAdapter, type FoundAdapter, type GPULike, type WebGPUMode } from './webgpu-adapter.js';

export type { WebGPUMode } from './webgpu-adapter.js';

/**
 * Call in the main thread before starting worker threads that will initialise WebGPU. A worker's
 * process.env is a JavaScript copy: EGL_PLATFORM set there never reaches Mesa's getenv(), so the
 * software (opengles) path finds no adapter in a worker unless the main thread set it first.
 */
export function prepareWebGPUWorkers(): void {
  if (isNode()) process.env.EGL_PLATFORM ??= 'surfaceless';
}

/**
 * Finds a WebGPU adapter. Returns a string saying why not when there is none
 * (package missing, no adapter; with `explain`, plus Dawn's own first warning); throws only for
 * unexpected native failures.
 */
export async function findAdapter(mode: WebGPUMode, explain = true): Promise<FoundAdapter | string> {
  if (!isNode()) return findBrowserAdapter();
  let options: object = { powerPreference: 'high-performance' };
  let dawn: { create(flags: string[]): GPULike; globals: object };
  try {
    // A variable specifier keeps bundlers from trying to bundle Dawn's native addon.
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
  const gpu: GPULike = dawn.create(mode === 'default' ? [] : [`backend=${mode}`]);
  keepAlive.push(gpu);
  return requestAdapter(gpu, options, ` (Dawn backend: ${mode})`);
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
