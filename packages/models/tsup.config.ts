import { numfeatTsup } from '../../tsup.base';

// data-parallel-worker: the worker thread script of DataParallel, found next to the bundle at run time.
// shims: the CJS build gets a working import.meta.url (DataParallel resolves the worker script with it).
export default numfeatTsup({ entry: { index: 'src/index.ts', 'data-parallel-worker': 'src/train/data-parallel-worker.ts' }, shims: true });
