import { tf } from './tf.js';

/**
 * The TF.js kernels numfeat's ops and models rely on. `missingKernels(backend)` compares this list
 * with what a backend registers, so a report can say up front what will fail there.
 * UnsortedSegmentSum is gather's default gradient (an embedding lookup under `tf.grad`);
 * `embeddingLookup` works around its absence on wasm, but a raw `tf.gather` under a gradient does not.
 */
export const NUMFEAT_KERNELS: readonly string[] = [
  'Abs', 'Add', 'AddN', 'ArgMax', 'BatchMatMul', 'Cast', 'Concat', 'Cos', 'Cumsum', 'Equal', 'Exp',
  'Fill', 'GatherV2', 'Greater', 'Less', 'Log', 'Max', 'Maximum', 'Mean', 'Min', 'Minimum', 'Multiply',
  'Neg', 'OneHot', 'PadV2', 'Pow', 'Prod', 'RealDiv', 'Relu', 'Reshape', 'Rsqrt', 'Select', 'Sigmoid',
  'Sin', 'Slice', 'Softmax', 'Softplus', 'Sqrt', 'Square', 'SquaredDifference', 'Sub', 'Sum', 'Tanh',
  'Tile', 'Transpose', 'UnsortedSegmentSum',
];

/** Kernels in NUMFEAT_KERNELS that `backend` does not register (sorted). */
export function missingKernels(backend: string): string[] {
  const have = new Set(tf.getKernelsForBackend(backend).map((k) => k.kernelName));
  return NUMFEAT_KERNELS.filter((k) => !have.has(k)).sort();
}

/** True when the active backend registers `kernel` (how every fused op picks its kernel or its composite). */
export function activeBackendHas(kernel: string): boolean {
  return tf.getKernel(kernel, tf.getBackend()) !== undefined;
}
