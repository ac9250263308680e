// The recurrence of one LSTM layer as a single fused op where the backend has numfeat's kernels
// (wasm): ~20 TF.js ops per time step forward and backward become one kernel call each way.
// Models keep their step-by-step reference (models/src/lstm.ts lstmScan) for other backends, and
// a test holds the two to the same numbers.
import { activeBackendHas } from './kernels.js';
import { tf, type Tensor } from './tf.js';

/** Kernel: xGates [T, B, 4H], wh [H, 4H] → [hs [T, B, H], cs [T, B, H], acts [T, B, 4H]]. */
export const LSTM_SCAN_KERNEL = 'NumfeatLstmScan';
/** Kernel: dy [T, B, H], wh, hs, cs, acts → [dxGates [T, B, 4H], dWh [H, 4H]]. */
export const LSTM_SCAN_GRAD_KERNEL = 'NumfeatLstmScanGrad';

type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];

/** True when the active backend runs the fused LSTM recurrence. */
export function hasFusedLstmScan(): boolean {
  return activeBackendHas(LSTM_SCAN_KERNEL);
}

/**
 * h [T, B, H] of the LSTM recurrence over input gates xGates [T, B, 4H] (W_x x_t + b, gate order
 * i, f, g, o) with W_h [H, 4H], from h₋₁ = c₋₁ = 0 — one kernel each way. Only where
 * hasFusedLstmScan(); elsewhere use the model's reference recurrence.
 */
export const fusedLstmScan = tf.customGrad(((xGates: tf.Tensor3D, wh: tf.Tensor2D, save: tf.GradSaveFunc) => {
  const [hs, cs, acts] = tf.engine().runKernel(LSTM_SCAN_KERNEL, { xGates, wh }) as Tensor[];
  save([wh, hs!, cs!, acts!]);
  return {
    value: hs!,
    gradFunc: (dy: Tensor, [w, h, c, a]: Tensor[]) =>
      tf.engine().runKernel(LSTM_SCAN_GRAD_KERNEL, { dy, wh: w!, hs: h!, cs: c!, acts: a! }) as Tensor[],
  };
}) as unknown as CustomGradientFunc) as (xGates: tf.Tensor3D, wh: tf.Tensor2D) => tf.Tensor3D;
