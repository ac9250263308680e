// @numfeat/models in browsers (the package's `browser` export condition): every architecture, the
// optimizers and the same training loop as Node's train(), in memory on one thread (no outDir,
// checkpoints, threads > 1, sweeps, word2vec or file loaders: those need node:fs / worker threads).
export * from './api.js';
export { train } from './train/trainer-browser.js';
