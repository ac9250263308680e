// Float64 bridges between TF.js (float32) and the analysis packages (float64).
// Reads are async: webgpu in Node has no synchronous reads.
import { NumfeatError, toMatrix64, type Matrix64 } from '@numfeat/core';
import { tf, type Tensor, type Tensor2D } from './tf.js';

/** Any tensor's values as a float64 copy (row-major). */
export async function toFloat64(tensor: Tensor): Promise<Float64Array> {
  return Float64Array.from(await tensor.data());
}

/** A rank-2 tensor as a validated Matrix64 (throws NON_FINITE on NaN/Inf). */
export async function matrixFromTensor(tensor: Tensor2D, name = 'tensor'): Promise<Matrix64> {
  if (tensor.rank !== 2) {
    throw new NumfeatError('SHAPE_MISMATCH', `${name} must be rank 2, got shape [${tensor.shape.join(', ')}]`, {
      fix: 'reshape it to [rows, cols]',
    });
  }
  return toMatrix64({ data: await tensor.data(), shape: tensor.shape }, name);
}

/** A float32 tensor [rows, cols] from a Matrix64 (values rounded to float32). */
export function tensorFromMatrix64(m: Matrix64): Tensor2D {
  if (!(m?.data instanceof Float64Array) || m.data.length !== m.rows * m.cols) {
    throw new NumfeatError('SHAPE_MISMATCH', 'tensorFromMatrix64 needs { data: Float64Array, rows, cols } with data.length = rows × cols', {
      fix: 'build the matrix with toMatrix64()',
    });
  }
  return tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols], 'float32');
}
