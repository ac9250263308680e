// @numfeat/data-gen in browsers (the package's `browser` export condition): everything but the
// bundled real corpus (read from npm packages with node:fs). batches takes in-memory token streams
// (ids) only, and numberCorpus builds the synthetic source only; both refuse the rest with a fix.
export * from './api.js';
export { batches } from './loader/batches-browser.js';
export { numberCorpus } from './pipeline/number-corpus-browser.js';
