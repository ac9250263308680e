// initBackend in browsers (the package's `browser` export condition): WebGPU through navigator.gpu,
// else wasm, whose .wasm files the page serves (options.wasmPaths). No Node built-in is reached.
import { initBackendOn, type BackendHost, type BackendReport, type BackendRequest, type InitOptions } from './backend-core.js';
import { findBrowserAdapter } from './webgpu-adapter.js';

const BROWSER_HOST: BackendHost = { findAdapter: () => findBrowserAdapter() };

/**
 * Picks, initialises and reports a TF.js backend: `auto` takes `webgpu` when the browser has an
 * adapter, else `wasm`; `tensorflow` (tfjs-node) is unavailable here. Pass `wasmPaths`, the URL
 * prefix where `@tensorflow/tfjs-backend-wasm`'s .wasm files are served. Call it once before
 * creating tensors.
 */
export function initBackend(name?: BackendRequest, options: InitOptions = {}): Promise<BackendReport> {
  return initBackendOn(BROWSER_HOST, name, options);
}
