// Shared optimizer types. Optimizer state is plain data (Float32Array buffers keyed by parameter
// name) so that a checkpoint can store it and a resumed run continues bit-for-bit.
import type { tf } from '@numfeat/tensor';

export type OptimizerName = 'adamw' | 'muon';

export interface OptimizerOptions {
  name: OptimizerName;
  /** Peak learning rate: AdamW's for 'adamw', the orthogonalised update's for 'muon' (default 1e-3 / 0.02). */
  lr?: number;
  /** Decoupled weight decay λ (p ← p − lr·λ·p), applied to 'matrix' and 'embedding' params only (default 0). */
  weightDecay?: number;
  /** AdamW betas (default [0.9, 0.95]). */
  betas?: [number, number];
  /** AdamW epsilon (default 1e-8). */
  eps?: number;
  /** Muon momentum (default 0.95). */
  momentum?: number;
  /** Muon Nesterov momentum (default true). */
  nesterov?: boolean;
  /** Muon Newton–Schulz steps (default 5). */
  nsSteps?: number;
  /** Learning rate of Muon's AdamW groups: embeddings, gains, biases, vectors (default 3e-4). */
  adamLr?: number;
}

/** Everything an optimizer needs to continue exactly: step count and one buffer per slot and param. */
export interface OptimizerState {
  name: OptimizerName;
  step: number;
  /** slots[paramName][slotName] = the slot's values (row-major, the param's shape). */
  slots: Record<string, Record<string, Float32Array>>;
}

export interface Optimizer {
  readonly name: OptimizerName;
  /** The resolved options (defaults filled in). */
  readonly options: Required<OptimizerOptions>;
  /** One update of every param that has a gradient in `grads` (keyed by param name); lr is multiplied by lrScale. */
  step(grads: Record<string, tf.Tensor>, lrScale: number): void;
  /** A copy of the moments and step count (asynchronous: GPU backends read back asynchronously). */
  getState(): Promise<OptimizerState>;
  setState(state: OptimizerState): void;
  dispose(): void;
}
