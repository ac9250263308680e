// @numfeat/tensor: TF.js backend selection and backend-safe ops. (The tf-free part is @numfeat/core, re-exported here.)
export * from '@numfeat/core';
export { tf } from './tf.js';
export type { Tensor, Tensor1D, Tensor2D, Scalar } from './tf.js';
export {
  initBackend,
  getBackendReport,
  describeBackend,
  BACKEND_NAMES,
  type BackendName,
  type BackendRequest,
  type BackendReport,
  type InitOptions,
} from './backend.js';
export { NUMFEAT_KERNELS, missingKernels } from './kernels.js';
export { WEBGPU_MODES, prepareWebGPUWorkers, type WebGPUMode, type AdapterReport } from './webgpu.js';
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
