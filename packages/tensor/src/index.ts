// @numfeat/tensor in Node: TF.js backend selection and backend-safe ops. (The tf-free part is
// @numfeat/core, re-exported here.) Browsers get browser.ts through the `browser` export condition.
export * from '@numfeat/core';
export * from './api.js';
export { initBackend } from './backend.js';
export { prepareWebGPUWorkers } from './webgpu.js';
