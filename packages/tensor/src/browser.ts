// @numfeat/tensor in browsers (the package's `browser` export condition): the same API as the Node
// entry, with an initBackend that finds WebGPU through navigator.gpu and never reaches a Node
// built-in (no tfjs-node, no Dawn). prepareWebGPUWorkers (Node worker threads) is Node-only.
export * from '@numfeat/core';
export * from './api.js';
export { initBackend } from './backend-browser.js';
