// The one TensorFlow.js import of numfeat. The union package (not tfjs-core alone) registers the
// gradients and chained ops; it shares its engine with every backend package.
import * as tf from '@tensorflow/tfjs';

export { tf };
export type { Tensor, Tensor1D, Tensor2D, Scalar, Rank } from '@tensorflow/tfjs';
