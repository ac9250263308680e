import { numfeatTsup } from '../../tsup.base';

// No shims: backend.ts reads the native __filename under CJS and import.meta.url only under ESM, and
// the ESM shim would put Node's path/url into the chunk that the `core` re-export shares. (So the
// CJS build's empty import.meta is never read; its warning is silenced.)
export default numfeatTsup({
  entry: ['src/index.ts', 'src/core.ts'],
  esbuildOptions(options) {
    options.logOverride = { ...options.logOverride, 'empty-import-meta': 'silent' };
  },
});
