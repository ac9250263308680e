import { numfeatTsup } from '../../tsup.base';

// pool-worker and data-parallel-worker: worker thread scripts (of runPool and DataParallel), found
// next to the bundle at run time. shims: the CJS build gets a working import.meta.url (both resolve
// their worker script with it).
export default numfeatTsup({
  entry: { index: 'src/index.ts', 'pool-worker': 'src/pool/pool-worker.ts', 'data-parallel-worker': 'src/train/data-parallel-worker.ts' },
  shims: true,
});
