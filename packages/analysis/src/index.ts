// @numfeat/analysis — the standard measurement of number embeddings, as one library call.
export * from './browser.js';
export { writeFigures } from './write-figures.js';
