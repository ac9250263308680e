import { numfeatTsup } from '../../tsup.base';

// browser: dist/browser.js (the `browser` export condition), the models and the training loop
// without files or worker threads. pool-worker and data-parallel-worker: worker thread scripts (of
// runPool and DataParallel), found next to the bundle at run time. shims: the CJS build gets a
// working import.meta.url (both resolve their worker script with it). The ESM shim (a __filename
// built with node:path/node:url) is left out: esbuild would import it from every entry, the browser
// one too, and the ESM code reads import.meta.url (sweep.ts tests `typeof __filename` first).
export default numfeatTsup({
  entry: {
    index: 'src/index.ts',
    browser: 'src/browser.ts',
    'pool-worker': 'src/pool/pool-worker.ts',
    'data-parallel-worker': 'src/train/data-parallel-worker.ts',
  },
  shims: true,
  esbuildOptions(options, { format }) {
    if (format === 'esm') options.inject = options.inject?.filter((file) => !file.endsWith('esm_shims.js'));
  },
});
