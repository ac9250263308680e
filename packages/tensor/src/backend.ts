// initBackend in Node: tfjs-node when it is installed, WebGPU through Dawn (the optional `webgpu`
// package), else wasm. The selection itself is backend-core.ts (shared with the browser entry).
import { initBackendOn, type BackendHost, type BackendReport, type BackendRequest, type InitOptions } from './backend-core.js';
import { findAdapter } from './webgpu.js';

const NODE_HOST: BackendHost = {
  findAdapter,
  resolveTfjsNode,
  async importTfjsNode(entry) {
    const { pathToFileURL } = await import('node:url');
    await import(/* @vite-ignore */ pathToFileURL(entry).href);
  },
};

/**
 * Picks, initialises and reports a TF.js backend. `auto`: in Node `tensorflow` when tfjs-node(-gpu)
 * is installed, else `webgpu` on a hardware GPU adapter, else `wasm`; in browsers `webgpu` when an
 * adapter exists, else `wasm`. `name` defaults to env NUMFEAT_BACKEND, else 'auto'. Call it once
 * before creating tensors.
 */
export function initBackend(name?: BackendRequest, options: InitOptions = {}): Promise<BackendReport> {
  return initBackendOn(NODE_HOST, name, options);
}

/** Resolved entry file of an installed tfjs-node(-gpu), resolved from the user's project or from here. */
async function resolveTfjsNode(): Promise<{ pkg: string; entry: string } | undefined> {
  const { createRequire } = await import('node:module');
  const { join } = await import('node:path');
  const bases = [join(process.cwd(), 'index.js')];
  if (typeof __filename === 'string') bases.push(__filename);
  else bases.push(import.meta.url);
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    for (const base of bases) {
      try {
        return { pkg, entry: createRequire(base).resolve(pkg) };
      } catch {
        // not installed from this base
      }
    }
  }
  return undefined;
}
