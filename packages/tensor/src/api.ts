// What both entries of @numfeat/tensor export (index.ts for Node, browser.ts for browsers): everything
// but initBackend, whose Node and browser versions differ in how they find tfjs-node and WebGPU,
// and @numfeat/core, which each entry re-exports itself (a bundler keeps `export *` of a package as
// a static re-export only in the entry file).
export { tf } from './tf.js';
export type { Tensor, Tensor1D, Tensor2D, Scalar } from './tf.js';
export {
  getBackendReport,
  describeBackend,
  BACKEND_NAMES,
  type BackendName,
  type BackendRequest,
  type BackendReport,
  type InitOptions,
} from './backend-core.js';
export { NUMFEAT_KERNELS, missingKernels } from './kernels.js';
export { WEBGPU_MODES, type WebGPUMode, type AdapterReport } from './webgpu-adapter.js';
export { matMul2d, matMul2dTransposeB, transposedMatMulIsSlow, embeddingLookup, ONE_HOT_CHUNK_ELEMENTS, type EmbeddingLookupOptions } from './ops.js';
export { nllFromLogits, softmaxCrossEntropyFromIds, hasFusedCrossEntropy, NLL_KERNEL, NLL_GRAD_KERNEL } from './cross-entropy.js';
export { fusedLstmScan, hasFusedLstmScan, LSTM_SCAN_KERNEL, LSTM_SCAN_GRAD_KERNEL } from './lstm-scan.js';
export { fusedAdamWUpdate, hasFusedAdamW, ADAMW_KERNEL, type FusedAdamWHyper } from './optimizer-kernels.js';
export { fusedRmsNorm, hasFusedRmsNorm, RMS_NORM_KERNEL, RMS_NORM_GRAD_KERNEL } from './rms-norm.js';
export { fusedCausalAttention, hasFusedAttention, ATTENTION_KERNEL, ATTENTION_GRAD_KERNEL } from './attention.js';
export { installWasmKernels, hasWasmKernels, WASM_KERNEL_NAMES } from './wasm-kernels.js';
export { installWebGPUKernels, WEBGPU_KERNEL_NAMES } from './webgpu-kernels.js';
export { toFloat64, matrixFromTensor, tensorFromMatrix64 } from './float64.js';
export {
  CONFORMANCE_CASES,
  compareResults,
  finiteDifferenceGradient,
  BACKEND_TOLERANCE,
  REFERENCE_TOLERANCE,
  FD_TOLERANCE,
  FD_STEP,
  type ConformanceCase,
  type Tolerance,
  type Agreement,
} from './conformance.js';
