import { numfeatTsup } from '../../tsup.base';

// Three entries: the Node API, `core`, and dist/browser.js (the `browser` export condition), whose
// initBackend never reaches a Node built-in. No shims: backend.ts and webgpu.ts read the native
// __filename under CJS and import.meta.url only under ESM, and the ESM shim would put Node's
// path/url into the chunk the other entries share. (So the CJS build's empty import.meta is never
// read; its warning is silenced.)
export default numfeatTsup({
  entry: ['src/index.ts', 'src/core.ts', 'src/browser.ts'],
  esbuildOptions(options) {
    options.logOverride = { ...options.logOverride, 'empty-import-meta': 'silent' };
  },
});
