// Public API of @numfeat/models in Node. Browsers get browser.ts through the `browser` export
// condition: the same models, optimizers and training loop, without files and worker threads.
export * from './api.js';
export { train } from './train/trainer.js';
export { encodeCheckpoint, decodeCheckpoint, readCheckpoint, writeCheckpoint, CHECKPOINT_VERSION } from './train/checkpoint.js';
export { runSweep, runSweepJob, runSweepTask, type SweepRun, type SweepResult, type SweepOptions } from './train/sweep.js';
export { DataParallel, splitRows } from './train/data-parallel.js';
export { trainWord2vec, type Word2vecOptions, type Word2vecResult } from './classic/word2vec.js';
export { runPool, type PoolTask, type PoolOutcome, type PoolEvent, type PoolOptions, type PoolBackend, type TaskContext } from './pool/worker-pool.js';
export * from './loaders.js';
