import { numfeatTsup } from '../../tsup.base';

// pool-worker: the worker thread script of runPool, found next to the bundle at run time.
// shims: the CJS build gets a working import.meta.url (runPool resolves the worker script with it).
export default numfeatTsup({ entry: { index: 'src/index.ts', 'pool-worker': 'src/pool/pool-worker.ts' }, shims: true });
