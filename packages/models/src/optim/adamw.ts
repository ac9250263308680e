// AdamW (Loshchilov & Hutter): Adam moments with bias correction and decoupled weight decay.
import { fusedAdamWUpdate, hasFusedAdamW, tf } from '@numfeat/tensor';
import type { Param, ParamGroup } from '../model.js';
import { SlotStore } from './slots.js';
import type { Optimizer, OptimizerOptions, OptimizerState } from './types.js';

/** Weight decay shrinks weight matrices and embeddings only; gains, biases and vectors are left alone (nanoGPT). */
export const DECAYED_GROUPS: ReadonlySet<ParamGroup> = new Set(['matrix', 'embedding']);

export const ADAM_SLOTS = ['m', 'v'] as const;

export interface AdamHyper {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
}

/**
 * One AdamW update of `param` in place, `t` = 1-based step:
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p(1 − lr·λ) − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε).
 */
export function adamwUpdate(param: Param, grad: tf.Tensor, m: tf.Variable, v: tf.Variable, t: number, h: AdamHyper): void {
  const [b1, b2] = h.betas;
  const bc1 = 1 - b1 ** t;
  const bc2 = 1 - b2 ** t;
  const decay = DECAYED_GROUPS.has(param.group) ? h.lr * h.weightDecay : 0;
  if (hasFusedAdamW()) {
    // One kernel (wasm): the same float32 operations as the composite form below.
    const [pNew, mNew, vNew] = fusedAdamWUpdate(param.variable, grad, m, v, { lr: h.lr, beta1: b1, beta2: b2, bc1, bc2, eps: h.eps, keep: 1 - decay });
    m.assign(mNew);
    v.assign(vNew);
    param.variable.assign(pNew);
    tf.dispose([pNew, mNew, vNew]);
    return;
  }
  tf.tidy(() => {
    const mNew = tf.add(tf.mul(m, b1), tf.mul(grad, 1 - b1));
    const vNew = tf.add(tf.mul(v, b2), tf.mul(tf.square(grad), 1 - b2));
    m.assign(mNew);
    v.assign(vNew);
    const update = tf.div(tf.div(mNew, bc1), tf.add(tf.sqrt(tf.div(vNew, bc2)), h.eps));
    const p = param.variable;
    const shrunk = decay === 0 ? p : tf.mul(p, 1 - decay);
    p.assign(tf.sub(shrunk, tf.mul(update, h.lr)));
  });
}

/** AdamW on every param. */
export function createAdamW(options: Required<OptimizerOptions>, params: readonly Param[]): Optimizer {
  const slots = new SlotStore(params, () => ADAM_SLOTS);
  let t = 0;
  return {
    name: 'adamw',
    options,
    step(grads, lrScale) {
      t++;
      const h: AdamHyper = { lr: options.lr * lrScale, betas: options.betas, eps: options.eps, weightDecay: options.weightDecay };
      for (const p of params) {
        const g = grads[p.name];
        if (g) adamwUpdate(p, g, slots.get(p.name, 'm'), slots.get(p.name, 'v'), t, h);
      }
    },
    getState: async (): Promise<OptimizerState> => ({ name: 'adamw', step: t, slots: await slots.read() }),
    setState(state) {
      slots.write(state.slots);
      t = state.step;
    },
    dispose: () => slots.dispose(),
  };
}
