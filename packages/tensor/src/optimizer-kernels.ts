// AdamW's update of one parameter as one kernel where the backend has numfeat's (wasm): the
// composite form is ~12 TF.js ops per parameter and step, which at the study's sizes costs more
// in dispatch than in arithmetic.
import { activeBackendHas } from './kernels.js';
import { tf, type Tensor } from './tf.js';

/** Kernel: p, g, m, v + attrs {lr, beta1, beta2, bc1, bc2, eps, keep} → [p', m', v']. */
export const ADAMW_KERNEL = 'NumfeatAdamW';

export interface FusedAdamWHyper {
  lr: number;
  beta1: number;
  beta2: number;
  /** Bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ. */
  bc1: number;
  bc2: number;
  eps: number;
  /** Decoupled weight decay as the factor p is multiplied by first, 1 − lr·λ (1: none). */
  keep: number;
}

/** True when the active backend runs the fused AdamW update. */
export function hasFusedAdamW(): boolean {
  return activeBackendHas(ADAMW_KERNEL);
}

/**
 * [p', m', v'] of one AdamW step (m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g²,
 * p' = keep·p − lr·(m'/bc₁)/(√(v'/bc₂) + ε)); only where hasFusedAdamW().
 */
export function fusedAdamWUpdate(p: Tensor, g: Tensor, m: Tensor, v: Tensor, h: FusedAdamWHyper): [Tensor, Tensor, Tensor] {
  return tf.engine().runKernel(ADAMW_KERNEL, { p, g, m, v }, h as unknown as tf.NamedAttrMap) as [Tensor, Tensor, Tensor];
}
