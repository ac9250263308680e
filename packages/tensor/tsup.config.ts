import { numfeatTsup } from '../../tsup.base';

// No shims: tsup's ESM shim imports node's `path`/`url` into the chunk that `./core` shares, which
// breaks browser bundles of every package built on core. Nothing needs them: resolveTfjsNode reads
// __filename where CJS has it and import.meta.url only in ESM (so the CJS build's empty
// import.meta is never read, and esbuild's warning about it is silenced).
export default numfeatTsup({
  entry: ['src/index.ts', 'src/core.ts'],
  shims: false,
  esbuildOptions(options) {
    options.logOverride = { ...options.logOverride, 'empty-import-meta': 'silent' };
  },
});
