// Muon (Keller Jordan): momentum SGD whose update for each hidden 2-D weight is replaced by the
// nearest semi-orthogonal matrix, approximated by a quintic Newton–Schulz iteration. Embeddings,
// gains, biases and vectors get AdamW (design.md §7).
import { tf } from '@numfeat/tensor';
import type { Param } from '../model.js';
import { ADAM_SLOTS, adamwUpdate, type AdamHyper } from './adamw.js';
import { SlotStore } from './slots.js';
import type { Optimizer, OptimizerOptions, OptimizerState } from './types.js';

/** The quintic's coefficients (a, b, c): X ← aX + b(XXᵀ)X + c(XXᵀ)²X. */
export const NS_COEFFICIENTS = [3.4445, -4.775, 2.0315] as const;

/**
 * Approximately orthogonalises G [rows, cols]: G/‖G‖_F, then `steps` quintic Newton–Schulz
 * iterations. Each singular value σ of G/‖G‖_F becomes f^steps(σ) with f(x) = ax + bx³ + cx⁵;
 * the coefficients trade exactness for speed: after 5 steps every σ ≳ 0.01 lands in ≈ [0.68, 1.13]
 * (not exactly 1 — Muon only needs "roughly orthogonal"). Works on the short side (transposes when
 * rows > cols) so XXᵀ is the smaller Gram matrix.
 */
export function newtonSchulz5(g: tf.Tensor2D, steps = 5): tf.Tensor2D {
  const [a, b, c] = NS_COEFFICIENTS;
  return tf.tidy(() => {
    const [rows, cols] = g.shape;
    const tall = rows > cols;
    let x = tf.div(g, tf.add(tf.norm(g), 1e-7)) as tf.Tensor2D;
    if (tall) x = tf.transpose(x);
    for (let i = 0; i < steps; i++) {
      const gram = tf.matMul(x, tf.transpose(x)); // explicit transpose: the fast 2-D path on wasm
      const poly = tf.add(tf.mul(gram, b), tf.mul(tf.matMul(gram, gram), c));
      x = tf.add(tf.mul(x, a), tf.matMul(poly, x));
    }
    return tall ? tf.transpose(x) : x;
  });
}

/**
 * Muon for params with group 'matrix' (momentum buffer, Nesterov look-ahead, Newton–Schulz, then
 * p ← p(1 − lr·λ) − lr·√max(1, rows/cols)·O). The √max(1, rows/cols) factor (Keller Jordan's)
 * keeps the per-element update size comparable for tall matrices, whose orthogonalised update has
 * unit singular values spread over fewer columns. Every other param gets AdamW with `adamLr`.
 */
export function createMuon(options: Required<OptimizerOptions>, params: readonly Param[]): Optimizer {
  const isMuon = (p: Param) => p.group === 'matrix' && p.variable.rank === 2;
  const slots = new SlotStore(params, (p) => (isMuon(p) ? ['momentum'] : ADAM_SLOTS));
  let t = 0;
  return {
    name: 'muon',
    options,
    step(grads, lrScale) {
      t++;
      const lr = options.lr * lrScale;
      const adam: AdamHyper = { lr: options.adamLr * lrScale, betas: options.betas, eps: options.eps, weightDecay: options.weightDecay };
      for (const p of params) {
        const g = grads[p.name];
        if (!g) continue;
        if (!isMuon(p)) {
          adamwUpdate(p, g, slots.get(p.name, 'm'), slots.get(p.name, 'v'), t, adam);
          continue;
        }
        const buf = slots.get(p.name, 'momentum');
        const [rows, cols] = p.variable.shape as [number, number];
        const scale = Math.sqrt(Math.max(1, rows / cols));
        tf.tidy(() => {
          const bufNew = tf.add(tf.mul(buf, options.momentum), g);
          buf.assign(bufNew);
          const direction = options.nesterov ? tf.add(g, tf.mul(bufNew, options.momentum)) : bufNew;
          const ortho = newtonSchulz5(direction as tf.Tensor2D, options.nsSteps);
          const shrunk = options.weightDecay === 0 ? p.variable : tf.mul(p.variable, 1 - lr * options.weightDecay);
          p.variable.assign(tf.sub(shrunk, tf.mul(ortho, lr * scale)));
        });
      }
    },
    getState: async (): Promise<OptimizerState> => ({ name: 'muon', step: t, slots: await slots.read() }),
    setState(state) {
      slots.write(state.slots);
      t = state.step;
    },
    dispose: () => slots.dispose(),
  };
}
